"""Responses saved to finish later: the answers so far kept (``SavedDraft``), and a
signed, expiring link e-mailed to come back to them, from any browser. The link's
secret is kept only as a hash; the address is used to send it and is then only in
the outbox, whose copy is deleted with the draft (when the response is sent, or by
the daily duty once the link has expired), so nothing ties the address to the
answers. Limits per client an hour and per address a day (``limits``); the e-mail
carries no text from the visitor."""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from pace.core.limits import clean_email
from pace.notifications.models import Message, Suppression
from pace.notifications.services import message_queue, site_url
from pace.notifications.subscriptions import LinkError

from . import limits
from .models import AnswerData, Consultation, Question, SavedDraft

LINK_SALT = "pace.consultations.saved-response"
LINK_TOPIC = "consultation-return:"

__all__ = [
    "LinkError",
    "SavedLink",
    "draft_expiry",
    "draft_forget",
    "draft_from_link",
    "draft_save",
    "drafts_purge",
]


def _questions(consultation: Consultation) -> list[Question]:
    return list(consultation.questions.prefetch_related("choices"))


@dataclass(frozen=True)
class SavedLink:
    draft: SavedDraft
    url: str
    token_hash: str


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _draft_days() -> int:
    return settings.PACE_CONSULTATION_DRAFT_DAYS


def draft_expiry(consultation: Consultation, now: datetime.datetime) -> datetime.datetime:
    """When a link made ``now`` stops working: after the days a draft is kept, or at
    the end of the closing day, whichever is first."""
    closing = timezone.make_aware(
        datetime.datetime.combine(
            consultation.closes_on + datetime.timedelta(days=1), datetime.time()
        )
    )
    return min(now + datetime.timedelta(days=_draft_days()), closing)


def draft_save(
    *,
    consultation: Consultation,
    answers: dict[int, AnswerData],
    email: str,
    client: str,
    replacing: str = "",
) -> SavedLink:
    """Keep the answers so far and e-mail a link to come back to them, which works
    until ``draft_expiry``. The address is used to send the link and is not kept
    with the answers (only the outbox has it, as for every message). Refused with
    a message on ``email`` past the limits per client and per address.
    ``replacing``: the hash of the draft this one replaces (its link stops working)."""
    email = clean_email(email)
    if not consultation.is_taking_responses_online():
        raise ValidationError(
            "This consultation is not taking responses online now.", code="not_open"
        )
    questions = _questions(consultation)
    kept = {}
    for question in questions:  # only what is valid: the rest is answered again
        answer = answers.get(question.pk)
        if answer is None:
            continue
        try:
            clean = question.clean_answer(answer, choices=list(question.choices.all()))
        except ValidationError:
            continue
        if not clean.is_empty:
            kept[question.pk] = clean
    if not kept:
        raise ValidationError({"__all__": "There is nothing to save yet: answer a question first."})
    if not limits.link_within_limit(client):
        raise ValidationError(
            {"email": "Too many e-mails asked for from your connection: try again in an hour."},
            code="rate_limited",
        )
    if Suppression.objects.filter(email=email).exists():
        raise ValidationError(
            {"email": "We cannot send e-mail to this address: it was refused before."},
            code="stopped",
        )
    if not limits.address_within_limit(email):
        raise ValidationError(
            {"email": "We have sent this address several links today: try again tomorrow."},
            code="rate_limited",
        )
    raw = secrets.token_urlsafe(32)
    token = signing.TimestampSigner(salt=LINK_SALT).sign(raw)
    token_hash = _hash(raw)
    now = timezone.now()
    with transaction.atomic():
        if replacing:
            draft_forget(token_hash=replacing)
        draft = SavedDraft.objects.create(
            consultation=consultation,
            token_hash=token_hash,
            answers={str(pk): answer.as_json() for pk, answer in kept.items()},
            expires_at=draft_expiry(consultation, now),
        )
        url = site_url(reverse("consultations:respond-resume", args=[consultation.slug, token]))
        message_queue(
            to=[email],
            topic=LINK_TOPIC + token_hash[:40],
            subject=f"Your saved response: {consultation.title}"[:200],
            template="consultations/email/saved_response",
            context={
                "consultation": consultation,
                "resume_url": url,
                "expires_at": draft.expires_at,
                "privacy_url": site_url(reverse("consultations:privacy")),
            },
        )
    return SavedLink(draft=draft, url=url, token_hash=token_hash)


def draft_from_link(*, consultation: Consultation, token: str) -> SavedDraft:
    """The draft a link leads to, or ``LinkError`` saying why not (not right,
    expired, already sent, or the consultation has closed)."""
    try:
        raw = signing.TimestampSigner(salt=LINK_SALT).unsign(
            token[:200], max_age=datetime.timedelta(days=_draft_days())
        )
    except signing.SignatureExpired:
        raise LinkError(
            f"This link has expired: links work for {_draft_days()} days, and never after the "
            "consultation closes. Nothing was sent. Start the response again."
        ) from None
    except signing.BadSignature:
        raise LinkError(
            "This link is not right: it may have been cut short. Use the link in your "
            "e-mail from us."
        ) from None
    draft = SavedDraft.objects.filter(token_hash=_hash(raw), consultation=consultation).first()
    if draft is None:
        raise LinkError(
            "This link no longer leads to a saved response: the response was sent, a newer "
            "link replaced it, or it was deleted when it expired."
        )
    if draft.expires_at <= timezone.now() or not consultation.is_taking_responses_online():
        raise LinkError(
            f"This consultation closed on {consultation.closes_on:%-d %B %Y}: responses can no "
            "longer be sent, and the saved answers will be deleted."
        )
    return draft


def draft_forget(*, token_hash: str) -> None:
    """Delete a saved draft and the messages that carried its link, so nothing ties
    the address to the answers once they are sent or gone."""
    SavedDraft.objects.filter(token_hash=token_hash).delete()
    Message.objects.filter(topic=LINK_TOPIC + token_hash[:40]).delete()


def drafts_purge(now: datetime.datetime | None = None) -> int:
    """Delete the drafts whose link has expired, and the messages that carried it."""
    now = now or timezone.now()
    expired = list(
        SavedDraft.objects.filter(expires_at__lte=now).values_list("token_hash", flat=True)
    )
    for token_hash in expired:
        draft_forget(token_hash=token_hash)
    return len(expired)
