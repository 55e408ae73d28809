"""Equality monitoring: who responded, by the nine protected characteristics of the
Equality Act 2010, so that the consultation's equality impact assessment can say
whom it heard from (cabinet report 7.2.2).

Every question may be skipped and each offers "Prefer not to say". The answers are
kept apart from the response they came with: a row holds the consultation and the
nine answers, and nothing else. It has no link to the response, a random key (so
the order rows were written in says nothing), and no time. It is read only in
aggregate, with small numbers suppressed (``strategy.consultations.monitoring``),
and has no admin page of its own. The categories follow the 2021 Census, at the
level of detail that keeps the counts of a local consultation useful."""

import uuid

from django.db import models

from .consultations import Consultation
from .equality import ProtectedCharacteristic

PREFER_NOT = ("prefer_not", "Prefer not to say")

#: characteristic -> (question, hint, [(value, label), ...]); "Prefer not to say" is
#: added to each.
QUESTIONS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    ProtectedCharacteristic.AGE: (
        "What is your age?",
        "",
        [
            ("under_16", "Under 16"),
            ("16_24", "16 to 24"),
            ("25_34", "25 to 34"),
            ("35_44", "35 to 44"),
            ("45_54", "45 to 54"),
            ("55_64", "55 to 64"),
            ("65_74", "65 to 74"),
            ("75_over", "75 or over"),
        ],
    ),
    ProtectedCharacteristic.DISABILITY: (
        "Do you have a disability?",
        "A physical or mental impairment that has a substantial and long-term effect on "
        "your ability to carry out day-to-day activities.",
        [("yes", "Yes"), ("no", "No")],
    ),
    ProtectedCharacteristic.GENDER_REASSIGNMENT: (
        "Is the gender you identify with the same as your sex registered at birth?",
        "",
        [("yes", "Yes"), ("no", "No")],
    ),
    ProtectedCharacteristic.MARRIAGE: (
        "Are you married or in a civil partnership?",
        "",
        [
            ("married", "Married"),
            ("civil_partnership", "In a civil partnership"),
            ("neither", "Neither"),
        ],
    ),
    ProtectedCharacteristic.PREGNANCY: (
        "Are you pregnant, or have you given birth in the last 26 weeks?",
        "",
        [("yes", "Yes"), ("no", "No")],
    ),
    ProtectedCharacteristic.RACE: (
        "What is your ethnic group?",
        "",
        [
            ("asian", "Asian or Asian British"),
            ("black", "Black, Black British, Caribbean or African"),
            ("mixed", "Mixed or multiple ethnic groups"),
            ("white", "White"),
            ("other", "Another ethnic group"),
        ],
    ),
    ProtectedCharacteristic.RELIGION: (
        "What is your religion or belief?",
        "",
        [
            ("none", "No religion"),
            ("christian", "Christian"),
            ("buddhist", "Buddhist"),
            ("hindu", "Hindu"),
            ("jewish", "Jewish"),
            ("muslim", "Muslim"),
            ("sikh", "Sikh"),
            ("other", "Another religion or belief"),
        ],
    ),
    ProtectedCharacteristic.SEX: (
        "What is your sex?",
        "",
        [("female", "Female"), ("male", "Male")],
    ),
    ProtectedCharacteristic.SEXUAL_ORIENTATION: (
        "Which of these best describes your sexual orientation?",
        "",
        [
            ("straight", "Straight or heterosexual"),
            ("gay_lesbian", "Gay or lesbian"),
            ("bisexual", "Bisexual"),
            ("other", "Another sexual orientation"),
        ],
    ),
}


def answer_choices(characteristic: str) -> list[tuple[str, str]]:
    """The answers to one question, "Prefer not to say" last."""
    return [*QUESTIONS[characteristic][2], PREFER_NOT]


def _field(characteristic: ProtectedCharacteristic) -> models.CharField:
    return models.CharField(
        characteristic.label,
        max_length=20,
        blank=True,
        choices=answer_choices(characteristic),
        help_text="Blank: not answered.",
    )


class EqualityMonitoring(models.Model):
    """One resident's answers to the equality questions (see the module's docstring:
    no link to their response, no time, read only in aggregate)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="equality_monitoring"
    )
    age = _field(ProtectedCharacteristic.AGE)
    disability = _field(ProtectedCharacteristic.DISABILITY)
    gender_reassignment = _field(ProtectedCharacteristic.GENDER_REASSIGNMENT)
    marriage_civil_partnership = _field(ProtectedCharacteristic.MARRIAGE)
    pregnancy_maternity = _field(ProtectedCharacteristic.PREGNANCY)
    race = _field(ProtectedCharacteristic.RACE)
    religion_belief = _field(ProtectedCharacteristic.RELIGION)
    sex = _field(ProtectedCharacteristic.SEX)
    sexual_orientation = _field(ProtectedCharacteristic.SEXUAL_ORIENTATION)

    class Meta:
        verbose_name = "equality monitoring answers"
        verbose_name_plural = "equality monitoring answers"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    **{
                        f"{c.value}__in": ["", *(v for v, _ in answer_choices(c))]
                        for c in ProtectedCharacteristic
                    }
                ),
                name="equality_monitoring_known_answers",
            )
        ]

    def __str__(self) -> str:
        return "Equality monitoring answers"
