"""Cabinet reports' rows, their audit history and their content types move here
from the strategy app, which held them before this app had its own; the funds whose
grants a report appends come from the funding app's table of the same pairs
(pace/core/moves.py). That choice's history starts here: the funding app kept it
per fund."""

from django.db import migrations

from pace.core.moves import MoveRows


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    run_before = [
        ("strategy", "0009_cabinet_reports_moved_out"),
        ("funding", "0005_report_grant_funds_moved_out"),
    ]

    operations = [
        MoveRows(
            "strategy",
            "reports",
            renamed={"CabinetReport_grant_funds": ("funding", "Fund_cabinet_reports")},
            new=["HistoricalCabinetReport_grant_funds"],
        )
    ]
