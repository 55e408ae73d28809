from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from mptt.models import TreeForeignKey

from pace.core.dates import financial_year_bounds, parse_financial_year, validate_financial_year
from pace.core.history import HistoricalRecords

from .money import format_money, money_field


class Mechanism(models.TextChoices):
    """How a fund's money reaches recipients (cabinet report 5.6.3, 5.6.5, 7.2.3)."""

    DIRECT_GRANT = "direct_grant", "Direct grant award"
    COMMISSIONING = "commissioning", "Commissioning for outcomes"
    PARTICIPATORY_BUDGETING = "participatory_budgeting", "Participatory budgeting"
    COMPETITIVE_GRANT = "competitive_grant", "Competitive grant"


#: Mechanisms that are a competitive process (cabinet report 7.2.3: "ideally mitigate
#: the risks by following a competitive process"). A residents' vote is not a
#: competitive process in the procurement sense, so participatory budgeting awards
#: are checked for subsidy control like direct awards.
COMPETITIVE_MECHANISMS = frozenset({Mechanism.COMPETITIVE_GRANT})


class FundQuerySet(models.QuerySet):
    def with_spent(self):
        """Each fund with ``spent``: what its approved and paid awards add up to, in
        the same query (``GrantAwardQuerySet.spent`` for one fund)."""
        from .awards import COUNTING_STATUSES

        counting = Q(awards__status__in=COUNTING_STATUSES)
        return self.annotate(
            spent=Coalesce(
                Sum("awards__amount", filter=counting),
                Value(Decimal("0")),
                output_field=models.DecimalField(max_digits=14, decimal_places=2),
            )
        )


class Fund(models.Model):
    """A pot of money for a financial year, spent through one mechanism. Its approved
    and paid awards never add up to more than its amount (``funding.services``)."""

    name = models.CharField(max_length=200, unique=True)
    budget_holder = models.CharField(
        max_length=200,
        help_text='The budget it is accounted to, e.g. "Partnerships and Communities".',
    )
    financial_year = models.CharField(
        max_length=7,
        validators=[validate_financial_year],
        help_text="For example 2016/17 (1 April 2016 to 31 March 2017).",
    )
    amount = money_field("amount (£)")
    mechanism = models.CharField(max_length=30, choices=Mechanism.choices)
    description = models.TextField(blank=True)
    decided_by = TreeForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        related_name="funds_decided",
        verbose_name="awards decided by",
        help_text="The body that decides the fund's awards; its members' interests are "
        "checked for conflicts. A participatory budgeting round's Area Board decides "
        "that round's awards.",
    )
    approved_by = models.CharField(
        max_length=200, help_text='Who approved the fund, e.g. "Cabinet".'
    )
    approved_on = models.DateField("approved on")
    decision_reference = models.CharField(
        max_length=300,
        blank=True,
        help_text='Where the decision is recorded, e.g. "Cabinet report, 12 July 2016, 5.6.5".',
    )
    priorities = models.ManyToManyField(
        "strategy.Priority", blank=True, related_name="funds", help_text="Priorities it serves."
    )
    outcomes = models.ManyToManyField(
        "strategy.Outcome", blank=True, related_name="funds", help_text="Outcomes it serves."
    )

    # The many-to-many choices too: who changed which priorities a fund serves.
    objects = FundQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=[priorities, outcomes])

    class Meta:
        ordering = ["-financial_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="fund_amount_positive",
                violation_error_message="A fund's amount must be more than £0.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:fund-detail", args=[self.pk])

    @property
    def is_competitive(self) -> bool:
        return self.mechanism in COMPETITIVE_MECHANISMS

    @property
    def period(self):
        """The first and last day of the fund's financial year."""
        return financial_year_bounds(parse_financial_year(self.financial_year))

    def committed(self):
        """What its approved and paid awards add up to (a query)."""
        return self.awards.spent()

    def pledged(self) -> Decimal:
        """What partners have committed to the fund in money (a query): a pooled
        budget's contributions (``ResourceCommitment``)."""
        total = self.commitments.money().aggregate(total=Sum("amount"))["total"]
        return total or Decimal("0")

    def clean(self) -> None:
        if self.pk is None or self.amount is None:
            return
        committed = self.committed()
        rounds = self.budgeting_rounds.aggregate(total=Sum("amount"))["total"] or 0
        if self.amount < committed:
            message, code, figure = (
                "%(fund)s has %(figure)s in approved and paid awards, so its amount cannot "
                "be less than that.",
                "fund_below_committed",
                committed,
            )
        elif self.amount < rounds:
            message, code, figure = (
                "%(fund)s has %(figure)s shared out to participatory budgeting rounds, so its "
                "amount cannot be less than that.",
                "fund_below_rounds",
                rounds,
            )
        elif self.amount < (pledged := self.pledged()):
            message, code, figure = (
                "Partners have committed %(figure)s to %(fund)s, so its amount cannot be "
                "less than that.",
                "fund_below_pledged",
                pledged,
            )
        else:
            return
        raise ValidationError(
            {
                "amount": ValidationError(
                    message, code=code, params={"fund": self.name, "figure": format_money(figure)}
                )
            }
        )
