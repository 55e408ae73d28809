"""Arbitrary input thrown at the residents' forms of participatory budgeting
(hypothesis): never a server error, and anything refused comes back with the GOV.UK
error summary; nothing is kept from a form that was refused."""

import datetime
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funding.models import Ballot, BudgetingProject

from . import factories as ff

pytestmark = pytest.mark.django_db

text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.text(min_size=3000, max_size=6000),
    st.sampled_from(
        ["", "\x00", "0", "-1", "NaN", "1e9999", "£", "CW1 2BJ", "a@example.org", "9" * 400]
    ),
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    # Five fields that may each be 3,000 to 6,000 characters (past every field's
    # limit, on purpose) sometimes draw more than hypothesis's budget of data: a
    # health check that failed a run now and then, not a fault of the forms.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def rounds():
    today = timezone.localdate()
    world = ff.pb_world(ideas=(today - DAY, today + DAY), voting=(today + 5 * DAY, today + 9 * DAY))
    voting = ff.budgeting_round(
        world["fund"], world["board"], ideas=None, voting=(today - DAY, today + DAY)
    )
    project = ff.project(voting, cost="5000")
    return world["round"], voting, project


def _refused_with_a_summary(response) -> None:
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 400:
        assert "govuk-error-summary" in response.content.decode()


@FUZZ
@given(title=text, description=text, cost=text, email=text, postcode=text)
def test_the_idea_form_never_fails(client, rounds, title, description, cost, email, postcode):
    cache.clear()
    ideas, _, _ = rounds
    before = BudgetingProject.objects.count()
    response = client.post(
        f"/funding/budgeting/{ideas.pk}/propose/",
        {
            "title": title,
            "description": description,
            "cost": cost,
            "email": email,
            "postcode": postcode,
        },
    )
    _refused_with_a_summary(response)
    if response.status_code == 400:
        assert BudgetingProject.objects.count() == before


@FUZZ
@given(email=text, postcode=text)
def test_the_voting_link_form_never_fails(client, rounds, email, postcode):
    cache.clear()
    _, voting, _ = rounds
    response = client.post(
        f"/funding/budgeting/{voting.pk}/vote/", {"email": email, "postcode": postcode}
    )
    _refused_with_a_summary(response)


@FUZZ
@given(token=text, projects=st.lists(text, max_size=5))
def test_the_ballot_never_fails(client, rounds, token, projects):
    _, voting, _ = rounds
    token = quote(token.replace("/", "").replace("\x00", ""), safe="") or "x"
    response = client.post(f"/funding/budgeting/ballot/{token}/", {"projects": projects})
    assert response.status_code in (400, 404), response.status_code
    assert not Ballot.objects.filter(round=voting).exists()
