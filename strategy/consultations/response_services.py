"""Writes of responses: a resident's response sent online, one an officer records
from an e-mail, a letter or an event, moderation, themes and their tags, and "you
said, we did" drawn from a theme (saved drafts and their links:
``saved_responses``).

Every door (the resident's pages, the officers' pages in the admin, the example
data, tests) writes through these. Against floods, with no third-party CAPTCHA: a
field people cannot see (a response that fills it is held, and its equality
answers dropped), a limit per client on responses counted at once (past it they
are held for officers' moderation) and on responses started (``limits``)."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import limits
from .models import (
    Answer,
    AnswerChoice,
    AnswerData,
    Consultation,
    EqualityMonitoring,
    HeldReason,
    ProtectedCharacteristic,
    Question,
    Response,
    ResponseChannel,
    ResponseStatus,
    Theme,
    YouSaidWeDid,
)
from .models.monitoring import answer_choices
from .saved_responses import draft_forget

#: Letters and digits no one misreads (no I, L, O, 0 or 1): "K7QM-3XRA".
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
NOTHING_ANSWERED = "Answer at least one question before you send your response."

__all__ = [
    "answer_tags_set",
    "answers_clean",
    "feedback_from_theme",
    "response_delete",
    "response_moderate",
    "response_record",
    "response_submit",
    "theme_link_feedback",
    "theme_save",
]


def new_reference() -> str:
    letters = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def question_key(number: int) -> str:
    """The key of a question's error: ``question-3`` for the third question."""
    return f"question-{number}"


def answers_clean(
    *, questions: list[Question], answers: dict[int, AnswerData]
) -> dict[int, AnswerData]:
    """Each question's answer as it will be stored (empty ones left out), or
    ``ValidationError`` keyed ``question-<n>`` for each question whose answer is
    missing or wrong. ``questions`` come with their choices prefetched."""
    cleaned, errors = {}, {}
    for number, question in enumerate(questions, 1):
        try:
            answer = question.clean_answer(
                answers.get(question.pk, AnswerData()), choices=list(question.choices.all())
            )
        except ValidationError as error:
            errors[question_key(number)] = error
            continue
        if not answer.is_empty:
            cleaned[question.pk] = answer
    if errors:
        raise ValidationError(errors)
    return cleaned


def monitoring_clean(monitoring: dict | None) -> dict[str, str]:
    """The equality answers given (skipped questions left out); unknown values are
    dropped, never stored."""
    if not isinstance(monitoring, dict):
        return {}
    kept = {}
    for characteristic in ProtectedCharacteristic:
        value = monitoring.get(characteristic.value)
        if value in {v for v, _ in answer_choices(characteristic)}:
            kept[characteristic.value] = value
    return kept


def _store(
    *,
    consultation: Consultation,
    answers: dict[int, AnswerData],
    channel: str,
    received_on: datetime.date,
    status: str = ResponseStatus.ACCEPTED,
    held_reason: str = "",
    by=None,
) -> Response:
    for _ in range(5):
        response = Response(
            consultation=consultation,
            reference=new_reference(),
            channel=channel,
            status=status,
            held_reason=held_reason,
            received_on=received_on,
            recorded_by=by if by is not None and by.is_authenticated else None,
        )
        try:
            with transaction.atomic():
                response.full_clean()
                response.save()
            break
        except IntegrityError:  # the reference was taken, in the very same moment
            continue
    else:
        raise RuntimeError("Could not find a free reference number")
    rows = Answer.objects.bulk_create(
        [
            Answer(
                response=response,
                question_id=question_id,
                text=answer.text,
                value=answer.value,
                prefer_not=answer.prefer_not,
            )
            for question_id, answer in answers.items()
        ]
    )
    AnswerChoice.objects.bulk_create(
        [
            AnswerChoice(answer=row, choice_id=choice)
            for row, answer in zip(rows, answers.values(), strict=True)
            for choice in answer.choices
        ]
    )
    #: The answers just stored, by question id (their ids are set: both databases
    #: return them from a bulk insert).
    response.stored_answers = {row.question_id: row for row in rows}
    return response


def _questions(consultation: Consultation) -> list[Question]:
    return list(consultation.questions.prefetch_related("choices"))


def response_submit(
    *,
    consultation: Consultation,
    answers: dict[int, AnswerData],
    monitoring: dict | None,
    client: str,
    honeypot: str = "",
    saved: str = "",
    questions: list[Question] | None = None,
) -> Response:
    """A resident sends their response online. Refused, with the reason, unless the
    consultation takes responses online today, and with a message keyed by the
    question (``question-<n>``) for any answer that is missing or wrong. A
    response that filled the honeypot is held, without its equality answers; past
    the hourly limit of the client it is held (not refused: a library sends many).
    The equality answers are stored apart, with no link to the response.
    ``saved``: the hash of the saved draft it was finished from, deleted now;
    ``questions``: the consultation's, with their choices, if the caller has them."""
    if not consultation.is_taking_responses_online():
        raise ValidationError(
            "This consultation is not taking responses online now.", code="not_open"
        )
    cleaned = answers_clean(questions=questions or _questions(consultation), answers=answers)
    if not cleaned:
        raise ValidationError(NOTHING_ANSWERED, code="nothing_answered")
    status, reason = ResponseStatus.ACCEPTED, HeldReason.NONE
    if honeypot.strip():
        status, reason = ResponseStatus.HELD, HeldReason.HONEYPOT
    elif not limits.response_within_limit(client):
        status, reason = ResponseStatus.HELD, HeldReason.FLOOD
    equality = monitoring_clean(monitoring) if reason != HeldReason.HONEYPOT else {}
    with transaction.atomic():
        response = _store(
            consultation=consultation,
            answers=cleaned,
            channel=ResponseChannel.ONLINE,
            received_on=timezone.localdate(),
            status=status,
            held_reason=reason,
        )
        if equality:
            EqualityMonitoring.objects.create(consultation=consultation, **equality)
        if saved:
            draft_forget(token_hash=saved)
    return response


