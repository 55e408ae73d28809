import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from mptt.models import TreeForeignKey

from pace.core.history import HistoricalRecords

from .funds import Fund, Mechanism
from .money import format_money, money_field


class AwardStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"
    WITHDRAWN = "withdrawn", "Withdrawn"


#: Awards that spend a fund's money; they are also the only ones published.
COUNTING_STATUSES = (AwardStatus.APPROVED, AwardStatus.PAID)


class GrantAwardQuerySet(models.QuerySet):
    def counting(self):
        """Approved and paid: the awards that spend their fund's money."""
        return self.filter(status__in=COUNTING_STATUSES)

    def public(self):
        """What anyone may see: approved and paid awards. Proposed and withdrawn
        awards are officers' business."""
        return self.counting()

    def evidence_overdue(self, on: datetime.date):
        """Approved or paid awards whose planned end has passed with no evidence of
        success recorded (``GrantAward.evidence_is_overdue`` for one award)."""
        return self.counting().filter(planned_end_on__lt=on, evidence_of_success="")

    def spent(self) -> Decimal:
        """What the counting awards among these add up to: what they spend of their
        fund (one query)."""
        return self.counting().aggregate(total=Sum("amount"))["total"] or Decimal("0")

    def for_recipient(self, *, body_id: int | None, organisation_id: int | None):
        if body_id is not None:
            return self.filter(recipient_body_id=body_id)
        return self.filter(recipient_organisation_id=organisation_id)


class GrantAward(models.Model):
    """A grant from a fund to one recipient: a body of the partnership (such as a town
    partnership) or a partner organisation, never both. Approve and pay through
    ``funding.services.award_save``, which locks the fund so two officers cannot
    overspend it between them."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="awards")
    recipient_body = TreeForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants_received",
        verbose_name="recipient body",
        help_text="A body of the partnership, such as a town partnership.",
    )
    recipient_organisation = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants_received",
        verbose_name="recipient organisation",
        help_text="Or an organisation, such as a community group.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What the grant is for, in plain language.")
    amount = money_field("amount (£)")
    award_date = models.DateField("date awarded")
    status = models.CharField(
        max_length=20, choices=AwardStatus.choices, default=AwardStatus.PROPOSED
    )
    planned_start_on = models.DateField("planned start", null=True, blank=True)
    planned_end_on = models.DateField("planned end", null=True, blank=True)
    priorities = models.ManyToManyField(
        "strategy.Priority", blank=True, related_name="grant_awards"
    )
    wards = models.ManyToManyField(
        "partnerships.Ward",
        blank=True,
        related_name="grant_awards",
        help_text="The wards whose residents the grant serves, if it is local.",
    )
    conditions = models.TextField(blank=True, help_text="Conditions attached to the grant.")
    evidence_of_success = models.TextField(
        blank=True, help_text="Recorded later: what the grant achieved, and how we know."
    )
    modified_at = models.DateTimeField(auto_now=True)

    objects = GrantAwardQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[priorities, wards])

    class Meta:
        ordering = ["-award_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    recipient_body__isnull=False, recipient_organisation__isnull=True
                )
                | models.Q(recipient_body__isnull=True, recipient_organisation__isnull=False),
                name="award_exactly_one_recipient",
                violation_error_message="Choose a recipient body or a recipient organisation, "
                "not both.",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="award_amount_positive",
                violation_error_message="An award must be more than £0.",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end_on__isnull=True)
                | models.Q(planned_start_on__isnull=True)
                | models.Q(planned_end_on__gte=models.F("planned_start_on")),
                name="award_planned_end_after_start",
                violation_error_message="The planned end must be on or after the planned start.",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient_body", "award_date"]),
            models.Index(fields=["recipient_organisation", "award_date"]),
            models.Index(fields=["status", "award_date"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:award-detail", args=[self.pk])

    @property
    def recipient(self):
        return self.recipient_body or self.recipient_organisation

    @property
    def is_public(self) -> bool:
        return self.counts_against_fund

    def evidence_is_overdue(self, on: datetime.date) -> bool:
        """Its planned end has passed and no evidence of success is recorded."""
        return (
            self.counts_against_fund
            and self.planned_end_on is not None
            and self.planned_end_on < on
            and not self.evidence_of_success.strip()
        )

    @property
    def counts_against_fund(self) -> bool:
        """It spends its fund's money (``GrantAwardQuerySet.counting`` for one award)."""
        return self.status in COUNTING_STATUSES

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if bool(self.recipient_body_id) == bool(self.recipient_organisation_id):
            message = (
                "Choose the recipient: a body or an organisation, not both."
                if self.recipient_body_id
                else "Choose the recipient: a body or an organisation."
            )
            errors["recipient_organisation"] = ValidationError(message, code="one_recipient")
        if (
            self.planned_start_on
            and self.planned_end_on
            and self.planned_end_on < self.planned_start_on
        ):
            errors["planned_end_on"] = ValidationError(
                "The planned end must be on or after the planned start.", code="dates_order"
            )
        if self.fund_id and self.amount is not None and self.counts_against_fund:
            spent = GrantAward.objects.filter(fund_id=self.fund_id).exclude(pk=self.pk).spent()
            error = self.fund_limit_error(spent_by_others=spent)
            if error:
                errors["amount"] = error
        if (
            self.fund_id
            and self.fund.mechanism == Mechanism.COMMISSIONING
            and self.counts_against_fund
            and not (self.pk and self.outcome_targets.exists())
        ):
            errors["status"] = ValidationError(
                "%(fund)s commissions for outcomes: record the award's outcome targets while "
                "it is proposed, then approve it.",
                code="commissioning_needs_targets",
                params={"fund": self.fund.name},
            )
        if errors:
            raise ValidationError(errors)

    def fund_limit_error(self, *, spent_by_others: Decimal) -> ValidationError | None:
        """An award never takes its fund past its amount: what the fund's other
        approved and paid awards spend is ``spent_by_others`` (those stored, for
        ``clean``; with the rows above it too, on the fund's admin page)."""
        fund = self.fund
        left = fund.amount - spent_by_others
        if self.amount <= left:
            return None
        return ValidationError(
            "This award of %(amount)s is more than is left in %(fund)s: the fund is "
            "%(fund_amount)s and %(left)s is left.",
            code="fund_overspent",
            params={
                "amount": format_money(self.amount),
                "fund": fund.name,
                "fund_amount": format_money(fund.amount),
                "left": format_money(max(left, 0)),
            },
        )
