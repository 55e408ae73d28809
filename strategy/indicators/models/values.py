from django.conf import settings
from django.db import models

from pace.core.history import HistoricalRecords

from .geographies import Geography
from .indicators import Indicator


class ValueStatus(models.TextChoices):
    PROVISIONAL = "provisional", "Provisional"
    FINAL = "final", "Final"


class IndicatorTarget(models.Model):
    """Where the indicator should be by a date, for its own geography."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    target_on = models.DateField("by")
    value = models.DecimalField(max_digits=14, decimal_places=3)
    note = models.CharField(max_length=300, blank=True, help_text="Where the target comes from.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "target_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "target_on"],
                name="indicator_target_once_a_day",
                violation_error_message="There is already a target for this date.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} by {self.target_on:%-d %B %Y}"


class IndicatorValue(models.Model):
    """One period's figure for one place, as entered or imported
    (``services.indicator_value_save``, ``services.indicator_values_import``)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    geography = models.ForeignKey(Geography, on_delete=models.PROTECT, related_name="values")
    period_end = models.DateField("period ending")
    value = models.DecimalField(max_digits=14, decimal_places=3)
    status = models.CharField(max_length=12, choices=ValueStatus.choices, default=ValueStatus.FINAL)
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "geography", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "geography", "period_end"],
                name="indicator_value_once_a_period",
                violation_error_message="There is already a value for this period and place.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}, {self.geography}: {self.value} to {self.period_end:%-d %B %Y}"
