"""Referrals of local needs: an Area Board raises a need, with its evidence, to a
thematic partnership or to the Leaders Board (cabinet report 5.6.3: Area Boards are
"the place where the needs of each area are reflected into the thematic
partnerships and upwards into the Leaders Board"), and the receiving body answers.

A referral is open until its receiving body answers it once: accepted into one of
its own action plans (and, if it says so, an action of that plan), declined with
its reasons, or passed on to another body, which makes a follow-on referral
(``passed_from``) so the thread goes on at the next body. Both ends write to the
thread (``messages.ReferralMessage``). A public referral, its thread and its answer are
published; a confidential one is seen only by the members of either end (and of
the bodies those are accountable to) and officers (``access``).

Write through ``services``; who may do what is ``access``; what a reader may see is
``selectors``. Every text is plain, escaped where it is shown."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from mptt.models import TreeForeignKey

from pace.core.history import HistoricalRecords
from partnerships.models import Body, BodyKind
from partnerships.models.organisations import web_address
from strategy.models import PlanStatus

#: Who raises a referral: the Area Boards (cabinet report 5.6.3). Their Area
#: Assemblies, Management Groups and town partnerships bring needs to their Area
#: Board, which speaks for the area.
RAISING_KINDS = frozenset({BodyKind.AREA_BOARD})
#: Who receives one: "the thematic partnerships" (the thematic boards and groups)
#: and "upwards", the Leaders Board. A body passes a referral on only to these.
RECEIVING_KINDS = frozenset(
    {BodyKind.THEMATIC_BOARD, BodyKind.THEMATIC_GROUP, BodyKind.LEADERS_BOARD}
)

#: The limits stated on the forms.
TITLE_MAX = 200
TEXT_MAX = 5000


class WebAddressField(models.URLField):
    """A web address (http or https) with one message for any other text: Django's
    own check beside ``web_address`` would give two for one mistake."""

    default_validators = [web_address]


class ReferralStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted into a plan"
    DECLINED = "declined", "Declined"
    PASSED_ON = "passed_on", "Passed on"


S = ReferralStatus


def plain_text(label: str, *, blank: bool = False, help_text: str = "") -> models.TextField:
    """A text field of plain text, within the limit the forms state."""
    return models.TextField(
        label, blank=blank, help_text=help_text, validators=[MaxLengthValidator(TEXT_MAX)]
    )


class ReferralQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Referral(models.Model):
    """A local need an Area Board raises to a thematic partnership or the Leaders
    Board, with the evidence for it, and the receiving body's answer."""

    from_body = TreeForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="referrals_raised",
        verbose_name="raised by (Area Board)",
    )
    to_body = TreeForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name="raised to",
    )
    title = models.CharField(max_length=TITLE_MAX)
    need = plain_text("the need", help_text="What the area needs, in plain language.")
    evidence = plain_text(
        "evidence", help_text="What shows the need: figures, what residents said, local reports."
    )
    evidence_url = WebAddressField(
        "link to the evidence",
        max_length=500,
        blank=True,
        help_text="Optional: a web page or document that holds the evidence.",
    )
    wards = models.ManyToManyField(
        "partnerships.Ward",
        blank=True,
        related_name="referrals",
        help_text="The wards it is about.",
    )
    is_public = models.BooleanField(
        "public",
        default=True,
        help_text="Untick for a referral that only the members of both bodies and officers "
        "may see.",
    )
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, default=S.OPEN)
    raised_by = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_raised",
        help_text="The member who raised it; blank when an officer recorded it.",
    )
    raised_on = models.DateField(default=timezone.localdate)
    # The referral this one continues, when a body passed that one on.
    passed_from = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="passed_on_as",
        editable=False,
    )

    # The answer.
    outcome = plain_text(
        "answer",
        blank=True,
        help_text="What the receiving body says, whatever it decides.",
    )
    plan = models.ForeignKey(
        "strategy.ActionPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name="accepted into plan",
    )
    action = models.ForeignKey(
        "strategy.Action",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name="accepted into action",
        help_text="Optional: the action of the plan that takes the need on.",
    )
    reasons = plain_text("reasons for declining", blank=True)
    passed_to = TreeForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_passed_in",
        verbose_name="passed on to",
    )
    answered_by = models.ForeignKey(
        "partnerships.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_answered",
    )
    answered_on = models.DateField(null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[wards])

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [
            models.Index(fields=["is_public", "status", "raised_on"]),
            models.Index(fields=["to_body", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_body=models.F("to_body")),
                name="referral_not_to_itself",
                violation_error_message="A body cannot raise a referral to itself.",
            ),
            models.CheckConstraint(
                condition=Q(status=S.OPEN, answered_on__isnull=True)
                | (~Q(status=S.OPEN) & Q(answered_on__isnull=False)),
                name="referral_answered_once_not_open",
                violation_error_message="An answered referral has the day it was answered; "
                "an open one has none.",
            ),
            models.CheckConstraint(
                condition=Q(status=S.ACCEPTED, plan__isnull=False)
                | (~Q(status=S.ACCEPTED) & Q(plan__isnull=True, action__isnull=True)),
                name="referral_accepted_has_plan",
                violation_error_message="An accepted referral names the plan it was accepted "
                "into, and only an accepted one does.",
            ),
            models.CheckConstraint(
                condition=~Q(status=S.DECLINED) | ~Q(reasons=""),
                name="referral_declined_has_reasons",
                violation_error_message="A declined referral gives its reasons.",
            ),
            models.CheckConstraint(
                condition=Q(status=S.PASSED_ON, passed_to__isnull=False)
                | (~Q(status=S.PASSED_ON) & Q(passed_to__isnull=True)),
                name="referral_passed_on_has_body",
                violation_error_message="A referral passed on names the body it went to, and "
                "only one passed on does.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("referrals:referral-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == S.OPEN

    def ends(self) -> tuple[Body, Body]:
        """The two bodies of the thread: the one that raised it and the one it is to."""
        return self.from_body, self.to_body

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        from_body = self.from_body if self.from_body_id else None
        to_body = self.to_body if self.to_body_id else None
        if from_body is not None and from_body.kind not in RAISING_KINDS:
            errors["from_body"] = ValidationError(
                "Only an Area Board raises a referral of local needs, and %(body)s is not one.",
                code="from_kind",
                params={"body": from_body.name},
            )
        if to_body is not None and to_body.kind not in RECEIVING_KINDS:
            errors["to_body"] = ValidationError(
                "Raise it to a thematic board, a thematic group or the Leaders Board: "
                "%(body)s is none of these.",
                code="to_kind",
                params={"body": to_body.name},
            )
        elif from_body is not None and to_body is not None and from_body.pk == to_body.pk:
            errors["to_body"] = ValidationError(
                "A body cannot raise a referral to itself.", code="to_itself"
            )
        errors.update(self._answer_errors())
        if errors:
            raise ValidationError(errors)

    def _answer_errors(self) -> dict[str, ValidationError]:
        """The answer's rules: what each decision needs, and that a plan accepted
        into is the receiving body's own."""
        errors: dict[str, ValidationError] = {}
        if self.status == S.ACCEPTED:
            if self.plan_id is None:
                errors["plan"] = ValidationError(
                    "Choose the plan of %(body)s that takes the need on.",
                    code="plan_required",
                    params={"body": self.to_body.name if self.to_body_id else "the body"},
                )
            elif self.to_body_id and self.plan.body_id != self.to_body_id:
                errors["plan"] = ValidationError(
                    "Choose a plan of %(body)s: %(plan)s is the plan of %(other)s.",
                    code="plan_other_body",
                    params={
                        "body": self.to_body.name,
                        "plan": self.plan.title,
                        "other": self.plan.body.name,
                    },
                )
            elif self.plan.status == PlanStatus.CLOSED:
                errors["plan"] = ValidationError(
                    "%(plan)s has closed: choose a plan in force or being prepared.",
                    code="plan_closed",
                    params={"plan": self.plan.title},
                )
            if (
                self.action_id is not None
                and "plan" not in errors
                and self.action.plan_id != self.plan_id
            ):
                errors["action"] = ValidationError(
                    "Choose an action of %(plan)s, or none.",
                    code="action_other_plan",
                    params={"plan": self.plan.title},
                )
        if self.status == S.DECLINED and not (self.reasons or "").strip():
            errors["reasons"] = ValidationError(
                "Give the reasons for declining: the Area Board and residents read them.",
                code="reasons_required",
            )
        if self.status == S.PASSED_ON:
            errors.update(self._passed_to_errors())
        return errors

    def _passed_to_errors(self) -> dict[str, ValidationError]:
        if self.passed_to_id is None:
            return {
                "passed_to": ValidationError(
                    "Choose the body to pass it on to.", code="passed_to_required"
                )
            }
        body = self.passed_to
        if body.kind not in RECEIVING_KINDS:
            message, code = (
                "Pass it on to a thematic board, a thematic group or the Leaders Board.",
                "passed_to_kind",
            )
        elif body.pk in (self.to_body_id, self.from_body_id):
            message, code = ("Pass it on to another body than the two it is between.", "same")
        elif body.pk in self.chain_body_ids():
            message, code = ("%(body)s has had this referral already.", "passed_back")
        else:
            return {}
        return {"passed_to": ValidationError(message, code=code, params={"body": body.name})}

    def chain_body_ids(self) -> set[int]:
        """The bodies that received this referral before it reached this one: a
        referral is not passed back to any of them. One query per body it passed
        through (a chain is a handful long)."""
        ids: set[int] = set()
        earlier = self.passed_from
        while earlier is not None:
            ids.add(earlier.to_body_id)
            earlier = earlier.passed_from
        return ids
