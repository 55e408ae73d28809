"""Sending a message: kept in the outbox, then delivered by the worker."""

from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.crypto import get_random_string

from .models import Message


def message_queue(
    *, to: Iterable[str], topic: str, subject: str, template: str, context: dict
) -> list[Message]:
    """Queue one message to each address in ``to`` about ``topic`` (e.g.
    ``"minutes:12"``), rendered from ``<template>.txt`` and ``<template>.html``. An
    address already sent a message on the topic gets no second one. Delivery starts
    when the caller's transaction commits; nothing is sent if it rolls back."""
    from .tasks import deliver

    context = {**context, "site_url": settings.PACE_SITE_URL.rstrip("/")}
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", {**context, "subject": subject})
    queued = []
    for address in sorted({a.strip().lower() for a in to if a and a.strip()}):
        domain = settings.PACE_MAIL_DOMAIN
        message = Message(
            to=address,
            topic=topic,
            subject=subject,
            text=text,
            html=html,
            message_id=f"<{topic.replace(':', '.')}.{get_random_string(16)}@{domain}>",
        )
        try:
            with transaction.atomic():
                message.save()
        except IntegrityError:
            continue  # already sent on this topic
        transaction.on_commit(lambda pk=message.pk: deliver.enqueue(pk))
        queued.append(message)
    return queued
