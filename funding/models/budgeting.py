"""A participatory budgeting round: an Area Board's money for a theme, and the
phases residents go through, each with its dates: ideas, the officers' check,
voting and the results (cabinet report 5.6.3; agreement 3.2e, 5.3)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from mptt.models import TreeForeignKey
from simple_history.models import HistoricalRecords

from .awards import GrantAward
from .funds import Fund, Mechanism
from .money import format_money, money_field


class Phase(models.TextChoices):
    COMING = "coming", "Not started"
    PROPOSALS = "proposals", "Ideas"
    CHECKING = "checking", "Officers check the ideas"
    VOTING = "voting", "Voting"
    RESULTS = "results", "Results"


class BallotKind(models.TextChoices):
    """What a ballot may hold. Either way the results follow one published rule
    (``funding.results``)."""

    KNAPSACK = "knapsack", "Choose projects until the round's money runs out"
    APPROVAL = "approval", "Choose up to a number of projects"


@dataclass(frozen=True)
class Step:
    """One phase of a round on its timeline."""

    phase: str
    label: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    state: str  # "done", "now" or "coming"


class BudgetingRound(models.Model):
    """A participatory budgeting round run by an Area Board (cabinet report 5.6.3:
    the first phase is £400,000 for public health outcomes). Residents propose
    projects and officers check them, residents vote, and the projects the published
    rule selects become grant awards from the round's fund, never more than the
    round's money."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="budgeting_rounds")
    area_board = TreeForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        related_name="budgeting_rounds",
        help_text="The Area Board that runs the round and decides its awards. Residents of "
        "its postcode districts may propose and vote.",
    )
    name = models.CharField(max_length=200, unique=True)
    theme = models.CharField(max_length=200, help_text='For example "public health outcomes".')
    amount = money_field("money for the round (£)")
    proposals_open_on = models.DateField(
        "ideas open on",
        null=True,
        blank=True,
        help_text="Leave both dates empty if residents do not send ideas online.",
    )
    proposals_close_on = models.DateField("ideas close on", null=True, blank=True)
    voting_opens_on = models.DateField()
    voting_closes_on = models.DateField()
    ballot_kind = models.CharField(
        "what a ballot may hold",
        max_length=10,
        choices=BallotKind.choices,
        default=BallotKind.KNAPSACK,
    )
    max_choices = models.PositiveSmallIntegerField(
        "most projects on a ballot",
        null=True,
        blank=True,
        help_text="Only for ballots of up to a number of projects.",
    )

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
            models.CheckConstraint(
                condition=Q(proposals_open_on__isnull=True, proposals_close_on__isnull=True)
                | Q(
                    proposals_close_on__gte=models.F("proposals_open_on"),
                    voting_opens_on__gt=models.F("proposals_close_on"),
                ),
                name="round_ideas_close_before_voting",
                violation_error_message="Ideas open, then close, before voting opens.",
            ),
            models.CheckConstraint(
                condition=Q(ballot_kind=BallotKind.KNAPSACK) | Q(max_choices__gte=1),
                name="round_approval_has_a_limit",
                violation_error_message="Say how many projects a ballot may hold.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:round-detail", args=[self.pk])

    def funded_total(self):
        total = GrantAward.objects.counting().filter(budgeting_project__round=self)
        return total.aggregate(total=Sum("amount"))["total"] or 0

    @property
    def takes_ideas_online(self) -> bool:
        return self.proposals_open_on is not None

    def phase(self, on: datetime.date) -> str:
        """The phase the round is in on ``on``."""
        if on > self.voting_closes_on:
            return Phase.RESULTS
        if on >= self.voting_opens_on:
            return Phase.VOTING
        if self.proposals_open_on is None:
            return Phase.COMING
        if on < self.proposals_open_on:
            return Phase.COMING
        if on <= self.proposals_close_on:
            return Phase.PROPOSALS
        return Phase.CHECKING

    def timeline(self, on: datetime.date) -> list[Step]:
        """The round's phases in order, each with its dates and whether it is done,
        open now or coming."""
        day = datetime.timedelta(days=1)
        spans = []
        if self.proposals_open_on is not None:
            spans.append((Phase.PROPOSALS, self.proposals_open_on, self.proposals_close_on))
            if self.voting_opens_on - self.proposals_close_on > day:
                spans.append(
                    (Phase.CHECKING, self.proposals_close_on + day, self.voting_opens_on - day)
                )
        spans.append((Phase.VOTING, self.voting_opens_on, self.voting_closes_on))
        spans.append((Phase.RESULTS, self.voting_closes_on + day, None))
        steps = []
        for phase, starts, ends in spans:
            if ends is not None and on > ends:
                state = "done"
            elif on >= starts:
                state = "now"
            else:
                state = "coming"
            steps.append(Step(phase, Phase(phase).label, starts, ends, state))
        return steps

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
        errors |= self._date_errors()
        if self.ballot_kind == BallotKind.APPROVAL and not self.max_choices:
            errors["max_choices"] = ValidationError(
                "Say how many projects a ballot may hold.", code="round_approval_limit"
            )
        if self.ballot_kind == BallotKind.KNAPSACK and self.max_choices:
            errors["max_choices"] = ValidationError(
                "A ballot within the round's money has no limit on the number of projects: "
                "leave this empty.",
                code="round_knapsack_no_limit",
            )
        if (
            self.fund_id
            and self.amount is not None
            and "fund" not in errors
            and (error := self._amount_error())
        ):
            errors["amount"] = error
        if errors:
            raise ValidationError(errors)

    def _date_errors(self) -> dict:
        errors = {}
        opens, closes = self.proposals_open_on, self.proposals_close_on
        if (opens is None) != (closes is None):
            field = "proposals_close_on" if closes is None else "proposals_open_on"
            errors[field] = ValidationError(
                "Give both dates for ideas, or neither.", code="ideas_dates_pair"
            )
        elif opens is not None and closes < opens:
            errors["proposals_close_on"] = ValidationError(
                "Ideas must close on or after the day they open.", code="ideas_dates_order"
            )
        elif closes is not None and self.voting_opens_on and self.voting_opens_on <= closes:
            errors["voting_opens_on"] = ValidationError(
                "Voting opens after ideas close, so that officers can check them.",
                code="voting_after_ideas",
            )
        if (
            self.voting_opens_on
            and self.voting_closes_on
            and self.voting_closes_on < self.voting_opens_on
        ):
            errors["voting_closes_on"] = ValidationError(
                "Voting must close on or after the day it opens.", code="dates_order"
            )
        return errors

    def _amount_error(self) -> ValidationError | None:
        others = (
            BudgetingRound.objects.filter(fund_id=self.fund_id)
            .exclude(pk=self.pk)
            .aggregate(total=Sum("amount"))["total"]
            or 0
        )
        left = self.fund.amount - others
        if self.amount > left:
            return ValidationError(
                "The rounds of %(fund)s (%(fund_amount)s) would add up to more than the "
                "fund: %(left)s is left for this round.",
                code="rounds_over_fund",
                params={
                    "fund": self.fund.name,
                    "fund_amount": format_money(self.fund.amount),
                    "left": format_money(max(left, 0)),
                },
            )
        if self.pk is not None and self.amount < (funded := self.funded_total()):
            return ValidationError(
                "The round has already funded %(funded)s of projects.",
                code="round_below_funded",
                params={"funded": format_money(funded)},
            )
        return None
