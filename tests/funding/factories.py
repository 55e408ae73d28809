"""Builders for funds and awards, going through ``funding.services`` so the rules
apply."""

import datetime
import itertools
from decimal import Decimal

from funding import services
from funding.models import (
    AwardStatus,
    BudgetingProject,
    BudgetingRound,
    Fund,
    GrantAward,
    Mechanism,
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


def budgeting_round(
    fund_: Fund, area_board: Body, *, amount: str = "100000", name: str | None = None
) -> BudgetingRound:
    return services.round_save(
        budgeting_round=BudgetingRound(
            fund=fund_,
            area_board=area_board,
            name=name or f"Round {next(_seq)}",
            theme="public health outcomes",
            amount=Decimal(amount),
            voting_opens_on=datetime.date(2017, 5, 1),
            voting_closes_on=datetime.date(2017, 5, 31),
        )
    )


def project(
    round_: BudgetingRound, *, cost: str = "5000", votes: int = 10, by: Organisation | None = None
) -> BudgetingProject:
    return services.project_save(
        project=BudgetingProject(
            round=round_,
            title=f"Project {next(_seq)}",
            proposed_by=by or pf.organisation(),
            description="A community project.",
            cost=Decimal(cost),
            votes=votes,
        )
    )
