"""Delivering a message, with retries: the worker (``manage.py pace_worker``) runs it."""

import datetime
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .audiences import audience_holds
from .models import Message, MessageStatus

#: Attempts before a message is marked failed, and the wait before each retry.
MAX_ATTEMPTS = 5
BACK_OFF = (datetime.timedelta(seconds=30), datetime.timedelta(minutes=5))


def _wait_before(attempt: int) -> datetime.timedelta:
    first, most = BACK_OFF
    return min(first * (4 ** (attempt - 1)), most)


def _email(message: Message) -> EmailMultiAlternatives:
    headers = {"Message-ID": message.message_id}
    if message.unsubscribe_url:
        # RFC 2369 and RFC 8058: mail programs offer "unsubscribe", and POST
        # "List-Unsubscribe=One-Click" to the address, which needs no further step.
        headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers=headers,
    )
    email.attach_alternative(message.html, "text/html")
    return email


def _refused_for_good(error: Exception) -> bool:
    """The server refused the address itself with a permanent (5xx) code: a bounce."""
    return isinstance(error, smtplib.SMTPRecipientsRefused) and any(
        code >= 500 for code, _ in error.recipients.values()
    )


@task()
def deliver(message_id: int) -> str:
    """Send one message from the outbox. Sent once however many workers run: the
    message is claimed under a row lock and skipped unless it is still waiting.
    Checked again against its audience on the day it is sent. A failure is retried
    with a growing wait, then recorded as failed, with its error, for officers to
    see; an address refused for good is stopped at once."""
    from .services import address_stop

    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=MessageStatus.QUEUED)
            .first()
        )
        if message is None:
            return "nothing to send"
        if not audience_holds(message.audience, message.to, timezone.localdate()):
            message.status = MessageStatus.WITHHELD
            message.save()
            return "withheld"
        message.attempts += 1
        try:
            _email(message).send()
        except Exception as error:  # SMTP refusals, timeouts, a server that is down
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if _refused_for_good(error):
                message.status = MessageStatus.FAILED
                message.save()
                address_stop(address=message.to, reason=message.last_error)
                return "refused"
            if message.attempts >= MAX_ATTEMPTS:
                message.status = MessageStatus.FAILED
                message.save()
                return "failed"
            message.save()
            run_after = timezone.now() + _wait_before(message.attempts)
            transaction.on_commit(lambda: deliver.using(run_after=run_after).enqueue(message_id))
            return "retrying"
        message.status = MessageStatus.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        message.save()
        return "sent"
