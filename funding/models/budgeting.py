from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Sum
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords

from .awards import GrantAward
from .funds import Fund, Mechanism
from .money import format_money, money_field


class BudgetingRound(models.Model):
    """A participatory budgeting round run by an Area Board (cabinet report 5.6.3:
    the first phase is £400,000 for public health outcomes). Community groups propose
    projects, residents vote, and the funded projects become grant awards from the
    round's fund, never more than the round's money."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="budgeting_rounds")
    area_board = TreeForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        related_name="budgeting_rounds",
        help_text="The Area Board that runs the round and decides its awards.",
    )
    name = models.CharField(max_length=200, unique=True)
    theme = models.CharField(max_length=200, help_text='For example "public health outcomes".')
    amount = money_field("money for the round (£)")
    voting_opens_on = models.DateField()
    voting_closes_on = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(voting_closes_on__gte=models.F("voting_opens_on")),
                name="round_voting_closes_after_it_opens",
                violation_error_message="Voting must close on or after the day it opens.",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="round_amount_positive",
                violation_error_message="A round's money must be more than £0.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def funded_total(self):
        total = GrantAward.objects.counting().filter(budgeting_project__round=self)
        return total.aggregate(total=Sum("amount"))["total"] or 0

    def clean(self) -> None:
        from partnerships.models import BodyKind

        errors = {}
        if self.fund_id and self.fund.mechanism != Mechanism.PARTICIPATORY_BUDGETING:
            errors["fund"] = ValidationError(
                "%(fund)s is not a participatory budgeting fund.",
                code="round_fund_mechanism",
                params={"fund": self.fund.name},
            )
        if self.area_board_id and self.area_board.kind != BodyKind.AREA_BOARD:
            errors["area_board"] = ValidationError(
                "An Area Board runs participatory budgeting; %(body)s is a %(kind)s.",
                code="round_needs_area_board",
                params={"body": self.area_board.name, "kind": self.area_board.get_kind_display()},
            )
        if (
            self.voting_opens_on
            and self.voting_closes_on
            and self.voting_closes_on < self.voting_opens_on
        ):
            errors["voting_closes_on"] = ValidationError(
                "Voting must close on or after the day it opens.", code="dates_order"
            )
        if self.fund_id and self.amount is not None and "fund" not in errors:
            others = (
                BudgetingRound.objects.filter(fund_id=self.fund_id)
                .exclude(pk=self.pk)
                .aggregate(total=Sum("amount"))["total"]
                or 0
            )
            left = self.fund.amount - others
            if self.amount > left:
                errors["amount"] = ValidationError(
                    "The rounds of %(fund)s (%(fund_amount)s) would add up to more than the "
                    "fund: %(left)s is left for this round.",
                    code="rounds_over_fund",
                    params={
                        "fund": self.fund.name,
                        "fund_amount": format_money(self.fund.amount),
                        "left": format_money(max(left, 0)),
                    },
                )
            elif self.pk is not None and self.amount < (funded := self.funded_total()):
                errors["amount"] = ValidationError(
                    "The round has already funded %(funded)s of projects.",
                    code="round_below_funded",
                    params={"funded": format_money(funded)},
                )
        if errors:
            raise ValidationError(errors)


class BudgetingProject(models.Model):
    """A project a community group proposes in a round, its cost and the votes it
    received. A funded project has its grant award."""

    round = models.ForeignKey(BudgetingRound, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(max_length=200)
    proposed_by = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.PROTECT,
        related_name="budgeting_projects",
        help_text="The community group that proposed it (it receives the grant).",
    )
    description = models.TextField()
    cost = money_field("cost (£)")
    votes = models.PositiveIntegerField("votes cast", default=0, validators=[MinValueValidator(0)])
    award = models.OneToOneField(
        GrantAward,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgeting_project",
        help_text="Set when the project is funded (funding.services.project_fund).",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "-votes", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "title"],
                name="project_title_unique_in_round",
                violation_error_message="The round already has a project with this title.",
            ),
            models.CheckConstraint(
                condition=models.Q(cost__gt=0),
                name="project_cost_positive",
                violation_error_message="A project's cost must be more than £0.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_funded(self) -> bool:
        return self.award is not None and self.award.is_public
