"""Consultations move to an app of their own (``strategy.consultations``, label
``consultations``). A unique constraint's name is also its index's name, which the
database keeps once for all tables, so the old table gives it up before the new one
is made under it; its rows move in ``consultations.0002`` and the old tables go in
``0008``."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0006_m2m_history"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="characteristicimpact",
            name="impact_once_per_characteristic",
        ),
    ]
