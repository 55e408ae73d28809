import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords

from pace.core.rag import Rag

from .measures import Measure
from .plans import Action

__all__ = [
    "REMIND_DAYS_BEFORE",
    "UPDATE_EVERY_DAYS",
    "ExceptionReport",
    "ExceptionStatus",
    "ExceptionStep",
    "ExceptionStepKind",
    "ProgressUpdate",
    "Rag",
    "next_update_due",
]

#: Days between an action's progress updates (a quarter: Plan, Do, Review, agreement
#: 5.4). An update is *due* from ``REMIND_DAYS_BEFORE`` days before that day (its
#: owner is reminded then, ``notices``; the member's task list shows it) and
#: *overdue* after it.
UPDATE_EVERY_DAYS = 91
REMIND_DAYS_BEFORE = 7


def next_update_due(last_reported: datetime.date | None, plan_starts_on: datetime.date):
    """When an action's next progress update is due: a quarter after its last one,
    or after its plan started."""
    return (last_reported or plan_starts_on) + datetime.timedelta(days=UPDATE_EVERY_DAYS)


class ProgressUpdate(models.Model):
    """A Plan, Do, Review checkpoint (agreement 5.4): a rating and what happened."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    reported_on = models.DateField("date of update")
    rag = models.CharField("rating", max_length=10, choices=Rag.choices)
    # Plain text, escaped where it is shown; the form limits its length.
    narrative = models.TextField(help_text="What has been done, and what happens next.")
    measured_value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message="A measured value cannot be negative.")],
    )
    # The measure the value is a reading of; the value is also on the measure's
    # series (``MeasureValue``), which its chart draws.
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    posted_at = models.DateTimeField(auto_now_add=True)
    # A one-time key from the form, so that submitting it twice posts one update.
    submission_key = models.CharField(max_length=40, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on", "-pk"]
        get_latest_by = ["reported_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measured_value__isnull=True) | models.Q(measured_value__gte=0),
                name="update_value_not_negative",
                violation_error_message="A measured value cannot be negative.",
            ),
            models.UniqueConstraint(
                fields=["action", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="update_submitted_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.get_rag_display()} on {self.reported_on:%d/%m/%Y}"


class ExceptionStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class ExceptionReport(models.Model):
    """Raised when an action goes red, to the body its plan's body is accountable to
    (agreement, Executive Board role 5 and Thematic Groups role 3)."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="exception_reports")
    opened_by_update = models.OneToOneField(
        ProgressUpdate, on_delete=models.PROTECT, related_name="exception_report"
    )
    addressed_to = TreeForeignKey(
        "partnerships.Body", on_delete=models.PROTECT, related_name="exception_reports_received"
    )
    opened_on = models.DateField()
    #: When it last went up to the body above, unresolved (``notices``).
    escalated_on = models.DateField(null=True, blank=True, editable=False)
    status = models.CharField(
        max_length=10, choices=ExceptionStatus.choices, default=ExceptionStatus.OPEN
    )
    resolution = models.TextField(blank=True)
    resolved_on = models.DateField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action"],
                condition=models.Q(status="open"),
                name="one_open_exception_per_action",
                violation_error_message="This action already has an open exception report.",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | ~models.Q(resolution=""),
                name="exception_resolved_with_reason",
                violation_error_message="Say how the exception was resolved.",
            ),
        ]

    def __str__(self) -> str:
        return f"Exception report: {self.action}"

    def clean(self) -> None:
        if self.status == ExceptionStatus.RESOLVED and not self.resolution.strip():
            raise ValidationError(
                {
                    "resolution": ValidationError(
                        "Say how the exception was resolved.", code="required"
                    )
                }
            )


class ExceptionStepKind(models.TextChoices):
    RAISED = "raised", "Raised to"
    COPIED = "copied", "Also sent to"
    ESCALATED = "escalated", "Escalated to"


class ExceptionStep(models.Model):
    """One step of an exception report's way through the partnership, in order: raised
    to the body above the action's body; also sent to each other body that body
    reports to (``partnerships.routing.report_recipients``); escalated, unresolved,
    to the next body up after the period the addressed body's terms of reference set
    (``strategy.services.exception_report_escalate``). The report's page shows them
    as its chain; a body's dashboard lists the open reports that reached it."""

    # Part of the report: goes with it (its history keeps both).
    report = models.ForeignKey(ExceptionReport, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=10, choices=ExceptionStepKind.choices)
    from_body = TreeForeignKey("partnerships.Body", on_delete=models.PROTECT, related_name="+")
    to_body = TreeForeignKey(
        "partnerships.Body", on_delete=models.PROTECT, related_name="exception_steps_received"
    )
    on = models.DateField()
    #: For an escalation: the days it had waited unresolved with ``from_body``.
    waited_days = models.PositiveSmallIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            # Idempotent by construction: a report reaches a body once each way, and
            # is raised once.
            models.UniqueConstraint(
                fields=["report", "to_body", "kind"], name="exception_step_once_per_body"
            ),
            models.UniqueConstraint(
                fields=["report"],
                condition=models.Q(kind="raised"),
                name="exception_raised_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="escalated") | models.Q(waited_days__isnull=False),
                name="exception_escalation_says_wait",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.to_body} on {self.on:%d/%m/%Y}"

    @property
    def sentence(self) -> str:
        """ "Escalated to the Leaders Board on 3 May 2026 (unresolved after 28 days)"."""
        text = f"{self.get_kind_display()} {self.to_body.name} on {self.on:%-d %B %Y}"
        if self.kind == ExceptionStepKind.ESCALATED:
            text += f" (unresolved after {self.waited_days} days)"
        return text
