"""Residents' alerts, without an account: asking (``subscription_request``, which
mails a confirmation link and nothing else), confirming, unsubscribing, and
deleting every alert of an address from the link in any message.

Against mail-bombing: one confirmation per address and topic while it waits, a few
confirmations per address a day, a few requests per client an hour; the
confirmation carries no text from the visitor, only the topic's name in the site's
words. The answer to a request is the same whether or not the address was
already subscribed, so the form tells nobody who follows what."""

import datetime
from secrets import token_urlsafe

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from pace.core.limits import clean_email, within_hour

from .models import DigestItem, Message, MessageStatus, Subscription, Suppression
from .services import manage_path, message_queue, site_url
from .topics import topic_label

MANAGE_SALT = "pace.notifications.manage"


class LinkError(Exception):
    """A confirmation, unsubscribe or manage link that is wrong, expired or used:
    its message is for the resident."""


def manage_token(address: str) -> str:
    return signing.dumps(address, salt=MANAGE_SALT, compress=True)


def manage_address(token: str) -> str:
    try:
        return signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature:
        raise LinkError(
            "This link is not right: it may have been cut short. Use the link in your "
            "latest e-mail from us."
        ) from None


def _confirm_days() -> int:
    return settings.PACE_ALERTS_CONFIRM_DAYS


def _client_allowance(client: str) -> bool:
    """At most PACE_ALERTS_PER_CLIENT_PER_HOUR requests from one client an hour."""
    return within_hour("alerts-client", client, settings.PACE_ALERTS_PER_CLIENT_PER_HOUR)


def subscription_request(*, email: str, topic: str, client: str) -> Subscription | None:
    """A resident asks for alerts on ``topic`` at ``email``. Bad input is refused
    with a message on the field; nothing is saved or sent. Returns the subscription
    waiting for confirmation (its link mailed), or None when nothing needed sending
    (already subscribed, or already waiting)."""
    errors = {}
    try:
        email = clean_email(email)
    except ValidationError as error:
        errors.update(error.error_dict)
    label = topic_label(topic or "")
    if label is None:
        errors["topic"] = "Choose something to follow from the list."
    if errors:
        raise ValidationError(errors)
    if not _client_allowance(client):
        raise ValidationError(
            {"email": "Too many requests from your connection: try again in an hour."},
            code="rate_limited",
        )
    if Suppression.objects.filter(email=email).exists():
        raise ValidationError(
            {"email": "We cannot send e-mail to this address: it was refused before."},
            code="stopped",
        )
    if Subscription.objects.filter(email=email, topic=topic).exists():
        return None  # confirmed, or its confirmation is waiting: nothing more is sent
    day_ago = timezone.now() - datetime.timedelta(days=1)
    if (
        Subscription.objects.filter(email=email, created_at__gte=day_ago).count()
        >= settings.PACE_ALERTS_PER_ADDRESS_PER_DAY
    ):
        raise ValidationError(
            {"email": "This address has asked for several alerts today: try again tomorrow."},
            code="rate_limited",
        )
    try:
        with transaction.atomic():
            subscription = Subscription.objects.create(
                email=email, topic=topic, label=label, token=token_urlsafe(32)
            )
            message_queue(
                to=[email],
                topic=f"confirm:{subscription.pk}",
                subject=f"Confirm your alerts: {label}",
                template="notifications/confirm_subscription",
                context={
                    "label": label,
                    "confirm_url": site_url(
                        reverse("notifications:confirm", args=[subscription.token])
                    ),
                    "days": _confirm_days(),
                    "privacy_url": site_url(reverse("notifications:privacy")),
                },
            )
    except IntegrityError:
        return None  # the same request twice at once: the first one stands
    return subscription


def _by_token(token: str) -> Subscription:
    subscription = Subscription.objects.filter(token=token).first() if len(token) < 64 else None
    if subscription is None:
        raise LinkError(
            "This link is not right, or the alert was already cancelled. Nothing has "
            "changed. You can ask for alerts again from the alerts page."
        )
    return subscription


def subscription_expired(subscription: Subscription) -> bool:
    return (
        not subscription.is_confirmed
        and subscription.created_at < timezone.now() - datetime.timedelta(days=_confirm_days())
    )


def subscription_confirm(*, token: str) -> tuple[Subscription, bool]:
    """Follow a confirmation link. Returns the subscription and whether this
    confirmed it (False: it was already confirmed, and nothing changed)."""
    with transaction.atomic():
        subscription = _by_token(token)
        if subscription.is_confirmed:
            return subscription, False
        if subscription_expired(subscription):
            raise LinkError(
                f"This link has expired: links work for {_confirm_days()} days. Nothing "
                "has changed. Ask for the alerts again and use the new link."
            )
        updated = Subscription.objects.filter(pk=subscription.pk, confirmed_at=None).update(
            confirmed_at=timezone.now()
        )
        subscription.refresh_from_db()
        return subscription, bool(updated)


def subscription_cancel(*, token: str) -> Subscription:
    """Unsubscribe (from the link or the one-click header): the subscription and its
    address are deleted."""
    subscription = _by_token(token)
    subscription.delete()
    if not Subscription.objects.filter(email=subscription.email).exists():
        _forget(subscription.email)
    return subscription


def _forget(address: str) -> None:
    """Keep nothing of an address that follows nothing any more: the alerts and
    confirmations in the outbox that have gone (waiting ones are left to be sent or
    withheld; what a board member was told as a member stays on their record)."""
    alerts = Q(unsubscribe_url__gt="") | Q(topic__startswith="confirm:")
    Message.objects.filter(alerts, to=address).exclude(status=MessageStatus.QUEUED).delete()
    DigestItem.objects.filter(to=address).delete()


def subscriptions_of(address: str):
    return Subscription.objects.filter(email=address).order_by("label")


@transaction.atomic
def subscriptions_delete_all(*, address: str) -> int:
    count, _ = Subscription.objects.filter(email=address).delete()
    _forget(address)
    return count


def subscriptions_purge(on: datetime.date | None = None) -> int:
    """Delete the subscriptions whose confirmation link expired: an address that was
    never confirmed is not kept."""
    cutoff = timezone.now() - datetime.timedelta(days=_confirm_days())
    count, _ = Subscription.objects.filter(confirmed_at=None, created_at__lt=cutoff).delete()
    return count


__all__ = [
    "LinkError",
    "manage_address",
    "manage_path",
    "manage_token",
    "subscription_cancel",
    "subscription_confirm",
    "subscription_request",
    "subscriptions_delete_all",
    "subscriptions_of",
    "subscriptions_purge",
]
