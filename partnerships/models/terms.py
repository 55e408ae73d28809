"""Terms of reference as records (agreement, Thematic Groups: each thematic
partnership's terms "incorporate the core terms of reference"). The core terms every
body inherits are one record, versioned by its history; each body's own terms add its
purpose, membership, chair, meeting frequency, how it reports, how long an exception
report waits before it rises, which protocols it receives, and when they are reviewed.
The agreement's own review date (agreement 7) is kept on the core terms."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords

from .bodies import Body


class MeetingFrequency(models.IntegerChoices):
    """How often the terms say the body meets: meetings a year."""

    MONTHLY = 12, "Monthly"
    EVERY_TWO_MONTHS = 6, "Every two months"
    QUARTERLY = 4, "Quarterly"
    THREE_TIMES_A_YEAR = 3, "Three times a year"
    TWICE_A_YEAR = 2, "Twice a year"
    YEARLY = 1, "Once a year"


#: How long an unresolved exception report waits before it rises to the next body,
#: where a body's terms say nothing.
DEFAULT_ESCALATE_AFTER_DAYS = 28


class CoreTerms(models.Model):
    """The core terms of reference every body of the partnership inherits, and the
    partnership agreement's review (agreement 7). One record; its history keeps every
    version."""

    title = models.CharField(max_length=200, default="Core terms of reference")
    text = models.TextField(help_text="The core terms, in plain text. Each paragraph on its own.")
    adopted_on = models.DateField(help_text="When this version was adopted.")
    agreement_review_on = models.DateField(
        "agreement to be reviewed by",
        help_text="When the partnership agreement is next to be reviewed (agreement 7).",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "core terms of reference"
        verbose_name_plural = "core terms of reference"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:core-terms")


class TermsOfReference(models.Model):
    """One body's own terms, added to the core terms. Versioned by its history; the
    public page shows the current version and when it was adopted."""

    body = TreeForeignKey(Body, on_delete=models.PROTECT, related_name="terms")
    purpose = models.TextField(help_text="What the body is for.")
    membership = models.TextField(help_text="Who sits on the body and how they are appointed.")
    chair = models.CharField(
        max_length=200, help_text='Who chairs it, for example "a ward councillor, elected yearly".'
    )
    meeting_frequency = models.PositiveSmallIntegerField(
        choices=MeetingFrequency.choices, default=MeetingFrequency.QUARTERLY
    )
    reporting = models.TextField(
        "how it reports", help_text="To whom it reports, how often, and what it reports."
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        "escalate exception reports after (days)",
        default=DEFAULT_ESCALATE_AFTER_DAYS,
        help_text="How long an exception report addressed to the body may stay unresolved "
        "before it rises to the next body it reports to.",
    )
    receives_complaints = models.BooleanField(
        default=False, help_text="Complaints about the partnership's bodies are routed here."
    )
    receives_whistleblowing = models.BooleanField(
        "receives whistle-blowing reports",
        default=False,
        help_text="Whistle-blowing reports are routed here, in confidence.",
    )
    adopted_on = models.DateField(help_text="When this version was adopted.")
    review_on = models.DateField("to be reviewed by")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "terms of reference"
        verbose_name_plural = "terms of reference"
        constraints = [
            models.UniqueConstraint(
                fields=["body"],
                name="terms_once_per_body",
                violation_error_message="This body already has terms of reference: edit them.",
            ),
            models.CheckConstraint(
                condition=models.Q(escalate_after_days__gte=1),
                name="terms_escalate_after_a_day",
                violation_error_message="Exception reports wait at least a day before they rise.",
            ),
        ]

    def __str__(self) -> str:
        return f"Terms of reference: {self.body}"

    def get_absolute_url(self) -> str:
        return reverse("partnerships:body-terms", args=[self.body.slug])

    def clean(self) -> None:
        if self.adopted_on and self.review_on and self.review_on <= self.adopted_on:
            raise ValidationError(
                {
                    "review_on": ValidationError(
                        "The review date must be after the date these terms were adopted.",
                        code="review_before_adoption",
                    )
                }
            )
