"""Cabinet reports have moved to their own app, rows, history and content types
included (``reports.0002``): the old tables go, those that refer to others first."""

from django.db import migrations

MOVED = [
    "HistoricalCabinetReport_summary_bodies",
    "HistoricalCabinetReport",
    "HistoricalReportParagraph",
    "ReportParagraph",
    "CabinetReport",
]


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0008_consultations_moved_out"),
        # The funds' link to the reports goes first: it refers to them.
        ("funding", "0005_report_grant_funds_moved_out"),
    ]

    operations = [migrations.DeleteModel(name=name) for name in MOVED]
