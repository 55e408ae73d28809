from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .plans import Action


class Direction(models.TextChoices):
    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"


class Measure(models.Model):
    """How an action's success is measured, with its values over time."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="measures")
    title = models.CharField(max_length=200)
    unit = models.CharField(max_length=40, help_text='For example "%", "people", "GBP".')
    baseline = models.DecimalField(max_digits=14, decimal_places=2)
    target = models.DecimalField(max_digits=14, decimal_places=2)
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.UP)

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.baseline is None or self.target is None:
            return
        if self.direction == Direction.UP and self.target < self.baseline:
            message = "Higher is better, so the target cannot be below the baseline."
        elif self.direction == Direction.DOWN and self.target > self.baseline:
            message = "Lower is better, so the target cannot be above the baseline."
        else:
            return
        raise ValidationError({"target": ValidationError(message, code="target_direction")})


class MeasureValue(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    measured_on = models.DateField()
    value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0, message="A measured value cannot be negative.")],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "measured_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "measured_on"],
                name="measure_value_once_a_day",
                violation_error_message="There is already a value for this date.",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="measure_value_not_negative",
                violation_error_message="A measured value cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} on {self.measured_on:%d/%m/%Y}"
