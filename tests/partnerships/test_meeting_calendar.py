"""The meetings calendar: a month, Monday first, each day with the meetings the
reader may see; bad months get a message, and the page costs the same however many
meetings the month holds."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Meeting

from . import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("partnerships:meeting-calendar")


def _at(day: int, month: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2016, month, day, 18, 30))


@pytest.fixture
def meetings():
    amg = f.area()["amg"]
    Meeting.objects.create(body=amg, title="Management group", starts_at=_at(14))
    Meeting.objects.create(body=amg, title="Budget setting", starts_at=_at(21), is_public=False)
    Meeting.objects.create(body=amg, title="October group", starts_at=_at(12, 10))
    return amg


def test_a_month_shows_its_public_meetings(client, meetings):
    page = client.get(URL, {"month": "2016-09"}).text
    assert "Meetings in September 2016" in page and "1 meeting this month" in page
    assert "Management group" in page and "Budget setting" not in page
    assert "October group" not in page
    # Only towards months with meetings: none before September, October after it.
    assert "?month=2016-08" not in page and "?month=2016-10" in page
    assert "?month=2016-09" in client.get(URL, {"month": "2016-10"}).text
    assert "?month=2016-11" not in client.get(URL, {"month": "2016-10"}).text


def test_members_see_their_private_meetings(client, meetings):
    member = f.person("Mo Member", with_login=True)
    f.member(meetings, member)
    client.force_login(member.user)
    page = client.get(URL, {"month": "2016-09"}).text
    assert "Budget setting" in page and "(members only)" in page


@pytest.mark.parametrize("month", ["2016-13", "September", "2016-9", "x" * 300])
def test_a_bad_month_says_so(client, meetings, month):
    answer = client.get(URL, {"month": month})
    assert answer.status_code == 400 and "Enter a month like 2016-09" in answer.text


def test_the_calendar_costs_the_same_however_full(client, meetings, django_assert_num_queries):
    client.get(URL, {"month": "2016-09"})
    with django_assert_num_queries(2):
        client.get(URL, {"month": "2016-09"})
    for day in range(1, 29):
        Meeting.objects.create(body=meetings, title=f"Meeting {day}", starts_at=_at(day))
    with django_assert_num_queries(2):
        page = client.get(URL, {"month": "2016-09"}).text
    assert "29 meetings this month" in page
