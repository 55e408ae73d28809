"""Equality impact assessments: due regard to the Public Sector Equality Duty,
section 149 of the Equality Act 2010 (cabinet report 7.2.2), for a strategy, an
action plan or a consultation, against each of the nine protected characteristics."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from strategy.models import ActionPlan, Strategy, StrategyStatus

from .consultations import Consultation


class ProtectedCharacteristic(models.TextChoices):
    """Equality Act 2010, section 4, in the Act's order."""

    AGE = "age", "Age"
    DISABILITY = "disability", "Disability"
    GENDER_REASSIGNMENT = "gender_reassignment", "Gender reassignment"
    MARRIAGE = "marriage_civil_partnership", "Marriage and civil partnership"
    PREGNANCY = "pregnancy_maternity", "Pregnancy and maternity"
    RACE = "race", "Race"
    RELIGION = "religion_belief", "Religion or belief"
    SEX = "sex", "Sex"
    SEXUAL_ORIENTATION = "sexual_orientation", "Sexual orientation"


class Impact(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEUTRAL = "neutral", "Neutral"
    NEGATIVE = "negative", "Negative"
    UNKNOWN = "unknown", "Not known yet"


_ONE_SUBJECT = (
    models.Q(strategy__isnull=False, action_plan__isnull=True, consultation__isnull=True)
    | models.Q(strategy__isnull=True, action_plan__isnull=False, consultation__isnull=True)
    | models.Q(strategy__isnull=True, action_plan__isnull=True, consultation__isnull=False)
)


class EqualityImpactAssessmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(completed_on__isnull=False)


class EqualityImpactAssessment(models.Model):
    """One assessment per strategy, plan or consultation. Create it through
    ``strategy.consultations.services.assessment_create``, which adds a row for each
    of the nine characteristics."""

    strategy = models.OneToOneField(
        Strategy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equality_assessment",
    )
    action_plan = models.OneToOneField(
        ActionPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equality_assessment",
    )
    consultation = models.OneToOneField(
        Consultation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="equality_assessment",
    )
    summary = models.TextField(blank=True, help_text="The assessment's conclusion.")
    completed_by = models.CharField(
        max_length=200, blank=True, help_text="Name and role, or team, of who completed it."
    )
    completed_on = models.DateField(null=True, blank=True)

    objects = EqualityImpactAssessmentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = "equality impact assessment"
        constraints = [
            models.CheckConstraint(
                condition=_ONE_SUBJECT,
                name="assessment_one_subject",
                violation_error_message="Assess exactly one thing: a strategy, an action plan "
                "or a consultation.",
            ),
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True) | ~models.Q(completed_by=""),
                name="assessment_completed_by_someone",
                violation_error_message="Say who completed the assessment.",
            ),
        ]

    def __str__(self) -> str:
        return f"Equality impact assessment: {self.subject_label}"

    @property
    def subject_label(self) -> str:
        if self.strategy_id:
            return self.strategy.title
        if self.action_plan_id:
            return self.action_plan.title
        if self.consultation_id:
            return self.consultation.title
        return ""

    @property
    def is_complete(self) -> bool:
        return self.completed_on is not None

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        subjects = [
            n for n in ("strategy", "action_plan", "consultation") if getattr(self, f"{n}_id")
        ]
        if not subjects:
            errors["strategy"] = ValidationError(
                "Choose what is assessed: a strategy, an action plan or a consultation.",
                code="subject_missing",
            )
        for name in subjects[1:]:
            errors[name] = ValidationError(
                "Assess one thing only: clear this field or the other one.", code="subject_many"
            )
        if self.completed_on and not self.completed_by.strip():
            errors["completed_by"] = ValidationError(
                "Say who completed the assessment.", code="completed_by_missing"
            )
        if self.completed_by.strip() and not self.completed_on:
            errors["completed_on"] = ValidationError(
                "Give the date the assessment was completed.", code="completed_on_missing"
            )
        if self.completed_on and self.pk:
            assessed = set(self.impacts.values_list("characteristic", flat=True))
            missing = [c.label for c in ProtectedCharacteristic if c not in assessed]
            if missing:
                errors["completed_on"] = ValidationError(
                    "The assessment is not complete: %(missing)s not assessed.",
                    code="characteristics_missing",
                    params={"missing": ", ".join(missing)},
                )
        if errors:
            raise ValidationError(errors)


class CharacteristicImpact(models.Model):
    """The impact on people who share one protected characteristic, and what is done
    about a negative one."""

    assessment = models.ForeignKey(
        EqualityImpactAssessment, on_delete=models.PROTECT, related_name="impacts"
    )
    characteristic = models.CharField(max_length=30, choices=ProtectedCharacteristic.choices)
    impact = models.CharField(max_length=10, choices=Impact.choices, default=Impact.UNKNOWN)
    evidence = models.TextField("impact and evidence", blank=True)
    mitigation = models.TextField(
        blank=True, help_text="Required when the impact is negative: how it will be reduced."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "characteristic"],
                name="impact_once_per_characteristic",
                violation_error_message="This characteristic is already assessed.",
            ),
            models.CheckConstraint(
                condition=models.Q(characteristic__in=ProtectedCharacteristic.values),
                name="impact_known_characteristic",
            ),
            models.CheckConstraint(
                condition=models.Q(impact__in=Impact.values),
                name="impact_known_value",
            ),
            models.CheckConstraint(
                condition=~models.Q(impact=Impact.NEGATIVE) | ~models.Q(mitigation=""),
                name="impact_negative_has_mitigation",
                violation_error_message="A negative impact needs a mitigation.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_characteristic_display()}: {self.get_impact_display()}"

    def clean(self) -> None:
        if self.impact == Impact.NEGATIVE and not self.mitigation.strip():
            raise ValidationError(
                {
                    "mitigation": ValidationError(
                        "The impact on %(who)s is negative: say how it will be mitigated.",
                        code="mitigation_required",
                        params={"who": self.get_characteristic_display().lower()},
                    )
                }
            )


def strategies_without_assessment():
    """Adopted strategies with no completed equality impact assessment: flagged,
    because adopting one needs due regard to the equality duty (cabinet report 7.2.2)."""
    return Strategy.objects.filter(status=StrategyStatus.ADOPTED).filter(
        models.Q(equality_assessment__isnull=True)
        | models.Q(equality_assessment__completed_on__isnull=True)
    )


class StrategyAssessmentCheck(Strategy):
    """Strategies seen from the equality duty, for the officers' admin list that flags
    an adopted strategy without an assessment. A proxy, so the strategy's own admin
    stays where it is."""

    class Meta:
        proxy = True
        verbose_name = "strategy equality check"
        verbose_name_plural = "strategy equality checks"
