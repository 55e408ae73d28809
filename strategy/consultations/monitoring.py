"""Equality monitoring, read only in aggregate: for each protected characteristic,
how many respondents gave each answer, with small numbers suppressed so that no
one can be recognised from the table.

- A count from 1 to ``SUPPRESS_BELOW - 1`` is shown as "fewer than 5".
- The row's total is shown, so a row with one suppressed cell would give it away by
  subtraction: the next smallest count is suppressed too (secondary suppression).
- Fewer than ``SUPPRESS_BELOW`` respondents in all: nothing but that is shown.

Officers read it on a consultation's responses page and on its equality impact
assessment (or on the assessment of the strategy or action plan it consulted on),
which it feeds; no public page shows it."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import (
    Consultation,
    EqualityImpactAssessment,
    EqualityMonitoring,
    ProtectedCharacteristic,
)
from .models.monitoring import QUESTIONS, answer_choices

SUPPRESS_BELOW = 5
NOT_ANSWERED = ("", "Not answered")


@dataclass(frozen=True)
class Cell:
    label: str
    #: None when suppressed.
    count: int | None

    @property
    def shown(self) -> str:
        return f"fewer than {SUPPRESS_BELOW}" if self.count is None else str(self.count)


@dataclass(frozen=True)
class Row:
    characteristic: str
    question: str
    cells: list[Cell]


@dataclass(frozen=True)
class MonitoringTable:
    #: How many answered the equality questions (None: fewer than the threshold).
    respondents: int | None
    rows: list[Row]

    @property
    def too_few(self) -> bool:
        return self.respondents is None


def _suppressed(counts: list[int]) -> list[int | None]:
    shown: list[int | None] = [None if 0 < n < SUPPRESS_BELOW else n for n in counts]
    if sum(n is None for n in shown) == 1:
        candidates = [(n, i) for i, n in enumerate(shown) if n]  # non-zero, not yet hidden
        if candidates:
            shown[min(candidates)[1]] = None
    return shown


def _alias(characteristic: ProtectedCharacteristic, value: str) -> str:
    return f"{characteristic.value}_is_{value or 'blank'}"


def monitoring_table(consultations) -> MonitoringTable:
    """The table for the equality answers given to ``consultations`` (a queryset or
    a list of consultations), in one query."""
    aggregates = {"total": Count("pk")}
    for characteristic in ProtectedCharacteristic:
        for value, _ in [*answer_choices(characteristic), NOT_ANSWERED]:
            aggregates[_alias(characteristic, value)] = Count(
                "pk", filter=Q(**{characteristic.value: value})
            )
    counts = EqualityMonitoring.objects.filter(consultation__in=consultations).aggregate(
        **aggregates
    )
    if counts["total"] < SUPPRESS_BELOW:
        return MonitoringTable(respondents=None, rows=[])
    rows = []
    for characteristic in ProtectedCharacteristic:
        answers = [*answer_choices(characteristic), NOT_ANSWERED]
        shown = _suppressed([counts[_alias(characteristic, v)] for v, _ in answers])
        rows.append(
            Row(
                characteristic=characteristic.label,
                question=QUESTIONS[characteristic][0],
                cells=[Cell(label, n) for (_, label), n in zip(answers, shown, strict=True)],
            )
        )
    return MonitoringTable(respondents=counts["total"], rows=rows)


def consultations_assessed(assessment: EqualityImpactAssessment):
    """The consultations whose respondents an assessment should hear about: the
    consultation assessed, or those on the strategy or action plan assessed."""
    if assessment.consultation_id:
        return Consultation.objects.filter(pk=assessment.consultation_id)
    if assessment.strategy_id:
        return Consultation.objects.filter(strategy_id=assessment.strategy_id)
    if assessment.action_plan_id:
        return Consultation.objects.filter(action_plan_id=assessment.action_plan_id)
    return Consultation.objects.none()
