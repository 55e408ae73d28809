"""Builders for funds and awards, going through ``funding.services`` so the rules
apply."""

import datetime
import itertools
from decimal import Decimal

from funding import services
from funding.models import (
    AwardStatus,
    BallotKind,
    BudgetingProject,
    BudgetingRound,
    Fund,
    GrantAward,
    Mechanism,
    PostcodeDistrict,
    ProjectStatus,
    VoteChannel,
)
from partnerships.models import Body, BodyKind, Organisation
from tests.partnerships import factories as pf

_seq = itertools.count(1)


def fund(
    *,
    amount: Decimal | str = "72000",
    mechanism: str = Mechanism.DIRECT_GRANT,
    decided_by: Body | None = None,
    financial_year: str = "2016/17",
    name: str | None = None,
) -> Fund:
    return services.fund_save(
        fund=Fund(
            name=name or f"Fund {next(_seq)}",
            budget_holder="Partnerships and Communities",
            financial_year=financial_year,
            amount=Decimal(amount),
            mechanism=mechanism,
            decided_by=decided_by or pf.body(BodyKind.LEADERS_BOARD),
            approved_by="Cabinet",
            approved_on=datetime.date(2016, 7, 12),
        )
    )


def award(
    fund_: Fund,
    *,
    to: Body | Organisation | None = None,
    amount: Decimal | str = "8000",
    status: str = AwardStatus.APPROVED,
    on: datetime.date = datetime.date(2016, 8, 1),
    title: str | None = None,
) -> GrantAward:
    to = to if to is not None else pf.organisation()
    return services.award_save(
        award=GrantAward(
            fund=fund_,
            recipient_body=to if isinstance(to, Body) else None,
            recipient_organisation=to if isinstance(to, Organisation) else None,
            title=title or f"Grant {next(_seq)}",
            description="What the grant is for.",
            amount=Decimal(amount),
            award_date=on,
            status=status,
        )
    )


#: The dates of a round built by ``budgeting_round``: ideas in March, voting in May.
IDEAS = (datetime.date(2017, 3, 1), datetime.date(2017, 3, 31))
VOTING = (datetime.date(2017, 5, 1), datetime.date(2017, 5, 31))
BEFORE_VOTING = datetime.date(2017, 4, 15)
IN_VOTING = datetime.date(2017, 5, 10)
AFTER_VOTING = datetime.date(2017, 6, 15)


def budgeting_round(
    fund_: Fund,
    area_board: Body,
    *,
    amount: str = "100000",
    name: str | None = None,
    ideas: tuple | None = IDEAS,
    voting: tuple = VOTING,
    ballot_kind: str = BallotKind.KNAPSACK,
    max_choices: int | None = None,
) -> BudgetingRound:
    ideas = ideas or (None, None)
    return services.round_save(
        budgeting_round=BudgetingRound(
            fund=fund_,
            area_board=area_board,
            name=name or f"Round {next(_seq)}",
            theme="public health outcomes",
            amount=Decimal(amount),
            proposals_open_on=ideas[0],
            proposals_close_on=ideas[1],
            voting_opens_on=voting[0],
            voting_closes_on=voting[1],
            ballot_kind=ballot_kind,
            max_choices=max_choices,
        ),
        on=(ideas[0] or voting[0]) - datetime.timedelta(days=1),
    )


def project(
    round_: BudgetingRound,
    *,
    cost: str = "5000",
    by: Organisation | None = None,
    title: str | None = None,
    status: str = ProjectStatus.FEASIBLE,
    reason: str = "",
) -> BudgetingProject:
    """A project officers put on the ballot (or not), before voting opens."""
    return services.project_save(
        project=BudgetingProject(
            round=round_,
            title=title or f"Project {next(_seq)}",
            proposed_by=by or pf.organisation(),
            description="A community project.",
            cost=Decimal(cost),
            status=status,
            decision_reason=reason,
        ),
        on=round_.voting_opens_on - datetime.timedelta(days=1),
    )


def districts(area_board: Body, *codes: str) -> None:
    for code in codes:
        services.postcode_district_save(district=PostcodeDistrict(area_board=area_board, code=code))


def pb_world(amount: str = "100000", **round_fields) -> dict:
    """A Leaders Board, an Area Board with the districts CW1 and CW2, a participatory
    budgeting fund and one round of it."""
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    board = pf.body(BodyKind.AREA_BOARD, leaders)
    other = pf.body(BodyKind.AREA_BOARD, leaders)
    districts(board, "CW1", "CW2")
    districts(other, "SK10")
    fund_ = fund(
        amount="400000",
        mechanism=Mechanism.PARTICIPATORY_BUDGETING,
        decided_by=leaders,
        financial_year="2017/18",
    )
    return {
        "leaders": leaders,
        "board": board,
        "other": other,
        "fund": fund_,
        "round": budgeting_round(fund_, board, amount=amount, **round_fields),
    }


def vote(
    round_: BudgetingRound,
    projects,
    *,
    email: str | None = None,
    district: str = "CW1",
    on: datetime.date = IN_VOTING,
):
    """One resident's ballot, cast through the service."""
    email = email or f"voter{next(_seq)}@example.org"
    return services.ballot_cast(
        budgeting_round=round_,
        identity=services.voter_identity(round_.pk, email=email),
        district=district,
        channel=VoteChannel.ONLINE,
        project_ids=[p.pk for p in projects],
        on=on,
    )
