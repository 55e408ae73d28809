"""The agreement's protocols: complaints about the partnership's joint work (agreement
3.2d), whistle-blowing (3.5g-h) and disputes between bodies, which the Leaders Board
(the Executive Board's successor) resolves with the thematic chairs (agreement 7).

Nothing here is ever public: no page, feed, export or search lists a complaint, a
whistle-blowing report or a dispute. Who may read each is ``access``'s rule. A
dispute's decision reaches the public only when the officer recording it chooses to
publish it, as a decision in the decision log (``services.dispute_decide``).

Personal data (the complainant's or whistle-blower's name and e-mail address) is
kept out of the audit history and forgotten ``keep_days()`` after the case is
closed (``services.cases_forget_people``), as residents' question addresses are."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords

from partnerships.models import Body, Decision

SUMMARY_MAX = 200
DETAILS_MAX = 5000
NAME_MAX = 100
OUTCOME_MAX = 5000
POSITION_MAX = 5000

#: How long a closed case keeps the name and address of whoever raised it, where
#: the settings say nothing (``PACE_PROTOCOLS_KEEP_DAYS``).
DEFAULT_KEEP_DAYS = 365


def keep_days() -> int:
    return int(getattr(settings, "PACE_PROTOCOLS_KEEP_DAYS", DEFAULT_KEEP_DAYS))


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", "Complaint"
    WHISTLEBLOWING = "whistleblowing", "Whistle-blowing report"


class CaseStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    INVESTIGATING = "investigating", "Being investigated"
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: The statuses that close a case: each needs an outcome and the day it closed.
CLOSED = frozenset(
    {
        CaseStatus.UPHELD,
        CaseStatus.PARTLY_UPHELD,
        CaseStatus.NOT_UPHELD,
        CaseStatus.WITHDRAWN,
    }
)


def _closed_q() -> models.Q:
    return models.Q(status__in=sorted(CLOSED))


class ProtocolCase(models.Model):
    """What a complaint and a whistle-blowing report share: what it is about, where
    the terms of reference route it (``routing.route_for``), and how it ends."""

    reference = models.CharField(max_length=12, unique=True, editable=False)
    about_body = TreeForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="about",
        help_text="The body whose work it is about, if the sender named one.",
    )
    summary = models.CharField(
        max_length=SUMMARY_MAX, error_messages={"blank": "Enter a summary in a sentence."}
    )
    details = models.TextField(
        max_length=DETAILS_MAX,
        validators=[MaxLengthValidator(DETAILS_MAX)],
        error_messages={"blank": "Enter the details."},
    )
    # Blank once forgotten (``services.cases_forget_people``).
    name = models.CharField("sender's name", max_length=NAME_MAX, blank=True)
    email = models.EmailField("sender's e-mail address", max_length=254, blank=True)
    received_on = models.DateField()
    routed_to = TreeForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The body whose terms of reference receive it.",
    )
    status = models.CharField(
        max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    outcome = models.TextField(
        blank=True,
        max_length=OUTCOME_MAX,
        validators=[MaxLengthValidator(OUTCOME_MAX)],
        help_text="What was found and done. Required to close the case.",
    )
    closed_on = models.DateField(null=True, blank=True, editable=False)
    people_forgotten = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name.capitalize()} {self.reference}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED

    def clean(self) -> None:
        if self.status in CLOSED and not (self.outcome or "").strip():
            raise ValidationError(
                {
                    "outcome": ValidationError(
                        "Give the outcome: a case is closed with what was found and done.",
                        code="outcome_required",
                    )
                }
            )


def _case_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=models.Q(status__in=CaseStatus.values), name=f"{prefix}_status_known"
        ),
        models.CheckConstraint(
            condition=~_closed_q() | (~models.Q(outcome="") & models.Q(closed_on__isnull=False)),
            name=f"{prefix}_closed_with_an_outcome",
            violation_error_message="Give the outcome: a case is closed with what was found.",
        ),
        models.CheckConstraint(
            condition=_closed_q() | models.Q(closed_on__isnull=True),
            name=f"{prefix}_open_not_closed_on",
        ),
    ]


class Complaint(ProtocolCase):
    """A complaint about the partnership's joint work (agreement 3.2d). Routed to the
    body whose terms receive complaints; its current members see it on their cases
    page (``access``), officers in the admin."""

    # The sender's name and address are not kept in the history: it is kept longer
    # than the case needs them.
    history = HistoricalRecords(excluded_fields=["name", "email"])

    class Meta(ProtocolCase.Meta):
        constraints = _case_constraints("complaint")


class WhistleblowingReport(ProtocolCase):
    """A whistle-blowing report (agreement 3.5g-h), anonymous if the sender wishes.
    The most confidential record PACE keeps: read only by officers holding
    ``protocols.handle_whistleblowing`` in their own name (``access``); never by the
    members of any body, the one it is routed to included."""

    history = HistoricalRecords(excluded_fields=["name", "email"])

    class Meta(ProtocolCase.Meta):
        verbose_name = "whistle-blowing report"
        constraints = _case_constraints("whistleblowing")
        permissions = [
            ("handle_whistleblowing", "Can read and handle whistle-blowing reports"),
        ]


class DisputeStatus(models.TextChoices):
    REFERRED = "referred", "Referred to the Leaders Board"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Dispute(models.Model):
    """A dispute between two bodies, referred to the Leaders Board, which resolves it
    in consultation with the chairs of the thematic groups (agreement 7)."""

    reference = models.CharField(max_length=12, unique=True, editable=False)
    body_a = TreeForeignKey(Body, on_delete=models.PROTECT, related_name="+", verbose_name="body")
    body_b = TreeForeignKey(
        Body, on_delete=models.PROTECT, related_name="+", verbose_name="other body"
    )
    subject = models.CharField(max_length=SUMMARY_MAX)
    position_a = models.TextField(
        "first body's position",
        max_length=POSITION_MAX,
        validators=[MaxLengthValidator(POSITION_MAX)],
    )
    position_b = models.TextField(
        "other body's position",
        max_length=POSITION_MAX,
        validators=[MaxLengthValidator(POSITION_MAX)],
    )
    referred_on = models.DateField()
    referred_to = TreeForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text="The Leaders Board.",
    )
    status = models.CharField(
        max_length=20, choices=DisputeStatus.choices, default=DisputeStatus.REFERRED
    )
    decision = models.TextField(
        blank=True,
        max_length=OUTCOME_MAX,
        validators=[MaxLengthValidator(OUTCOME_MAX)],
        help_text="What the Leaders Board decided, with the thematic chairs.",
    )
    decided_on = models.DateField(null=True, blank=True)
    decision_record = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The decision in the public decision log, if the decision was published.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(body_a=models.F("body_b")),
                name="dispute_between_two_bodies",
                violation_error_message="A dispute is between two different bodies.",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DisputeStatus.values), name="dispute_status_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DisputeStatus.DECIDED)
                | (~models.Q(decision="") & models.Q(decided_on__isnull=False)),
                name="dispute_decided_with_a_decision",
                violation_error_message="Give the decision and the date it was taken.",
            ),
        ]

    def __str__(self) -> str:
        return f"Dispute {self.reference}"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.body_a_id and self.body_a_id == self.body_b_id:
            errors["body_b"] = ValidationError(
                "Choose the other body: a dispute is between two different bodies.",
                code="same_body",
            )
        if self.status == DisputeStatus.DECIDED:
            if not (self.decision or "").strip():
                errors["decision"] = ValidationError(
                    "Give what the Leaders Board decided.", code="decision_required"
                )
            if not self.decided_on:
                errors["decided_on"] = ValidationError(
                    "Give the date of the decision.", code="decided_on_required"
                )
        if self.decided_on and self.decided_on > timezone.localdate():
            errors["decided_on"] = ValidationError(
                "%(day)s is still to come: record a decision once it has been taken.",
                code="decision_in_future",
                params={"day": f"{self.decided_on:%-d %B %Y}"},
            )
        elif self.decided_on and self.referred_on and self.decided_on < self.referred_on:
            errors["decided_on"] = ValidationError(
                "The decision cannot come before the dispute was referred (%(day)s).",
                code="decided_before_referred",
                params={"day": f"{self.referred_on:%-d %B %Y}"},
            )
        if errors:
            raise ValidationError(errors)
