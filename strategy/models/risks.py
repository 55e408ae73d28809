import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .strategies import Strategy

ONE_TO_FIVE = [
    MinValueValidator(1, message="Score from 1 to 5."),
    MaxValueValidator(5, message="Score from 1 to 5."),
]


class Risk(models.Model):
    """An entry in the risk log of the strategy refresh (cabinet report 8.1, appendix 3)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="risks")
    title = models.CharField(max_length=300)
    likelihood = models.PositiveSmallIntegerField(
        validators=ONE_TO_FIVE, help_text="1 (rare) to 5 (almost certain)"
    )
    impact = models.PositiveSmallIntegerField(
        validators=ONE_TO_FIVE, help_text="1 (minimal) to 5 (severe)"
    )
    owner = models.CharField(max_length=200, help_text="Who manages the risk.")
    mitigation = models.TextField()
    review_on = models.DateField("next review")

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "-likelihood", "-impact", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5
                ),
                name="risk_scores_one_to_five",
                violation_error_message="Likelihood and impact are each scored from 1 to 5.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        """High from 15, medium from 8: the common 5x5 matrix bands."""
        return "High" if self.score >= 15 else "Medium" if self.score >= 8 else "Low"

    def is_overdue(self, on: datetime.date) -> bool:
        """Its review date has passed without a review (a review sets the next one)."""
        return self.review_on < on


class Milestone(models.Model):
    """A step in the project plan of the strategy refresh (cabinet report 5.6.6)."""

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(max_length=300)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    lead = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, on: datetime.date) -> bool:
        """Not done by ``on``, and its due date has passed by then."""
        return (self.done_on is None or self.done_on > on) and self.due_on < on
