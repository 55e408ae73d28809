"""The scheduled duties' record: when each last ran, how it went, when it runs next.
Officers read it in the admin (``schedule`` runs them)."""

from django.db import models


class DutyStatus(models.TextChoices):
    NEVER = "never", "Not run yet"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class Duty(models.Model):
    name = models.CharField(max_length=60, unique=True)
    next_run_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(
        max_length=10, choices=DutyStatus.choices, default=DutyStatus.NEVER
    )
    #: What the last run did ("12 reminders") or, when it failed, its error.
    last_result = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "scheduled duties"

    def __str__(self) -> str:
        return self.name
