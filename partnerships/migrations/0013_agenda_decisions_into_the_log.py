"""Each agenda item's decision, kept until now as text on the item, becomes a
record of the decision log (``Decision``), dated the day of its meeting."""

from django.db import migrations
from django.utils import timezone


def decisions_from_items(apps, schema_editor):
    AgendaItem = apps.get_model("partnerships", "AgendaItem")
    Decision = apps.get_model("partnerships", "Decision")
    items = AgendaItem.objects.exclude(decision="").select_related("meeting")
    Decision.objects.bulk_create(
        Decision(
            meeting=item.meeting,
            agenda_item=item,
            decided_on=timezone.localdate(item.meeting.starts_at),
            title=item.title,
            text=item.decision,
        )
        for item in items.iterator()
        if item.decision.strip()
    )


def decisions_to_items(apps, schema_editor):
    AgendaItem = apps.get_model("partnerships", "AgendaItem")
    Decision = apps.get_model("partnerships", "Decision")
    for decision in Decision.objects.exclude(agenda_item=None).order_by("pk"):
        AgendaItem.objects.filter(pk=decision.agenda_item_id).update(decision=decision.text)
    Decision.objects.exclude(agenda_item=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0012_decisions_and_forward_plan"),
    ]

    operations = [
        migrations.RunPython(decisions_from_items, decisions_to_items),
        migrations.RemoveField(model_name="agendaitem", name="decision"),
        migrations.RemoveField(model_name="historicalagendaitem", name="decision"),
    ]
