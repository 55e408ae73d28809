"""Consultations' rows, their audit history and their content types move here from
the strategy app, which held them before this app had its own (pace/core/moves.py).
"""

from django.db import migrations

from pace.core.moves import MoveRows


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    run_before = [("strategy", "0008_consultations_moved_out")]

    operations = [MoveRows("strategy", "consultations")]
