"""A board member enters a value of an indicator their body keeps
(``entry_views.value_create``): who may, the form's errors on their fields with
nothing saved, and its cost in queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships.models import Role
from strategy.indicators.models import IndicatorValue, ValueStatus
from tests import pins
from tests.partnerships import factories as pf

from . import value_builders as b

pytestmark = pytest.mark.django_db

#: The form for a board member: what a signed-in visitor costs (the session, the user,
#: their bodies today), the indicator with its place and owner (1), and the places to
#: choose from (1).
FORM_QUERIES = pins.SIGNED_IN + 1 + 1

#: A form sent with a value the services refuse: the form's own queries, then the
#: services' check of the value (the places; the model's checks of its indicator and
#: place: 3), and nothing written.
REFUSED_QUERIES = FORM_QUERIES + 3


@pytest.fixture
def world():
    where = b.places()
    owner, other = b.boards()
    indicator = b.indicator(owner, where.county)
    return {"where": where, "owner": owner, "other": other, "indicator": indicator}


def url(indicator) -> str:
    return f"/indicators/{indicator.slug}/values/new/"


def signed_in(client, body=None, **membership):
    person = pf.person(with_login=True)
    if body is not None:
        pf.member(body, person, **membership)
    client.force_login(person.user)
    return person.user


def post_data(where, period_end: datetime.date, value="61.5", **extra) -> dict:
    return {
        "period_end_0": str(period_end.day),
        "period_end_1": str(period_end.month),
        "period_end_2": str(period_end.year),
        "geography": where.county.pk,
        "value": value,
        "status": "final",
        "note": "",
        **extra,
    }


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(url(world["indicator"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_a_signed_in_person_of_no_body_is_refused(client, world):
    signed_in(client)
    assert client.get(url(world["indicator"])).status_code == 403
    last = b.year_ends(1)[0]
    assert client.post(url(world["indicator"]), post_data(world["where"], last)).status_code == 403
    assert not IndicatorValue.objects.exists()


def test_a_member_of_another_body_is_refused(client, world):
    signed_in(client, world["other"])
    assert client.get(url(world["indicator"])).status_code == 403


def test_a_member_whose_membership_ended_yesterday_is_refused(client, world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    signed_in(client, world["owner"], ends_on=yesterday)
    assert client.get(url(world["indicator"])).status_code == 403


def test_an_unpublished_indicator_is_not_found_for_those_who_may_not_see_it(client, world):
    indicator = world["indicator"]
    indicator.is_public = False
    indicator.save()
    signed_in(client, world["other"])
    assert client.get(url(indicator)).status_code == 404


def test_a_current_member_of_the_owner_enters_a_value(client, world):
    user = signed_in(client, world["owner"], role=Role.CHAIR)
    last = b.year_ends(1)[0]
    response = client.post(
        url(world["indicator"]),
        post_data(world["where"], last, status="provisional", note="Early figure"),
    )
    assert response.status_code == 302
    assert response["Location"] == world["indicator"].get_absolute_url()
    value = IndicatorValue.objects.get()
    assert (value.value, value.status, value.note, value.entered_by) == (
        Decimal("61.5"),
        ValueStatus.PROVISIONAL,
        "Early figure",
        user,
    )
    [message] = list(response.wsgi_request._messages)
    assert str(message) == (
        f"61.5% for {world['where'].county.name}, for the period ending "
        f"{last:%-d %B %Y}, has been saved as provisional."
    )


def test_an_officer_enters_a_value_for_a_place_within(client, world):
    client.force_login(b.officer())
    last = b.year_ends(1)[0]
    page = client.get(url(world["indicator"])).content.decode()
    for place in (world["where"].county, world["where"].area, world["where"].ward):
        assert f'<option value="{place.pk}"' in page
    assert f'value="{world["where"].elsewhere.pk}"' not in page
    response = client.post(
        url(world["indicator"]),
        post_data(world["where"], last, geography=world["where"].ward.pk),
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get().geography == world["where"].ward


def _errors(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_bad_input_is_shown_on_its_fields_and_nothing_is_saved(client, world):
    signed_in(client, world["owner"])
    response = client.post(
        url(world["indicator"]),
        {
            "period_end_0": "31",
            "period_end_1": "",
            "period_end_2": "2025",
            "geography": world["where"].elsewhere.pk,
            "value": "lots",
        },
    )
    assert response.status_code == 200
    assert _errors(response) == {
        "period_end": ["The date the period ends must include a month"],
        "value": ["Enter the value as a number, like 12.5"],
        "status": ["Select whether the value is provisional or final"],
        # Only the indicator's place and those within it are offered.
        "geography": ["Select one of the places listed"],
    }
    page = response.content.decode()
    assert "There is a problem" in page and "<title>Error: " in page
    assert 'href="#id_period_end_0"' in page
    # What was typed is kept.
    assert 'name="period_end_0" type="text" inputmode="numeric" value="31"' in page
    assert not IndicatorValue.objects.exists()


def test_a_value_the_services_refuse_is_shown_on_its_field(client, world):
    signed_in(client, world["owner"])
    response = client.post(
        url(world["indicator"]), post_data(world["where"], b.next_year_end(), value="100.5")
    )
    assert response.status_code == 200
    errors = _errors(response)
    assert errors["value"] == ["The value cannot be above 100 %"]
    assert "has not ended yet" in errors["period_end"][0]
    assert not IndicatorValue.objects.exists()


def test_a_date_that_is_not_a_real_date_says_so(client, world):
    signed_in(client, world["owner"])
    response = client.post(
        url(world["indicator"]),
        post_data(world["where"], datetime.date(2025, 3, 31), period_end_0="32"),
    )
    assert _errors(response)["period_end"] == ["The date the period ends must be a real date"]


def test_a_second_value_for_the_same_period_is_refused_on_the_date(client, world):
    signed_in(client, world["owner"])
    last = b.year_ends(1)[0]
    assert client.post(url(world["indicator"]), post_data(world["where"], last)).status_code == 302
    again = client.post(url(world["indicator"]), post_data(world["where"], last, value="62"))
    assert again.status_code == 200
    assert _errors(again)["period_end"][0].startswith("There is already a value for")
    assert IndicatorValue.objects.get().value == Decimal("61.5")


def test_the_form_costs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    signed_in(client, world["owner"])
    with django_assert_num_queries(FORM_QUERIES):
        assert client.get(url(world["indicator"])).status_code == 200
    with django_assert_num_queries(REFUSED_QUERIES):
        response = client.post(
            url(world["indicator"]), post_data(world["where"], b.next_year_end())
        )
    assert response.status_code == 200
