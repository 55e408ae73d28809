"""Participatory budgeting: rounds run by Area Boards, their projects, and funding
what the residents' vote selected."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding import services
from funding.models import AwardStatus, BudgetingRound, GrantAward, Mechanism, ProjectStatus
from partnerships.models import BodyKind
from tests.partnerships import factories as pf

from . import factories as ff

pytestmark = pytest.mark.django_db
AFTER_VOTE = ff.AFTER_VOTING


@pytest.fixture
def pb():
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    boards = [pf.body(BodyKind.AREA_BOARD, leaders) for _ in range(3)]
    for board in boards:
        ff.districts(board, "CW1")
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


def test_a_funded_project_becomes_an_award_to_the_group_that_runs_it(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0], amount="10000")
    group = pf.organisation("Crewe Community Allotments")
    project = ff.project(budgeting_round, cost="6000", by=group)
    ff.vote(budgeting_round, [project])
    award = services.project_fund(project=project, award_date=AFTER_VOTE)
    assert award.recipient_organisation == group
    assert award.amount == Decimal("6000") and award.status == AwardStatus.APPROVED
    assert award.fund == fund
    project.refresh_from_db()
    assert project.award == award and project.is_funded
    with pytest.raises(ValidationError) as excinfo:
        services.project_fund(project=project, award_date=AFTER_VOTE)
    assert "already funded" in excinfo.value.message_dict["award"][0]


def test_only_what_the_rule_selected_is_funded_so_never_more_than_the_round(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0], amount="10000")
    first = ff.project(budgeting_round, cost="6000")
    too_dear = ff.project(budgeting_round, cost="4000.01")
    unvoted = ff.project(budgeting_round, cost="100")
    ff.vote(budgeting_round, [first])
    ff.vote(budgeting_round, [first])
    ff.vote(budgeting_round, [too_dear])
    services.project_fund(project=first, award_date=AFTER_VOTE)
    for project in (too_dear, unvoted):
        with pytest.raises(ValidationError) as excinfo:
            services.project_fund(project=project, award_date=AFTER_VOTE)
        assert excinfo.value.error_dict["award"][0].code == "not_selected"
    assert GrantAward.objects.count() == 1
    assert budgeting_round.funded_total() == Decimal("6000")


def test_a_project_needs_the_group_that_receives_the_grant(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0])
    project = ff.project(budgeting_round)
    ff.vote(budgeting_round, [project])
    project.proposed_by = None
    project.save()
    with pytest.raises(ValidationError) as excinfo:
        services.project_fund(project=project, award_date=AFTER_VOTE)
    assert "Name the group" in excinfo.value.message_dict["proposed_by"][0]


def test_projects_are_funded_only_after_voting_closes(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0])
    project = ff.project(budgeting_round)
    ff.vote(budgeting_round, [project])
    with pytest.raises(ValidationError) as excinfo:
        services.project_fund(project=project, award_date=budgeting_round.voting_closes_on)
    assert "closes on 31 May 2017" in excinfo.value.message_dict["award"][0]
    services.project_fund(project=project, award_date=AFTER_VOTE)


def test_a_round_cannot_shrink_below_what_it_funded(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0], amount="10000")
    project = ff.project(budgeting_round, cost="6000")
    ff.vote(budgeting_round, [project])
    services.project_fund(project=project, award_date=AFTER_VOTE)
    # Voting has opened, so the money cannot change at all; and had it not, the
    # model's own rule would still keep it above what was funded.
    budgeting_round.amount = Decimal("5999.99")
    with pytest.raises(ValidationError) as excinfo:
        services.round_save(budgeting_round=budgeting_round)
    assert excinfo.value.error_dict["amount"][0].code == "voting_opened"
    with pytest.raises(ValidationError) as excinfo:
        budgeting_round.full_clean()
    assert "already funded £6,000" in excinfo.value.message_dict["amount"][0]


def test_a_fund_cannot_shrink_below_its_rounds(pb):
    fund, boards = pb
    ff.budgeting_round(fund, boards[0], amount="300000")
    fund.amount = Decimal("299999")
    with pytest.raises(ValidationError) as excinfo:
        services.fund_save(fund=fund)
    assert "£300,000 shared out" in excinfo.value.message_dict["amount"][0]


def test_bad_project_costs_are_refused(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0], amount="10000")
    with pytest.raises(ValidationError) as excinfo:
        ff.project(budgeting_round, cost="0")
    assert "more than £0" in excinfo.value.message_dict["cost"][0]
    with pytest.raises(ValidationError) as excinfo:
        ff.project(budgeting_round, cost="10000.01")
    assert "could never be chosen" in excinfo.value.message_dict["cost"][0]
    # Not on the ballot, it may cost what it costs: the reason says why it is not.
    ff.project(
        budgeting_round, cost="250000", status=ProjectStatus.REJECTED, reason="Far too dear."
    )


def test_a_rejection_has_a_public_reason_and_a_changed_cost_says_why(pb):
    fund, boards = pb
    budgeting_round = ff.budgeting_round(fund, boards[0])
    with pytest.raises(ValidationError) as excinfo:
        ff.project(budgeting_round, status=ProjectStatus.REJECTED)
    assert excinfo.value.error_dict["decision_reason"][0].code == "rejection_reason"
    idea = services.project_propose(
        budgeting_round=budgeting_round,
        title="Walks",
        description="Walks for all.",
        cost="2000",
        email="walker@example.org",
        postcode="CW1 2BJ",
        client=None,
        on=ff.IDEAS[0],
    )
    idea.cost = Decimal("2500")
    idea.status = ProjectStatus.FEASIBLE
    with pytest.raises(ValidationError) as excinfo:
        services.project_save(project=idea, on=ff.BEFORE_VOTING)
    assert (
        "differs from the cost proposed (£2,000)"
        in excinfo.value.message_dict["decision_reason"][0]
    )
    idea.decision_reason = "A second leader is needed for safety."
    services.project_save(project=idea, on=ff.BEFORE_VOTING)
