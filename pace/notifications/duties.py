"""This app's own scheduled duties: the daily digests, and forgetting what need not
be kept (unconfirmed alerts, old messages)."""

import datetime
from itertools import groupby

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .audiences import audience_holds
from .models import DigestItem, Message, MessageStatus
from .schedule import duty
from .services import message_queue, site_url
from .subscriptions import subscriptions_purge


@duty(
    "daily digests",
    at=datetime.time(7, 0),
    description="Sends each person who chose a daily digest one e-mail with what waited for them.",
)
def digests_send(on: datetime.date) -> str:
    """One message an address, of the lines still meant for it today: a line whose
    audience no longer holds (the person has left the body) is dropped unsent."""
    sent = dropped = 0
    items = DigestItem.objects.order_by("to", "created_at", "pk")
    for address, lines in groupby(items.iterator(), key=lambda item: item.to):
        lines = list(lines)
        kept = [line for line in lines if audience_holds(line.audience, address, on)]
        dropped += len(lines) - len(kept)
        with transaction.atomic():
            if kept:
                sent += len(
                    message_queue(
                        to=[address],
                        topic=f"digest:{on:%Y-%m-%d}:{lines[-1].pk}",
                        subject=f"PACE: {len(kept)} thing{'s' if len(kept) != 1 else ''} "
                        f"for you, {on:%-d %B %Y}",
                        template="notifications/digest",
                        context={
                            "lines": kept,
                            "on": on,
                            "account_url": site_url(reverse("notification-choices")),
                        },
                    )
                )
            DigestItem.objects.filter(pk__in=[line.pk for line in lines]).delete()
    return f"{sent} digests sent, {dropped} lines dropped (no longer entitled)"


@duty(
    "forget unconfirmed alerts and old messages",
    at=datetime.time(3, 0),
    description="Deletes alerts never confirmed once their link has expired, and "
    "messages sent longer ago than the outbox keeps them.",
)
def forget(on: datetime.date) -> str:
    unconfirmed = subscriptions_purge()
    cutoff = timezone.now() - datetime.timedelta(days=settings.PACE_OUTBOX_KEEP_DAYS)
    old, _ = (
        Message.objects.filter(created_at__lt=cutoff).exclude(status=MessageStatus.QUEUED).delete()
    )
    return f"{unconfirmed} unconfirmed alerts and {old} old messages deleted"
