"""Writes to consultations, their questions and equality impact assessments. The
admin, the example data and tests call these; responses and themes are written by
``response_services``."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from strategy.models import ActionPlan, Strategy

from .models import (
    AnswerChoice,
    Audience,
    CharacteristicImpact,
    Choice,
    Consultation,
    EqualityImpactAssessment,
    Impact,
    ProtectedCharacteristic,
    Question,
    YouSaidWeDid,
)

AUDIENCES_REQUIRED = "Choose who is consulted: at least one audience."


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def consultation_save(
    *, consultation: Consultation, audiences: Iterable[Audience] | None = None, by=None
) -> Consultation:
    """Create or change a consultation. A period shorter than the minimum needs an
    officer's confirmation with a reason; the service records who confirmed it and
    when, again whenever the dates or the reason change. ``audiences`` replaces the
    audiences when given (a new consultation needs at least one)."""
    c = consultation
    audiences = list(audiences) if audiences is not None else None
    with transaction.atomic():
        before = (
            Consultation.objects.select_for_update()
            .filter(pk=c.pk)
            .values("opens_on", "closes_on", "short_period_confirmed", "short_period_reason")
            .first()
            if c.pk
            else None
        )
        if c.short_period_confirmed and c.is_short_period():
            changed = before is None or any(
                before[name] != getattr(c, name)
                for name in (
                    "opens_on",
                    "closes_on",
                    "short_period_confirmed",
                    "short_period_reason",
                )
            )
            if changed or c.short_period_confirmed_at is None:
                if not _signed_in(by):
                    raise ValidationError(
                        {
                            "short_period_confirmed": ValidationError(
                                "A shorter period is confirmed by a signed-in officer, so that "
                                "the record says who confirmed it.",
                                code="short_period_anonymous",
                            )
                        }
                    )
                c.short_period_confirmed_by = by
                c.short_period_confirmed_at = timezone.now()
        elif not c.short_period_confirmed:
            c.short_period_confirmed_by = None
            c.short_period_confirmed_at = None
        c.full_clean()
        if audiences is not None and not audiences:
            raise ValidationError({"audiences": ValidationError(AUDIENCES_REQUIRED, "audiences")})
        if c.pk is None and audiences is None:
            raise ValidationError({"audiences": ValidationError(AUDIENCES_REQUIRED, "audiences")})
        c.save()
        if audiences is not None:
            c.audiences.set(audiences)
    return c


def consultation_feedback_add(
    *, consultation: Consultation, you_said: str, we_did: str, position: int | None = None
) -> YouSaidWeDid:
    """Record a "you said, we did" point."""
    if position is None:
        position = consultation.feedback.count() + 1
    point = YouSaidWeDid(
        consultation=consultation, you_said=you_said, we_did=we_did, position=position
    )
    with transaction.atomic():
        point.full_clean()
        point.save()
    return point


def consultation_outcome_publish(
    *, consultation: Consultation, by, on: datetime.date | None = None
) -> Consultation:
    """Publish the outcome: the consultation is then complete. Refused, with the
    principle named on ``outcome_published``, while a Gunning principle is not met;
    nothing is saved then."""
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        c.outcome_published = True
        c.is_published = True
        c.outcome_published_on = on or timezone.localdate()
        c.outcome_published_by = by if _signed_in(by) else None
        c.full_clean()
        c.save()
    _copy_outcome(c, consultation)
    return consultation


def consultation_outcome_withdraw(*, consultation: Consultation) -> Consultation:
    """Take the outcome off the site again, say to correct it."""
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=consultation.pk)
        c.outcome_published = False
        c.outcome_published_on = None
        c.outcome_published_by = None
        c.full_clean()
        c.save()
    _copy_outcome(c, consultation)
    return consultation


def _copy_outcome(source: Consultation, target: Consultation) -> None:
    for name in ("outcome_published", "is_published", "outcome_published_on", "updated_at"):
        setattr(target, name, getattr(source, name))
    target.outcome_published_by_id = source.outcome_published_by_id


# --- Questions of the online form ------------------------------------------------------


def question_save(*, question: Question) -> Question:
    """Create or change a question. Once people have answered it, its kind cannot
    change (``Question.clean``)."""
    with transaction.atomic():
        question.full_clean()
        question.save()
    return question


def question_delete(*, question: Question) -> None:
    if question.answers.exists():
        raise ValidationError(
            "People have answered this question, so it cannot be deleted: their answers "
            "would go with it.",
            code="question_answered",
        )
    with transaction.atomic():
        Choice.objects.filter(question=question).delete()
        question.delete()


def choice_save(*, choice: Choice) -> Choice:
    with transaction.atomic():
        choice.full_clean()
        choice.save()
    return choice


def choice_delete_check(*, choice: Choice) -> None:
    """Refuse, with the reason, to delete a choice people chose."""
    if AnswerChoice.objects.filter(choice=choice).exists():
        raise ValidationError(
            "People chose %(label)s, so it cannot be deleted: their answers would change. "
            "Change its wording only if the meaning stays the same.",
            code="choice_answered",
            params={"label": f"“{choice.label}”"},
        )


def choice_delete(*, choice: Choice) -> None:
    choice_delete_check(choice=choice)
    choice.delete()


# --- Equality impact assessments ------------------------------------------------------


def assessment_create(
    *,
    strategy: Strategy | None = None,
    action_plan: ActionPlan | None = None,
    consultation: Consultation | None = None,
    summary: str = "",
) -> EqualityImpactAssessment:
    """Start an assessment of one thing, with a row for each of the nine protected
    characteristics, their impact not known yet."""
    assessment = EqualityImpactAssessment(
        strategy=strategy, action_plan=action_plan, consultation=consultation, summary=summary
    )
    with transaction.atomic():
        assessment.full_clean()
        assessment.save()
        assessment_rows_ensure(assessment=assessment)
    return assessment


def assessment_rows_ensure(*, assessment: EqualityImpactAssessment) -> None:
    """Add the rows of any characteristic the assessment does not have yet."""
    have = set(assessment.impacts.values_list("characteristic", flat=True))
    # With their "created" rows in the audit history, as a save() would have.
    bulk_create_with_history(
        [
            CharacteristicImpact(assessment=assessment, characteristic=c, impact=Impact.UNKNOWN)
            for c in ProtectedCharacteristic
            if c not in have
        ],
        CharacteristicImpact,
    )


def assessment_impact_set(
    *,
    assessment: EqualityImpactAssessment,
    characteristic: str,
    impact: str,
    evidence: str = "",
    mitigation: str = "",
) -> CharacteristicImpact:
    """Record the impact on one characteristic. A negative impact without a
    mitigation is refused with a message on the mitigation."""
    row = CharacteristicImpact.objects.get(assessment=assessment, characteristic=characteristic)
    row.impact = impact
    row.evidence = evidence
    row.mitigation = mitigation
    with transaction.atomic():
        row.full_clean()
        row.save()
    return row


def assessment_complete(
    *, assessment: EqualityImpactAssessment, completed_by: str, on: datetime.date | None = None
) -> EqualityImpactAssessment:
    assessment.completed_by = completed_by
    assessment.completed_on = on or timezone.localdate()
    with transaction.atomic():
        assessment.full_clean()
        assessment.save()
    return assessment
