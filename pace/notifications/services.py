"""Sending: the one way anything leaves PACE.

- ``message_queue``: a message to addresses, kept in the outbox and delivered by the
  worker once the caller's transaction commits (``tasks.deliver``);
- ``notice_send``: what board members and officers are told, as each chose on their
  account page: at once, in the daily digest, or never;
- ``alert_send``: residents' alerts, to the confirmed subscribers of a topic, each
  with its own one-click unsubscribe link.

Nothing here decides who is entitled to what: the apps that know pass the people
(``Recipient``) and, for anything not public, the audience the worker checks again
on the day it sends (``audiences``)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import get_random_string

from .models import DigestItem, Frequency, Kind, Message, Preference, Subscription, Suppression


@dataclass(frozen=True)
class Recipient:
    address: str
    #: Their login, whose account page holds their choices; None for someone
    #: without one, who is sent everything at once.
    user_id: int | None = None


def site_url(path: str = "") -> str:
    return settings.PACE_SITE_URL.rstrip("/") + path


def _clean(address: str) -> str:
    return address.strip().lower()


def _queue(
    *,
    to: str,
    topic: str,
    subject: str,
    text: str,
    html: str,
    audience: str = "",
    unsubscribe_url: str = "",
) -> Message | None:
    from .tasks import deliver

    domain = settings.PACE_MAIL_DOMAIN
    message = Message(
        to=to,
        topic=topic,
        subject=subject[:200],
        text=text,
        html=html,
        audience=audience,
        unsubscribe_url=unsubscribe_url,
        message_id=f"<{topic.replace(':', '.')}.{get_random_string(16)}@{domain}>",
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return None  # this address was already sent a message on this topic
    transaction.on_commit(lambda pk=message.pk: deliver.enqueue(pk))
    return message


def _render(template: str, context: dict, subject: str) -> tuple[str, str]:
    context = {**context, "site_url": site_url(), "subject": subject}
    return render_to_string(f"{template}.txt", context), render_to_string(
        f"{template}.html", context
    )


def _not_stopped(addresses: set[str]) -> set[str]:
    stopped = set(Suppression.objects.filter(email__in=addresses).values_list("email", flat=True))
    return addresses - stopped


def message_queue(
    *,
    to: Iterable[str],
    topic: str,
    subject: str,
    template: str,
    context: dict,
    audience: str = "",
) -> list[Message]:
    """Queue one message to each address in ``to`` about ``topic`` (e.g.
    ``"minutes:12"``), rendered from ``<template>.txt`` and ``<template>.html``. An
    address already sent a message on the topic gets no second one, and an address
    that bounced gets none. Delivery starts when the caller's transaction commits;
    nothing is sent if it rolls back."""
    addresses = _not_stopped({_clean(a) for a in to if a and a.strip()})
    if not addresses:
        return []
    text, html = _render(template, context, subject)
    queued = []
    for address in sorted(addresses):
        message = _queue(
            to=address, topic=topic, subject=subject, text=text, html=html, audience=audience
        )
        if message is not None:
            queued.append(message)
    return queued


def notice_send(
    *,
    recipients: Iterable[Recipient],
    kind: Kind,
    topic: str,
    subject: str,
    template: str,
    context: dict,
    url: str,
    audience: str = "",
) -> int:
    """Tell board members or officers something that needs them, linking to ``url``
    (the page where they act). Each recipient's choice for ``kind`` decides: at once,
    a line in tomorrow's digest, or nothing. Returns how many were told or will be."""
    by_address: dict[str, int | None] = {}
    for recipient in recipients:
        address = _clean(recipient.address or "")
        if address and by_address.get(address) is None:
            by_address[address] = recipient.user_id
    users = {user for user in by_address.values() if user is not None}
    chosen = dict(
        Preference.objects.filter(user__in=users, kind=kind).values_list("user", "frequency")
    )
    now, daily = [], []
    for address, user in by_address.items():
        frequency = chosen.get(user, Frequency.IMMEDIATELY)
        if frequency == Frequency.IMMEDIATELY:
            now.append(address)
        elif frequency == Frequency.DAILY:
            daily.append(address)
    context = {**context, "account_url": site_url(reverse("notification-choices"))}
    sent = len(
        message_queue(
            to=now,
            topic=topic,
            subject=subject,
            template=template,
            context=context,
            audience=audience,
        )
    )
    for address in sorted(_not_stopped(set(daily))):
        _, created = DigestItem.objects.get_or_create(
            topic=topic,
            to=address,
            defaults={"kind": kind, "subject": subject[:200], "url": url, "audience": audience},
        )
        sent += created
    return sent


def alert_send(*, topic: str, event: str, subject: str, template: str, context: dict) -> int:
    """Send residents' alert about ``event`` (e.g. ``"minutes:12"``) to everyone who
    confirmed a subscription to ``topic`` (e.g. ``"body:crewe-lap"``). Someone
    already sent a message about the event (a member told of the same minutes) gets
    no second one. Only public things are sent as alerts: no audience."""
    subscriptions = Subscription.objects.filter(topic=topic, confirmed_at__isnull=False)
    stopped = Suppression.objects.values_list("email", flat=True)
    sent = 0
    for subscription in subscriptions.exclude(email__in=stopped).iterator():
        unsubscribe_url = site_url(reverse("notifications:unsubscribe", args=[subscription.token]))
        text, html = _render(
            template,
            {
                **context,
                "subscription": subscription,
                "unsubscribe_url": unsubscribe_url,
                "manage_url": site_url(manage_path(subscription.email)),
            },
            subject,
        )
        sent += (
            _queue(
                to=subscription.email,
                topic=event,
                subject=subject,
                text=text,
                html=html,
                unsubscribe_url=unsubscribe_url,
            )
            is not None
        )
    return sent


def manage_path(address: str) -> str:
    from .subscriptions import manage_token

    return reverse("notifications:manage", args=[manage_token(address)])


@transaction.atomic
def address_stop(*, address: str, reason: str) -> Suppression:
    """An address bounced (the server refused it for good, or an officer recorded a
    bounce): send it nothing more, and delete its alerts, since it cannot be kept
    informed."""
    address = _clean(address)
    stopped, _ = Suppression.objects.get_or_create(
        email=address, defaults={"reason": reason[:2000]}
    )
    Subscription.objects.filter(email=address).delete()
    DigestItem.objects.filter(to=address).delete()
    return stopped
