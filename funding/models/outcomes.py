from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .awards import GrantAward
from .funds import Mechanism


class OutcomeTarget(models.Model):
    """What an award commissioned for outcomes must achieve (cabinet report 5.6.5:
    from 2017/18 town partnerships are commissioned "for outcomes that are aligned to
    the strategic aims"), how it is measured, and the evidence that it was met."""

    # PROTECT: an award with outcome targets is never deleted with them.
    award = models.ForeignKey(GrantAward, on_delete=models.PROTECT, related_name="outcome_targets")
    outcome = models.ForeignKey(
        "strategy.Outcome",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcome_targets",
        help_text="The strategy outcome the target serves.",
    )
    description = models.CharField("target", max_length=300)
    measure = models.CharField(
        max_length=300, help_text='How it is measured, e.g. "people attending weekly walks".'
    )
    target_value = models.CharField(
        "target value", max_length=100, help_text='For example "200 people by March 2018".'
    )
    met_on = models.DateField("met on", null=True, blank=True)
    evidence = models.TextField(blank=True, help_text="The evidence that the target was met.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["award", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(met_on__isnull=True) | ~models.Q(evidence=""),
                name="outcome_target_met_has_evidence",
                violation_error_message="A target that was met needs the evidence that it was.",
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_met(self) -> bool:
        return self.met_on is not None

    def clean(self) -> None:
        errors = {}
        if self.award_id and self.award.fund.mechanism != Mechanism.COMMISSIONING:
            errors["award"] = ValidationError(
                "Only an award commissioned for outcomes has outcome targets; %(fund)s is a "
                "%(mechanism)s.",
                code="targets_need_commissioning",
                params={
                    "fund": self.award.fund.name,
                    "mechanism": self.award.fund.get_mechanism_display().lower(),
                },
            )
        if self.met_on and not self.evidence.strip():
            errors["evidence"] = ValidationError(
                "Record the evidence that the target was met.", code="met_needs_evidence"
            )
        if errors:
            raise ValidationError(errors)
