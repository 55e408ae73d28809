"""Participatory budgeting in the officers' admin: checking residents' ideas (the
public reason, moderation), the ballot fixed once voting opens, paper ballots from
an Area Assembly under the same rules, and the postcode districts."""

import datetime

import pytest
from django.utils import timezone

from funding import services
from funding.models import Ballot, BudgetingProject, BudgetingVoter, PostcodeDistrict, ProjectStatus
from pace.notifications.models import Message
from tests.partnerships import factories as pf

from . import factories as ff

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def officer_client(client):
    client.force_login(pf.officer())
    return client


@pytest.fixture
def pb():
    today = timezone.localdate()
    world = ff.pb_world(ideas=(today - DAY, today + DAY), voting=(today + 3 * DAY, today + 9 * DAY))
    voting = ff.budgeting_round(
        world["fund"], world["board"], amount="10000", ideas=None, voting=(today - DAY, today + DAY)
    )
    world["voting"] = voting
    world["a"] = ff.project(voting, cost="6000", title="Allotments")
    world["b"] = ff.project(voting, cost="5000", title="Bowls")
    return world


def _form(project: BudgetingProject, **changes) -> dict:
    data = {
        "round": project.round_id,
        "title": project.title,
        "description": project.description,
        "group_name": project.group_name,
        "status": project.status,
        "cost": str(project.cost),
        "decision_reason": project.decision_reason,
        "proposed_by": project.proposed_by_id or "",
    }
    return data | changes


def test_officers_open_every_budgeting_admin_page(officer_client, pb):
    voting = pb["voting"]
    for url in (
        "/admin/funding/budgetinground/",
        f"/admin/funding/budgetinground/{voting.pk}/change/",
        f"/admin/funding/budgetinground/{voting.pk}/paper-ballot/",
        "/admin/funding/budgetingproject/?status__exact=submitted",
        f"/admin/funding/budgetingproject/{pb['a'].pk}/change/",
        "/admin/funding/postcodedistrict/",
        "/admin/funding/postcodedistrict/add/",
    ):
        assert officer_client.get(url).status_code == 200, url
    page = officer_client.get(f"/admin/funding/budgetinground/{voting.pk}/change/").content.decode()
    assert "Record a paper ballot" in page


def test_an_idea_is_checked_in_the_admin_with_a_public_reason(officer_client, pb):
    idea = services.project_propose(
        budgeting_round=pb["round"],
        title="Gardening buddies",
        description="Pairs.",
        cost="2000",
        email="gardener@example.org",
        postcode="CW1 1AA",
        client=None,
    )
    url = f"/admin/funding/budgetingproject/{idea.pk}/change/"
    response = officer_client.post(url, _form(idea, status=ProjectStatus.REJECTED))
    assert response.status_code == 200
    assert "Give the public reason" in response.content.decode()
    response = officer_client.post(
        url, _form(idea, status=ProjectStatus.REJECTED, decision_reason="The council runs this.")
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == ProjectStatus.REJECTED and idea.proposer_email == ""
    assert Message.objects.get(topic=f"budgeting-check:{idea.pk}").to == "gardener@example.org"


def test_the_admin_refuses_to_change_the_ballot_once_voting_opened(officer_client, pb):
    project = pb["a"]
    url = f"/admin/funding/budgetingproject/{project.pk}/change/"
    response = officer_client.post(url, _form(project, cost="5999", decision_reason="Cheaper."))
    assert response.status_code == 200
    assert "what its ballots were cast on cannot change now" in response.content.decode()
    project.refresh_from_db()
    assert project.cost == 6000


def test_paper_ballots_are_recorded_under_the_same_rules(officer_client, pb):
    voting = pb["voting"]
    url = f"/admin/funding/budgetinground/{voting.pk}/paper-ballot/"
    over = {"projects": [pb["a"].pk, pb["b"].pk], "name": "Pat Smith", "postcode": "CW1 3AB"}
    response = officer_client.post(url, over)
    assert response.status_code == 400
    assert "more than the £10,000" in response.content.decode()
    outside = {"projects": [pb["a"].pk], "name": "Pat Smith", "postcode": "SK10 1AA"}
    assert "SK10 is not in the area" in officer_client.post(url, outside).content.decode()
    nobody = {"projects": [pb["a"].pk], "postcode": "CW1 3AB"}
    assert "Enter the voter&#x27;s name" in officer_client.post(url, nobody).content.decode()
    good = {"projects": [pb["a"].pk], "name": "Pat Smith", "postcode": "CW1 3AB"}
    assert officer_client.post(url, good).status_code == 302
    again = officer_client.post(url, {**good, "projects": [pb["b"].pk]})
    assert "Your first vote stands" in again.content.decode()
    assert Ballot.objects.filter(round=voting).count() == 1
    assert BudgetingVoter.objects.get(round=voting).channel == "paper"


def test_a_board_member_cannot_record_paper_ballots(client, pb):
    member = pf.person("Board Member", with_login=True)
    client.force_login(member.user)
    response = client.get(f"/admin/funding/budgetinground/{pb['voting'].pk}/paper-ballot/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_officers_edit_the_postcode_districts(officer_client, pb):
    response = officer_client.post(
        "/admin/funding/postcodedistrict/add/",
        {"area_board": pb["board"].pk, "code": "cw5", "places": "Nantwich"},
    )
    assert response.status_code == 302
    assert PostcodeDistrict.objects.filter(area_board=pb["board"], code="CW5").exists()
    response = officer_client.post(
        "/admin/funding/postcodedistrict/add/",
        {"area_board": pb["leaders"].pk, "code": "CW6", "places": ""},
    )
    assert "Postcode districts belong to Area Boards" in response.content.decode()
    response = officer_client.post(
        "/admin/funding/postcodedistrict/add/",
        {"area_board": pb["board"].pk, "code": "CW", "places": ""},
    )
    assert "Write a postcode district like CW1" in response.content.decode()
