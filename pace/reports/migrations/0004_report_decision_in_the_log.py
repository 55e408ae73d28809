"""A cabinet report's "decision taken", kept until now as text on the report,
becomes a record of the decision log, taken by the report's committee on the day of
its meeting, on the version of the report laid before it."""

from django.db import migrations


def decisions_from_reports(apps, schema_editor):
    CabinetReport = apps.get_model("reports", "CabinetReport")
    ContentType = apps.get_model("contenttypes", "ContentType")
    PublishedVersion = apps.get_model("core", "PublishedVersion")
    Decision = apps.get_model("partnerships", "Decision")
    content_type = ContentType.objects.filter(app_label="reports", model="cabinetreport").first()
    for report in CabinetReport.objects.exclude(decision="").order_by("pk"):
        versions = PublishedVersion.objects.filter(
            content_type=content_type, object_id=report.pk
        ).order_by("number")
        laid = (
            versions.filter(published_at__date__lte=report.meeting_on).last() or versions.first()
        )
        Decision.objects.create(
            decision_maker=report.committee,
            decided_on=report.meeting_on,
            title=report.title[:200],
            text=report.decision,
            report=laid,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_annual_reports"),
        ("partnerships", "0012_decisions_and_forward_plan"),
        ("core", "0002_published_version_author"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(decisions_from_reports, migrations.RunPython.noop),
        migrations.RemoveField(model_name="cabinetreport", name="decision"),
        migrations.RemoveField(model_name="historicalcabinetreport", name="decision"),
    ]