def response_record(
    *,
    consultation: Consultation,
    answers: dict[int, AnswerData],
    channel: str,
    received_on: datetime.date,
    by,
    questions: list[Question] | None = None,
) -> Response:
    """An officer types in a response received by e-mail, by post, at an event or
    another way, so that it is counted with the others. It counts at once.
    ``questions``: the consultation's, with their choices, if the caller has them."""
    errors = {}
    if channel not in ResponseChannel.values or channel == ResponseChannel.ONLINE:
        errors["channel"] = ValidationError("Choose how the response was received.", code="channel")
    if received_on > timezone.localdate():
        errors["received_on"] = ValidationError(
            "The date it was received cannot be in the future.", code="future"
        )
    elif received_on < consultation.opens_on:
        errors["received_on"] = ValidationError(
            "The consultation opened on %(opened)s: a response cannot be received before.",
            code="before_opening",
            params={"opened": f"{consultation.opens_on:%-d %B %Y}"},
        )
    try:
        cleaned = answers_clean(questions=questions or _questions(consultation), answers=answers)
    except ValidationError as error:
        errors.update(error.error_dict)
        cleaned = {}
    if not errors and not cleaned:
        errors["__all__"] = ValidationError(NOTHING_ANSWERED, code="nothing_answered")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _store(
            consultation=consultation,
            answers=cleaned,
            channel=channel,
            received_on=received_on,
            by=by,
        )


def response_moderate(*, response: Response, accept: bool, by) -> Response:
    """Count a response held for moderation, or reject it (spam, abuse): a rejected
    response is kept, uncounted, so the numbers stay honest."""
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response.pk)
        response.status = ResponseStatus.ACCEPTED if accept else ResponseStatus.REJECTED
        response.moderated_by = by if by is not None and by.is_authenticated else None
        response.moderated_at = timezone.now()
        response.full_clean()
        response.save()
    return response


@transaction.atomic
def response_delete(*, response: Response) -> None:
    """Delete a response and its answers (a resident asked, quoting its reference).
    Its equality answers cannot be found from it, by design, and stay."""
    answers = Answer.objects.filter(response=response)
    AnswerChoice.objects.filter(answer__in=answers).delete()
    Answer.themes.through.objects.filter(answer__in=answers).delete()
    answers.delete()
    response.delete()


# --- Themes and "you said, we did" ------------------------------------------------------


def theme_save(*, theme: Theme) -> Theme:
    with transaction.atomic():
        theme.full_clean()
        theme.save()
    return theme


def answer_tags_set(*, consultation: Consultation, tags: dict[int, set[int]]) -> int:
    """Set the themes of each answer in ``tags`` (answer id -> theme ids): what an
    officer ticked on one page of answers. Only this consultation's answers and
    themes; anything else is ignored. Returns how many tags changed."""
    answers = set(
        Answer.objects.filter(pk__in=list(tags), response__consultation=consultation).values_list(
            "pk", flat=True
        )
    )
    themes = set(Theme.objects.filter(consultation=consultation).values_list("pk", flat=True))
    through = Answer.themes.through
    with transaction.atomic():
        before = set(
            through.objects.filter(answer__in=answers).values_list("answer_id", "theme_id")
        )
        after = {(answer, theme) for answer in answers for theme in tags[answer] if theme in themes}
        for answer, theme in before - after:
            through.objects.filter(answer_id=answer, theme_id=theme).delete()
        through.objects.bulk_create(
            [through(answer_id=answer, theme_id=theme) for answer, theme in after - before]
        )
    return len(before ^ after)


def feedback_from_theme(*, theme: Theme, you_said: str, we_did: str) -> YouSaidWeDid:
    """Write a "you said, we did" point answering ``theme``, and link them."""
    from .services import consultation_feedback_add

    with transaction.atomic():
        point = consultation_feedback_add(
            consultation=theme.consultation, you_said=you_said, we_did=we_did
        )
        theme.feedback = point
        theme_save(theme=theme)
    return point


def theme_link_feedback(*, theme: Theme, feedback: YouSaidWeDid | None) -> Theme:
    """Answer ``theme`` with an existing point of its consultation (or unlink it)."""
    if feedback is not None and feedback.consultation_id != theme.consultation_id:
        raise ValidationError(
            {"feedback": "Choose a point of this consultation."}, code="other_consultation"
        )
    theme.feedback = feedback
    return theme_save(theme=theme)
