"""Residents' alerts about grants in an area: the topic ``"grants:<Area Board slug>"``
and the daily duty that sends them.

A grant is in an area when its recipient body, the body that decided it, or the
participatory budgeting round it came from is the Area Board or below it. Each
morning, one message an area lists the grants awarded there the day before (only
approved and paid awards are public, ``GrantAward.objects.public``)."""

import datetime

from django.db.models import Q
from django.urls import reverse

from pace.notifications.models import Subscription
from pace.notifications.schedule import duty
from pace.notifications.services import alert_send
from pace.notifications.topics import TopicKind, topic_register
from partnerships.models import Body, BodyKind, subtree_q

from .models import GrantAward

PREFIX = "grants"


def _areas():
    return Body.objects.current().filter(kind=BodyKind.AREA_BOARD).order_by("name")


def _describe(slug: str) -> str | None:
    area = _areas().filter(slug=slug).only("name").first()
    return f"Grants in {area.name}" if area else None


topic_register(
    TopicKind(
        name=PREFIX,
        heading="Grants in an area",
        describe=_describe,
        options=lambda: [
            (f"{PREFIX}:{slug}", f"Grants in {name}")
            for slug, name in _areas().values_list("slug", "name")
        ],
    )
)


def grants_in_area_q(area: Body) -> Q:
    return (
        subtree_q(area, "recipient_body__")
        | subtree_q(area, "fund__decided_by__")
        | subtree_q(area, "budgeting_project__round__area_board__")
    )


@duty(
    "grant alerts",
    at=datetime.time(8, 15),
    description="Tells residents who follow grants in an area of the grants awarded there "
    "the day before.",
)
def grant_alerts(on: datetime.date) -> str:
    day = on - datetime.timedelta(days=1)
    followed = set(
        Subscription.objects.filter(topic__startswith=f"{PREFIX}:", confirmed_at__isnull=False)
        .values_list("topic", flat=True)
        .distinct()
    )
    sent = 0
    for area in _areas().filter(slug__in=[t.partition(":")[2] for t in followed]):
        awards = list(
            GrantAward.objects.public()
            .filter(grants_in_area_q(area), award_date=day)
            .select_related("recipient_body", "recipient_organisation")
            .order_by("title")
        )
        if not awards:
            continue
        sent += alert_send(
            topic=f"{PREFIX}:{area.slug}",
            event=f"{PREFIX}:{area.slug}:{day:%Y%m%d}",
            subject=f"Grants in {area.name} awarded on {day:%-d %B %Y}",
            template="notifications/notice",
            context={
                "lead": f"Grants awarded in {area.name} on {day:%-d %B %Y}:",
                "lines": [
                    f"£{award.amount:,.2f} to {award.recipient}: {award.title}" for award in awards
                ],
                "url": reverse("funding:index"),
                "action_label": "See all grants",
            },
        )
    return f"{sent} alerts sent"
