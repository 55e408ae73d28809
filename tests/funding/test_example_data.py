"""The example funding: the 2016/17 town partnership fund and the participatory
budgeting round, on the public pages and in the open data."""

import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Sum

from funding import selectors
from funding.models import BudgetingRound, Fund, GrantAward, Mechanism
from partnerships.models import BodyKind

from .test_opendata import validator_360

pytestmark = pytest.mark.django_db


@pytest.fixture
def example():
    call_command("load_example_data", stdout=io.StringIO())


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
    fund = Fund.objects.get(mechanism=Mechanism.PARTICIPATORY_BUDGETING)
    assert fund.amount == 400000
    rounds = BudgetingRound.objects.filter(fund=fund)
    assert rounds.aggregate(total=Sum("amount"))["total"] == 400000
    assert {r.area_board.kind for r in rounds} == {BodyKind.AREA_BOARD}
    assert rounds.count() == BudgetingRound.objects.values("area_board").distinct().count() == 3
    for budgeting_round in rounds:
        projects = list(budgeting_round.projects.all())
        assert any(p.is_funded for p in projects)
        assert budgeting_round.funded_total() <= budgeting_round.amount


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
    package = json.loads(client.get("/funding/360giving.json").content)
    assert list(validator_360().iter_errors(package)) == []
    assert len(package["grants"]) == GrantAward.objects.public().count()


def test_the_example_shows_a_conflict_of_interest_flag(example):
    flagged = selectors.with_checks(GrantAward.objects.all()).filter(has_conflict=True)
    assert [a.recipient_organisation.name for a in flagged] == ["Crewe Community Allotments"]
