"""The example funding: the 2016/17 town partnership fund and the participatory
budgeting rounds, on the public pages and in the open data."""

import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from funding import selectors
from funding.models import (
    Ballot,
    BudgetingProject,
    BudgetingRound,
    BudgetingVoter,
    Fund,
    GrantAward,
    Mechanism,
    Phase,
    PostcodeDistrict,
    ProjectStatus,
)
from partnerships.models import Body, BodyKind
from tests.documents.helpers import body

from ..example_snapshot import load_example
from .test_opendata import validator_360

pytestmark = pytest.mark.django_db


@pytest.fixture
def example():
    load_example()


def test_nine_town_partnerships_get_8000_each_72000_in_all(example):
    fund = Fund.objects.get(name="Town Partnerships Fund 2016/17")
    assert fund.amount == 72000 and fund.financial_year == "2016/17"
    assert fund.mechanism == Mechanism.DIRECT_GRANT
    assert fund.budget_holder == "Partnerships and Communities"
    assert fund.decided_by.kind == BodyKind.LEADERS_BOARD
    awards = fund.awards.counting()
    assert awards.count() == 9
    assert {a.amount for a in awards} == {8000}
    assert fund.committed() == 72000
    assert set(awards.values_list("recipient_body__kind", flat=True)) == {BodyKind.TOWN_PARTNERSHIP}


def test_participatory_budgeting_shares_400000_across_the_area_boards(example):
    fund = Fund.objects.get(name="Participatory Budgeting for Public Health: First Phase")
    assert fund.amount == 400000 and fund.mechanism == Mechanism.PARTICIPATORY_BUDGETING
    rounds = BudgetingRound.objects.filter(fund=fund)
    assert rounds.aggregate(total=Sum("amount"))["total"] == 400000
    assert {r.area_board.kind for r in rounds} == {BodyKind.AREA_BOARD}
    assert rounds.count() == BudgetingRound.objects.values("area_board").distinct().count() == 3
    for budgeting_round in rounds:
        projects = list(budgeting_round.projects.all())
        assert any(p.is_funded for p in projects)
        assert budgeting_round.funded_total() <= budgeting_round.amount
        # What was funded is what the published rule selected from the ballots.
        results = selectors.round_results(budgeting_round)
        assert results.published and results.ballots > 0
        assert {p.pk for p in projects if p.is_funded} == results.selected_ids


def test_the_example_rounds_show_every_phase_and_the_rule_skipping_a_project(example):
    today = timezone.localdate()
    phases = {r.phase(today) for r in BudgetingRound.objects.all()}
    assert {Phase.PROPOSALS, Phase.CHECKING, Phase.VOTING, Phase.RESULTS} <= phases
    voting = next(r for r in BudgetingRound.objects.all() if r.phase(today) == Phase.VOTING)
    assert voting.ballots.exists() and voting.projects.on_ballot().count() >= 3
    assert voting.projects.filter(status=ProjectStatus.REJECTED).exclude(decision_reason="")
    crewe = BudgetingRound.objects.get(
        name__startswith="Crewe and Nantwich", fund__financial_year="2017/18"
    )
    outcomes = [(r.project.title, r.outcome) for r in selectors.round_results(crewe).rows]
    assert outcomes == [
        ("Grow Well allotment sessions", "selected"),
        ("Walking for Health in Nantwich", "selected"),
        ("Fit for Life youth boxing", "skipped"),
        ("Chair yoga for carers", "selected"),
    ]
    # An idea waits, unseen, for the officers' check; every area has its districts.
    assert BudgetingProject.objects.filter(status=ProjectStatus.SUBMITTED).exists()
    for board in Body.objects.filter(kind=BodyKind.AREA_BOARD):
        assert PostcodeDistrict.objects.filter(area_board=board).exists()
    # Loading again changes nothing.
    counts = (
        Ballot.objects.count(),
        BudgetingVoter.objects.count(),
        BudgetingProject.objects.count(),
    )
    call_command("load_example_data", stdout=io.StringIO())
    assert counts == (
        Ballot.objects.count(),
        BudgetingVoter.objects.count(),
        BudgetingProject.objects.count(),
    )


def test_funding_page_shows_the_town_partnership_awards(client, example):
    fund = Fund.objects.get(name="Town Partnerships Fund 2016/17")
    page = client.get("/funding/", {"fund": fund.pk}).content.decode()
    assert "9 grants, £72,000 in all." in page
    page = client.get("/funding/", {"year": "2016/17"}).content.decode()
    assert "9 grants, £72,000 in all." in page
    crewe = client.get("/partnerships/crewe-town-partnership/").content.decode()
    assert "Grants received" in crewe and "£8,000" in crewe


def test_every_funding_page_answers_and_the_open_data_validates(client, example):
    urls = ["/funding/", "/funding/transparency.csv", "/funding/360giving.csv"]
    urls += [f.get_absolute_url() for f in Fund.objects.all()]
    urls += [a.get_absolute_url() for a in GrantAward.objects.public()]
    for url in urls:
        assert client.get(url).status_code == 200, url
    hidden = GrantAward.objects.exclude(pk__in=GrantAward.objects.public())
    assert hidden.exists()
    for award in hidden:
        assert client.get(award.get_absolute_url()).status_code == 404
    package = json.loads(body(client.get("/funding/360giving.json")))
    assert list(validator_360().iter_errors(package)) == []
    assert len(package["grants"]) == GrantAward.objects.public().count()


def test_the_example_shows_a_conflict_of_interest_flag(example):
    flagged = selectors.with_checks(GrantAward.objects.all()).filter(has_conflict=True)
    assert [a.recipient_organisation.name for a in flagged] == ["Crewe Community Allotments"]
