"""Decisions and the forward plan (agreement 3.1b, 3.5f; the cabinet report's
"decision taken").

Each decision is a record of its own: what was decided, by whom, on what date, the
vote where there was one, and the report it was taken on. Most are taken at a
meeting of a partnership body, on an item of its agenda; a decision taken outside
the partnership on its business (the council's Cabinet on the cabinet report) names
its decision maker instead. The forward plan publishes the decisions coming, ahead,
and each entry is linked to its decision once taken.

Who may read a decision follows its meeting and item (``DecisionQuerySet.public``):
a decision on a confidential item, or at a meeting not open to the public, is
shown only where the item is.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords

from .bodies import Body
from .meetings import AgendaItem, Meeting, MeetingStatus

#: The notice the forward plan gives of a key decision: 28 clear days, as the
#: council's own executive gives (Local Authorities (Executive Arrangements)
#: (Meetings and Access to Information) (England) Regulations 2012, reg. 9).
KEY_DECISION_NOTICE = datetime.timedelta(days=28)


class DecisionQuerySet(models.QuerySet):
    def public(self):
        """What anyone may read: decisions at public meetings on items that are
        not confidential, and those taken outside the partnership's meetings."""
        return self.filter(
            models.Q(meeting__isnull=True)
            | (
                models.Q(meeting__is_public=True)
                & (
                    models.Q(agenda_item__isnull=True)
                    | models.Q(agenda_item__is_confidential=False)
                )
            )
        )


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        help_text="The partnership meeting that took the decision.",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name="agenda item",
    )
    decision_maker = models.CharField(
        max_length=200,
        blank=True,
        help_text='Only for a decision not taken at a partnership meeting, e.g. "Cabinet".',
    )
    decided_on = models.DateField(
        "date of decision",
        blank=True,
        help_text="For a decision at a meeting, the meeting's date (filled in if left empty).",
    )
    title = models.CharField(max_length=200)
    text = models.TextField(
        "decision", help_text="What was decided, as minuted (e.g. the resolutions agreed)."
    )
    reasons = models.TextField(blank=True, help_text="Why, and the options considered.")
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    report = models.ForeignKey(
        "core.PublishedVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name="report decided on",
        help_text="The published report the decision was taken on, as it was laid.",
    )
    is_key_decision = models.BooleanField(
        "key decision",
        default=False,
        help_text="Significant spending or effect on communities in two or more areas.",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(meeting__isnull=False) & models.Q(decision_maker=""))
                | (models.Q(meeting__isnull=True) & ~models.Q(decision_maker="")),
                name="decision_at_a_meeting_or_by_a_named_maker",
                violation_error_message=(
                    "Choose the meeting that took the decision, or, for a decision taken "
                    "outside the partnership's meetings, name the decision maker."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(agenda_item__isnull=True) | models.Q(meeting__isnull=False),
                name="decision_item_needs_its_meeting",
                violation_error_message="Choose the meeting whose agenda the item is on.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.decided_on:%-d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("decision-detail", args=[self.pk])

    @property
    def body(self) -> Body | None:
        return self.meeting.body if self.meeting_id else None

    @property
    def decided_by(self) -> str:
        return self.meeting.body.name if self.meeting_id else self.decision_maker

    @property
    def has_vote(self) -> bool:
        return self.votes_for is not None

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        meeting = self.meeting if self.meeting_id else None
        if meeting is None and not self.decision_maker.strip():
            errors["meeting"] = ValidationError(
                "Choose the meeting that took the decision, or name the decision maker.",
                code="no_decision_maker",
            )
        if meeting is not None and self.decision_maker.strip():
            errors["decision_maker"] = ValidationError(
                "A decision taken at a meeting is the meeting's body's: leave this empty.",
                code="maker_and_meeting",
            )
        if self.agenda_item_id:
            if meeting is None:
                errors["agenda_item"] = ValidationError(
                    "Choose the meeting whose agenda this item is on.", code="item_no_meeting"
                )
            elif self.agenda_item.meeting_id != meeting.pk:
                errors["agenda_item"] = ValidationError(
                    "This item is on the agenda of %(other)s, not of this meeting: choose "
                    "an item of %(meeting)s.",
                    code="item_other_meeting",
                    params={"other": self.agenda_item.meeting, "meeting": meeting},
                )
        if meeting is not None:
            day = timezone.localdate(meeting.starts_at)
            self.decided_on = self.decided_on or day
            if meeting.status == MeetingStatus.CANCELLED:
                errors["meeting"] = ValidationError(
                    "This meeting was cancelled: it took no decisions.", code="cancelled"
                )
            elif self.decided_on and self.decided_on != day:
                errors["decided_on"] = ValidationError(
                    "The meeting was on %(day)s: a decision it took has that date.",
                    code="not_meeting_day",
                    params={"day": f"{day:%-d %B %Y}"},
                )
        if meeting is None and not self.decided_on:
            errors["decided_on"] = ValidationError("Give the date of the decision.", code="no_date")
        if self.decided_on and self.decided_on > timezone.localdate():
            errors.setdefault(
                "decided_on",
                ValidationError(
                    "%(day)s is still to come: record a decision once it has been taken.",
                    code="decision_in_future",
                    params={"day": f"{self.decided_on:%-d %B %Y}"},
                ),
            )
        votes = (self.votes_for, self.votes_against, self.abstentions)
        if any(v is not None for v in votes) and (
            self.votes_for is None or self.votes_against is None
        ):
            field = "votes_for" if self.votes_for is None else "votes_against"
            errors[field] = ValidationError(
                "Give the votes for and against (and abstentions, if any), or no votes "
                "for a decision taken without a vote.",
                code="vote_incomplete",
            )
        if errors:
            raise ValidationError(errors)


class ForwardPlanEntry(models.Model):
    """A decision coming: published ahead so that anyone may see what will be
    decided, by whom and when, and whether in private and why."""

    body = TreeForeignKey(Body, on_delete=models.PROTECT, related_name="forward_plan")
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="What is to be decided.")
    expected_on = models.DateField("expected date of decision")
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forward_plan",
        help_text="The body's meeting the decision is expected at, once set.",
    )
    papers_expected = models.TextField(
        blank=True, help_text="The reports and documents to be laid before the decision maker."
    )
    is_key_decision = models.BooleanField("key decision", default=False)
    is_private = models.BooleanField(
        "to be taken in private",
        default=False,
        help_text="The decision will be taken in a part of the meeting closed to the public.",
    )
    private_reason = models.TextField(
        "why in private",
        blank=True,
        help_text="Why the public will be excluded (agreement 5.7: information not in the "
        "public domain), as the public will read it.",
    )
    contact = models.CharField(
        max_length=200, blank=True, help_text="The lead officer, by role (no personal details)."
    )
    published_on = models.DateField("first published", default=timezone.localdate, editable=False)
    decision = models.OneToOneField(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forward_plan_entry",
        help_text="The decision, once taken.",
    )
    is_withdrawn = models.BooleanField(
        "withdrawn", default=False, help_text="No longer to be decided."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["expected_on", "pk"]
        verbose_name = "forward plan entry"
        verbose_name_plural = "forward plan"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_private=False) | ~models.Q(private_reason=""),
                name="forward_plan_private_says_why",
                violation_error_message="Say why the decision will be taken in private.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.body}, {self.expected_on:%-d %B %Y})"

    @property
    def short_notice(self) -> bool:
        """A key decision published with less than the notice the forward plan gives."""
        return self.is_key_decision and self.expected_on - self.published_on < KEY_DECISION_NOTICE

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.is_private and not self.private_reason.strip():
            errors["private_reason"] = ValidationError(
                "Say why the decision will be taken in private.", code="private_reason"
            )
        if self.meeting_id and self.body_id and self.meeting.body_id != self.body_id:
            errors["meeting"] = ValidationError(
                "Choose a meeting of %(body)s.",
                code="meeting_other_body",
                params={"body": self.body},
            )
        if self.decision_id and self.body_id:
            decision = self.decision
            if decision.meeting_id and decision.meeting.body_id != self.body_id:
                errors["decision"] = ValidationError(
                    "This decision was taken by %(other)s, not %(body)s.",
                    code="decision_other_body",
                    params={"other": decision.decided_by, "body": self.body},
                )
        if errors:
            raise ValidationError(errors)
