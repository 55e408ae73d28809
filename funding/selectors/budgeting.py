"""Reads of participatory budgeting: rounds, their public projects, the results
counted from the ballots by the published rule (``funding.results``), and the
anonymised ballots. The pages, the open data and ``services.project_fund`` read
through these, so the results on the page are the results funded and the ones
anyone can recompute from the export.

Nothing here reads who voted beyond a count by channel, and nothing returns a
proposer's e-mail address: the public pages cannot show what they never get.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..models import (
    BallotChoice,
    BudgetingProject,
    BudgetingRound,
    BudgetingVoter,
    Fund,
    Phase,
    PostcodeDistrict,
    VoteChannel,
    district_order,
)
from ..results import Entry, apply_rule


def rounds_listed() -> list[BudgetingRound]:
    """Every round, the latest voting first, with its fund and Area Board: one query."""
    return list(
        BudgetingRound.objects.select_related("fund", "area_board").order_by(
            "-voting_opens_on", "name"
        )
    )


def rounds_in_progress(on: datetime.date, *, count: int = 3) -> list[BudgetingRound]:
    """Rounds taking ideas, being checked or voting on ``on`` (``BudgetingRound.phase``
    between the ideas opening, or the vote where there are none, and the vote
    closing), the soonest to close first: one query."""
    started = Q(proposals_open_on__lte=on) | Q(
        proposals_open_on__isnull=True, voting_opens_on__lte=on
    )
    return list(
        BudgetingRound.objects.filter(started, voting_closes_on__gte=on)
        .select_related("fund", "area_board")
        .order_by("voting_closes_on", "name")[:count]
    )


def round_get(pk: int) -> BudgetingRound | None:
    return BudgetingRound.objects.select_related("fund", "area_board").filter(pk=pk).first()


def _public_projects() -> QuerySet[BudgetingProject]:
    # The proposer's address is not even read.
    return (
        BudgetingProject.objects.public()
        .defer("proposer_email")
        .select_related("proposed_by", "award")
    )


def round_projects(budgeting_round: BudgetingRound) -> list[BudgetingProject]:
    """The projects officers have checked, those on the ballot first: one query."""
    return list(_public_projects().filter(round=budgeting_round).order_by("status", "title", "pk"))


def ballot_projects(budgeting_round: BudgetingRound) -> list[BudgetingProject]:
    """What a ballot offers, by title: one query."""
    return list(
        BudgetingProject.objects.on_ballot()
        .filter(round=budgeting_round)
        .defer("proposer_email")
        .order_by("title", "pk")
    )


def round_districts(budgeting_round: BudgetingRound) -> list[str]:
    codes = PostcodeDistrict.objects.filter(
        area_board_id=budgeting_round.area_board_id
    ).values_list("code", flat=True)
    return sorted(codes, key=district_order)


def project_public(pk: int) -> BudgetingProject | None:
    """A checked project with its round: one query. ``None`` for an idea waiting for
    its check or removed by moderators."""
    return (
        _public_projects().select_related("round__area_board", "round__fund").filter(pk=pk).first()
    )


@dataclass(frozen=True)
class ResultRow:
    project: BudgetingProject
    votes: int
    recorded_votes: int
    rank: int
    outcome: str
    left_before: Decimal
    left_after: Decimal


@dataclass(frozen=True)
class RoundResults:
    round: BudgetingRound
    #: Whether voting has closed, so the results may be shown.
    published: bool
    rows: list[ResultRow]
    voters_online: int
    voters_on_paper: int
    money_left: Decimal
    selected_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def ballots(self) -> int:
        return self.voters_online + self.voters_on_paper

    @property
    def has_recorded_votes(self) -> bool:
        return any(row.recorded_votes for row in self.rows)

    @property
    def money_selected(self) -> Decimal:
        return self.round.amount - self.money_left


def round_results(
    budgeting_round: BudgetingRound, *, on: datetime.date | None = None
) -> RoundResults:
    """The round's results by the published rule, from its ballots: two queries (the
    projects with their count of ballots, and the voters by channel)."""
    on = on or timezone.localdate()
    projects = {
        project.pk: project
        for project in _public_projects()
        .filter(round=budgeting_round, status="feasible")
        .annotate(ballot_votes=Count("ballot_choices"))
        .order_by("pk")
    }
    entries = [
        Entry(p.pk, p.cost, p.ballot_votes + (p.recorded_votes or 0)) for p in projects.values()
    ]
    outcomes = apply_rule(entries, budgeting_round.amount)
    rows = [
        ResultRow(
            project=projects[o.entry.project_id],
            votes=o.entry.votes,
            recorded_votes=projects[o.entry.project_id].recorded_votes or 0,
            rank=o.rank,
            outcome=o.outcome,
            left_before=o.left_before,
            left_after=o.left_after,
        )
        for o in outcomes
    ]
    voters = dict(
        BudgetingVoter.objects.filter(round=budgeting_round)
        .order_by()
        .values_list("channel")
        .annotate(n=Count("pk"))
    )
    return RoundResults(
        round=budgeting_round,
        published=budgeting_round.phase(on) == Phase.RESULTS,
        rows=rows,
        voters_online=voters.get(VoteChannel.ONLINE, 0),
        voters_on_paper=voters.get(VoteChannel.PAPER, 0),
        money_left=outcomes[-1].left_after if outcomes else budgeting_round.amount,
        selected_ids=frozenset(o.entry.project_id for o in outcomes if o.selected),
    )


def round_ballots(budgeting_round: BudgetingRound) -> list[tuple[str, list[int]]]:
    """Each ballot's random id and the projects it chose, by id: one query. Nothing
    else is kept of a ballot."""
    ballots: dict[str, list[int]] = {}
    choices = (
        BallotChoice.objects.filter(ballot__round=budgeting_round)
        .order_by("ballot_id", "project_id")
        .values_list("ballot_id", "project_id")
    )
    for ballot_id, project_id in choices:
        ballots.setdefault(str(ballot_id), []).append(project_id)
    return list(ballots.items())


def fund_rounds(fund: Fund) -> list[BudgetingRound]:
    """A participatory budgeting fund's rounds with their Area Boards: one query."""
    return list(
        BudgetingRound.objects.filter(fund=fund)
        .select_related("area_board")
        .order_by("-voting_opens_on", "name")
    )


def body_rounds(body) -> list[BudgetingRound]:
    """The participatory budgeting rounds an Area Board ran, with their funds: one
    query."""
    return list(
        BudgetingRound.objects.filter(area_board=body)
        .select_related("fund")
        .order_by("-voting_opens_on", "name")
    )
