"""Residents' alerts about consultations: the topic ``"consultations"`` and the daily
duty that sends them (a consultation opening, closing soon, its outcome published).
A daily duty rather than a hook in the admin, so whichever door published it (the
admin, an import, a restore) and whatever date it opens on, it is told once."""

import datetime

from pace.notifications.schedule import duty
from pace.notifications.services import alert_send
from pace.notifications.topics import topic_register_single

from .models import Consultation
from .models.consultations import CLOSING_SOON_DAYS

TOPIC = "consultations"
LABEL = "Consultations: opening, closing soon, and what was decided"
#: How far back an opening or an outcome is still news when the duty runs.
NEWS_DAYS = 3

topic_register_single(TOPIC, heading="Consultations", label=LABEL)


def _alert(consultation: Consultation, event: str, lead: str) -> int:
    return alert_send(
        topic=TOPIC,
        event=f"consultation-{event}:{consultation.pk}",
        subject=f"{lead}: {consultation.title}",
        template="notifications/notice",
        context={
            "lead": f"{lead}: {consultation.title}. {consultation.purpose}"[:1000],
            "lines": [
                f"Open from {consultation.opens_on:%-d %B %Y} to {consultation.closes_on:%-d %B %Y}"
            ],
            "url": consultation.get_absolute_url(),
            "action_label": "Read the consultation",
        },
    )


@duty(
    "consultation alerts",
    at=datetime.time(8, 0),
    description="Tells residents who follow consultations of one opening, one closing "
    f"within {CLOSING_SOON_DAYS} days, and an outcome published.",
)
def consultation_alerts(on: datetime.date) -> str:
    published = Consultation.objects.published()
    recent = on - datetime.timedelta(days=NEWS_DAYS)
    sent = 0
    for consultation in published.open_on(on).filter(opens_on__gte=recent):
        sent += _alert(consultation, "open", "Consultation open")
    for consultation in published.closing_soon(on):
        sent += _alert(consultation, "closing", f"Closes on {consultation.closes_on:%-d %B %Y}")
    for consultation in published.with_outcome().filter(outcome_published_on__gte=recent):
        sent += _alert(consultation, "outcome", "What was decided")
    return f"{sent} alerts sent"
