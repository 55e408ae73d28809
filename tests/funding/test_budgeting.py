"""Participatory budgeting: rounds run by Area Boards, projects, votes, funding."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding import services
from funding.models import AwardStatus, BudgetingRound, GrantAward, Mechanism
from partnerships.models import BodyKind
from tests.partnerships import factories as pf

from . import factories as ff

pytestmark = pytest.mark.django_db
AFTER_VOTE = datetime.date(2017, 6, 15)


@pytest.fixture
def pb():
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    boards = [pf.body(BodyKind.AREA_BOARD, leaders) for _ in range(3)]
    fund = ff.fund(
        amount="400000",
        mechanism=Mechanism.PARTICIPATORY_BUDGETING,
        decided_by=leaders,
        financial_year="2017/18",
    )
    return fund, boards


def test_rounds_share_out_the_fund_and_never_more(pb):
    fund, boards = pb
    ff.budgeting_round(fund, boards[0], amount="140000")
    ff.budgeting_round(fund, boards[1], amount="140000")
    with pytest.raises(ValidationError) as excinfo:
        ff.budgeting_round(fund, boards[2], amount="120000.01")
    assert "£120,000 is left" in excinfo.value.message_dict["amount"][0]
    ff.budgeting_round(fund, boards[2], amount="120000")
    assert BudgetingRound.objects.filter(fund=fund).count() == 3


def test_a_round_is_run_by_an_area_board_from_a_participatory_budgeting_fund(pb):
    fund, boards = pb
    with pytest.raises(ValidationError) as excinfo:
        ff.budgeting_round(fund, fund.decided_by)
    assert (
        "An Area Board runs participatory budgeting" in excinfo.value.message_dict["area_board"][0]
    )
    direct = ff.fund(decided_by=fund.decided_by)
    with pytest.raises(ValidationError) as excinfo:
        ff.budgeting_round(direct, boards[0])
    assert "not a participatory budgeting fund" in excinfo.value.message_dict["fund"][0]


def test_a_funded_project_becomes_an_award_to_the_group_that_proposed_it(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0], amount="10000")
    group = pf.organisation("Crewe Community Allotments")
    project = ff.project(budgeting_round, cost="6000", votes=412, by=group)
    award = services.project_fund(project=project, award_date=AFTER_VOTE)
    assert award.recipient_organisation == group
    assert award.amount == Decimal("6000") and award.status == AwardStatus.APPROVED
    assert award.fund == fund
    project.refresh_from_db()
    assert project.award == award and project.is_funded
    with pytest.raises(ValidationError) as excinfo:
        services.project_fund(project=project, award_date=AFTER_VOTE)
    assert "already funded" in excinfo.value.message_dict["award"][0]


def test_funded_projects_never_exceed_the_rounds_money(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0], amount="10000")
    services.project_fund(project=ff.project(budgeting_round, cost="6000"), award_date=AFTER_VOTE)
    too_dear = ff.project(budgeting_round, cost="4000.01")
    with pytest.raises(ValidationError) as excinfo:
        services.project_fund(project=too_dear, award_date=AFTER_VOTE)
    message = excinfo.value.message_dict["cost"][0]
    assert budgeting_round.name in message and "£10,000" in message
    assert "£4,000 is left" in message
    assert GrantAward.objects.count() == 1
    services.project_fund(project=ff.project(budgeting_round, cost="4000"), award_date=AFTER_VOTE)
    assert budgeting_round.funded_total() == Decimal("10000")


def test_projects_are_funded_only_after_voting_closes(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0])
    project = ff.project(budgeting_round)
    with pytest.raises(ValidationError) as excinfo:
        services.project_fund(project=project, award_date=budgeting_round.voting_closes_on)
    assert "closes on 31 May 2017" in excinfo.value.message_dict["award"][0]
    services.project_fund(
        project=project, award_date=budgeting_round.voting_closes_on + datetime.timedelta(days=1)
    )


def test_a_round_cannot_shrink_below_what_it_funded(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0], amount="10000")
    services.project_fund(project=ff.project(budgeting_round, cost="6000"), award_date=AFTER_VOTE)
    budgeting_round.amount = Decimal("5999.99")
    with pytest.raises(ValidationError) as excinfo:
        services.round_save(budgeting_round=budgeting_round)
    assert "already funded £6,000" in excinfo.value.message_dict["amount"][0]


def test_a_fund_cannot_shrink_below_its_rounds(pb):
    fund, boards = pb
    ff.budgeting_round(fund, boards[0], amount="300000")
    fund.amount = Decimal("299999")
    with pytest.raises(ValidationError) as excinfo:
        services.fund_save(fund=fund)
    assert "£300,000 shared out" in excinfo.value.message_dict["amount"][0]


def test_bad_project_costs_and_votes_are_refused(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0])
    with pytest.raises(ValidationError) as excinfo:
        ff.project(budgeting_round, cost="0")
    assert "more than £0" in excinfo.value.message_dict["cost"][0]
    with pytest.raises(ValidationError) as excinfo:
        ff.project(budgeting_round, votes=-1)
    assert "votes" in excinfo.value.message_dict
