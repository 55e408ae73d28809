"""What partners put into the partnership (agreement 5.1: partners "commit resources"
and commission through shared resources): staff time, revenue and capital, each to
an action plan or to a fund. A fund with money from more than one partner is a
pooled budget, and its contributors are these commitments."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from pace.core.dates import validate_financial_year
from pace.core.history import HistoricalRecords

from .funds import Fund
from .money import format_money, money_field


class ResourceKind(models.TextChoices):
    STAFF = "staff", "Staff time"
    REVENUE = "revenue", "Revenue funding"
    CAPITAL = "capital", "Capital funding"


MONEY_KINDS = frozenset({ResourceKind.REVENUE, ResourceKind.CAPITAL})


class ResourceCommitmentQuerySet(models.QuerySet):
    def money(self):
        return self.filter(kind__in=MONEY_KINDS)


class ResourceCommitment(models.Model):
    """One partner's commitment of staff time, revenue or capital, for a financial
    year, to one action plan or one fund. Money is in pounds; staff time in
    full-time equivalents."""

    partner = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="resource_commitments",
    )
    kind = models.CharField(max_length=10, choices=ResourceKind.choices)
    amount = money_field(
        "amount (£)", null=True, blank=True, help_text="For revenue and capital funding."
    )
    staff_fte = models.DecimalField(
        "staff time (full-time equivalent)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0.01"), message="Enter staff time of more than 0 FTE.")
        ],
        help_text="For staff time: 0.5 is half of one person's working week.",
    )
    financial_year = models.CharField(
        max_length=7,
        validators=[validate_financial_year],
        help_text="For example 2016/17 (1 April 2016 to 31 March 2017).",
    )
    plan = models.ForeignKey(
        "strategy.ActionPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resource_commitments",
        verbose_name="to the action plan",
    )
    fund = models.ForeignKey(
        Fund,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name="to the fund",
        help_text="Money put into a fund: a fund with more than one contributor is a pooled "
        "budget.",
    )
    description = models.CharField(
        max_length=300, blank=True, help_text='For example "two community development officers".'
    )

    objects = ResourceCommitmentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-financial_year", "partner__name", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(plan__isnull=False) & Q(fund__isnull=True))
                | (Q(plan__isnull=True) & Q(fund__isnull=False)),
                name="commitment_to_a_plan_or_a_fund",
                violation_error_message="A commitment is to one action plan or to one fund.",
            ),
            models.CheckConstraint(
                condition=(Q(kind=ResourceKind.STAFF) & Q(staff_fte__gt=0) & Q(amount__isnull=True))
                | (~Q(kind=ResourceKind.STAFF) & Q(amount__gt=0) & Q(staff_fte__isnull=True)),
                name="commitment_measured_by_its_kind",
                violation_error_message="Staff time is given in FTE and money in pounds.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.get_kind_display().lower()} ({self.financial_year})"

    @property
    def is_money(self) -> bool:
        return self.kind in MONEY_KINDS

    @property
    def to(self):
        return self.plan or self.fund

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.plan_id and self.fund_id:
            errors["fund"] = ValidationError(
                "Choose an action plan or a fund, not both.", code="plan_and_fund"
            )
        elif not self.plan_id and not self.fund_id:
            errors["plan"] = ValidationError(
                "Choose the action plan or the fund the resources are committed to.",
                code="neither_plan_nor_fund",
            )
        if self.kind == ResourceKind.STAFF:
            if self.staff_fte is None:
                errors["staff_fte"] = ValidationError(
                    "Give the staff time committed, in full-time equivalents.", code="no_fte"
                )
            if self.amount is not None:
                errors["amount"] = ValidationError(
                    "Staff time is given in FTE: leave the amount blank.", code="staff_amount"
                )
            if self.fund_id and "fund" not in errors:
                errors["fund"] = ValidationError(
                    "A fund holds money: commit staff time to an action plan.",
                    code="staff_to_fund",
                )
        elif self.kind:
            if self.amount is None:
                errors["amount"] = ValidationError(
                    "Give the amount committed, in pounds.", code="no_amount"
                )
            if self.staff_fte is not None:
                errors["staff_fte"] = ValidationError(
                    "Money is given in pounds: leave the staff time blank.", code="money_fte"
                )
        wrong_year = self.financial_year and self.financial_year != getattr(
            self.fund, "financial_year", self.financial_year
        )
        if self.fund_id and wrong_year and "fund" not in errors:
            errors["financial_year"] = ValidationError(
                "%(fund)s is for %(year)s: a commitment to it is for the same year.",
                code="fund_year",
                params={"fund": self.fund.name, "year": self.fund.financial_year},
            )
        if self.fund_id and self.is_money and self.amount and not errors:
            others = self.fund.commitments.money().exclude(pk=self.pk).aggregate(
                total=models.Sum("amount")
            )["total"] or Decimal("0")
            if others + self.amount > self.fund.amount:
                errors["amount"] = ValidationError(
                    "%(fund)s is %(size)s and partners have already committed %(others)s to it: "
                    "this commitment can be at most %(left)s.",
                    code="fund_overcommitted",
                    params={
                        "fund": self.fund.name,
                        "size": format_money(self.fund.amount),
                        "others": format_money(others),
                        "left": format_money(self.fund.amount - others),
                    },
                )
        if errors:
            raise ValidationError(errors)
