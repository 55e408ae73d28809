"""Residents' questions at Area Assemblies: asking (no account), officers' decision
with a reason, and the answer given at the meeting (``models.questions``).

Against floods, without a third-party CAPTCHA: the form's honeypot (the view drops
what fills it), a few questions per client an hour and per address a day
(``pace.core.limits``), and officers' moderation of every question before it is
shown. The confirmation e-mail carries no text from the visitor (only the meeting,
in the site's words, and the reference), so the form cannot be used to send anyone
words of a stranger's choosing."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

from pace.core import limits
from pace.core.dates import format_date
from pace.notifications.services import message_queue, site_url

from ..models import Meeting, Question, QuestionStatus
from ..models.questions import questions_close_on, takes_questions
from .papers import agenda_packs_refresh

#: No letters or digits that are easily confused when read out (O and 0, I and 1).
REFERENCE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _closed_error(meeting: Meeting) -> ValidationError:
    return ValidationError(
        "This meeting is not taking questions: questions close at the end of %(day)s, "
        "and only for Area Assemblies' public meetings still to come.",
        code="closed",
        params={"day": format_date(questions_close_on(meeting))},
    )


def question_ask(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    text: str,
    where: str = "",
    show_name: bool = False,
    client: str | None,
) -> Question:
    """A resident asks ``text`` at ``meeting``. Bad input is refused with a message
    on its field and nothing is saved or sent; so is a question to a meeting not
    taking them, and one past the limits per client and per address. The question
    waits for an officer; the resident is e-mailed its reference once it is saved.
    ``client`` is None for a question that did not come through the public form
    (the example data, an import): no flood limits are counted for it."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
    question = Question(
        meeting=meeting,
        name=(name or "").strip(),
        where=(where or "").strip(),
        text=(text or "").strip(),
        show_name=bool(show_name),
    )
    errors: dict = {}
    try:
        question.email = limits.clean_email(email)
    except ValidationError as error:
        errors.update(error.error_dict)
    try:
        question.full_clean(exclude=["email", "reference"])
    except ValidationError as error:
        for field, messages in error.error_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    if not takes_questions(meeting):
        raise _closed_error(meeting)
    if client is not None:
        limits.allow(
            kind="questions",
            client=client,
            address=question.email,
            per_client_hour=settings.PACE_QUESTIONS_PER_CLIENT_PER_HOUR,
            per_address_day=settings.PACE_QUESTIONS_PER_ADDRESS_PER_DAY,
        )
    for _ in range(5):
        question.reference = get_random_string(8, REFERENCE_CHARS)
        try:
            with transaction.atomic():
                question.save()
                _tell(question, "received")
        except IntegrityError:  # the reference was taken: draw again
            question.pk = None
            continue
        return question
    raise RuntimeError("No free question reference after five draws")


def _tell(question: Question, what: str) -> None:
    """E-mail the asker (from the task queue, once this commits)."""
    meeting = question.meeting
    subjects = {
        "received": "We have your question for",
        "accepted": "Your question is on the agenda of",
        "declined": "Your question was not accepted for",
    }
    day = format_date(timezone.localtime(meeting.starts_at).date())
    message_queue(
        to=[question.email],
        topic=f"question:{question.pk}:{what}",
        subject=f"{subjects[what]} {meeting.body.name}, {day}",
        template=f"partnerships/email/question_{what}",
        context={
            "question": question,
            "meeting": meeting,
            "meeting_url": site_url(meeting.get_absolute_url()),
        },
    )


@transaction.atomic
def question_decide(*, question: Question, status: str, reason: str = "", by=None) -> Question:
    """Accept or decline ``question`` (``QuestionStatus``), with a reason that is
    sent to the resident: a decline without one is refused with a message on
    ``reason``. The resident is told once for each decision; deciding again the
    same way tells nobody again."""
    question = (
        Question.objects.select_for_update().select_related("meeting__body").get(pk=question.pk)
    )
    if status not in (QuestionStatus.ACCEPTED, QuestionStatus.DECLINED):
        raise ValidationError({"status": "Choose to accept or decline the question."})
    changed = question.status != status
    question.status, question.reason = status, (reason or "").strip()
    if status == QuestionStatus.DECLINED:
        question.answer = ""
    question.decided_at, question.decided_by = timezone.now(), by
    question.full_clean()
    question.save()
    if changed:
        _tell(question, status)
        # An accepted question is on the agenda, so in its published agenda pack.
        agenda_packs_refresh(meeting=question.meeting)
    return question


def question_accept(*, question: Question, reason: str = "", by=None) -> Question:
    return question_decide(question=question, status=QuestionStatus.ACCEPTED, reason=reason, by=by)


def question_decline(*, question: Question, reason: str, by=None) -> Question:
    return question_decide(question=question, status=QuestionStatus.DECLINED, reason=reason, by=by)


@transaction.atomic
def question_answer(*, question: Question, answer: str) -> Question:
    """Record the answer given at the meeting, as minuted. It is published with the
    minutes when they are approved; after that, a change is published only by a
    correction of the minutes (``meeting_minutes_correct``), which says what changed."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    question.answer = (answer or "").strip()
    question.full_clean()
    question.save(update_fields=["answer"])
    return question


def question_save(*, question: Question, by=None) -> Question:
    """The admin's door: an officer's changes to a question, written through the
    services above (the decision, with its e-mail; the answer)."""
    stored = Question.objects.get(pk=question.pk)
    if question.status != stored.status or question.reason != stored.reason:
        if question.status == QuestionStatus.PENDING:
            raise ValidationError(
                {"status": "A decided question cannot go back to waiting: accept or decline it."}
            )
        question_decide(question=question, status=question.status, reason=question.reason, by=by)
    if question.answer != stored.answer:
        question_answer(question=question, answer=question.answer)
    question.refresh_from_db()
    return question


def questions_forget_addresses(*, on: datetime.date | None = None) -> int:
    """Forget the e-mail address and the postcode or ward of every question whose
    meeting was more than ``PACE_QUESTIONS_KEEP_DAYS`` ago; the question and its
    answer stay on the record. Returns how many were forgotten."""
    on = on or timezone.localdate()
    before = on - datetime.timedelta(days=settings.PACE_QUESTIONS_KEEP_DAYS)
    kept = Question.objects.filter(meeting__starts_at__date__lt=before).exclude(email="", where="")
    return kept.update(email="", where="")
