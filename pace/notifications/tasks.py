"""Delivering a message, with retries: the worker (``manage.py db_worker``) runs it."""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Message, MessageStatus

#: Attempts before a message is marked failed, and the wait before each retry.
MAX_ATTEMPTS = 5
BACK_OFF = (datetime.timedelta(seconds=30), datetime.timedelta(minutes=5))


def _wait_before(attempt: int) -> datetime.timedelta:
    first, most = BACK_OFF
    return min(first * (4 ** (attempt - 1)), most)


@task()
def deliver(message_id: int) -> str:
    """Send one message from the outbox. Sent once however many workers run: the
    message is claimed under a row lock and skipped when already sent. A failure is
    retried with a growing wait, then recorded as failed, with its error, for
    officers to see."""
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=MessageStatus.QUEUED)
            .first()
        )
        if message is None:
            return "nothing to send"
        message.attempts += 1
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            headers={"Message-ID": message.message_id},
        )
        email.attach_alternative(message.html, "text/html")
        try:
            email.send()
        except Exception as error:  # SMTP refusals, timeouts, a server that is down
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
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
