"""Wards (cabinet report 6) on the public meeting pages: the meetings list filtered
by ward, with a message for a ward that does not exist, and the wards a meeting
affects on its page; each at a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.forms import UNKNOWN_WARD
from partnerships.models import Meeting, Ward

from . import factories as f

pytestmark = pytest.mark.django_db

#: The meetings list for an anonymous visitor: the bodies and the wards to choose
#: from (2), and each of its two lists a page at a time (its count and its rows: 4).
MEETING_LIST = 2 + 4
#: With a ward chosen: that ward (1) besides.
MEETING_LIST_BY_WARD = MEETING_LIST + 1


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.fixture
def wards():
    bodies = f.area()
    board = bodies["area_board"]
    railside = Ward.objects.create(name="Crewe Railside", slug="crewe-railside", area_board=board)
    weaverbank = Ward.objects.create(
        name="Nantwich Weaverbank", slug="nantwich-weaverbank", area_board=board
    )
    soon = timezone.now() + datetime.timedelta(days=3)
    amg = bodies["amg"]
    in_crewe = Meeting.objects.create(body=amg, title="Railside walkabout", starts_at=soon)
    in_crewe.wards.add(railside)
    held = Meeting.objects.create(
        body=amg, title="Railside in spring", starts_at=soon - datetime.timedelta(days=60)
    )
    held.wards.add(railside)
    both = Meeting.objects.create(body=board, title="Board on both towns", starts_at=soon)
    both.wards.add(railside, weaverbank)
    Meeting.objects.create(body=board, title="Board with no ward", starts_at=soon)
    private = Meeting.objects.create(
        body=bodies["amg"], title="Closed session", starts_at=soon, is_public=False
    )
    private.wards.add(railside)
    return bodies, railside, weaverbank


def test_the_meetings_list_shows_the_meetings_affecting_a_ward(client, wards):
    _bodies, railside, weaverbank = wards
    page = client.get("/meetings/?ward=crewe-railside").content.decode()
    assert "Meetings affecting Crewe Railside ward" in page
    assert "Railside walkabout" in page and "Board on both towns" in page
    assert "Board with no ward" not in page
    # A meeting not open to the public stays hidden, whatever the filter.
    assert "Closed session" not in page
    page = client.get("/meetings/?ward=nantwich-weaverbank").content.decode()
    assert "Board on both towns" in page and "Railside walkabout" not in page
    # The ward filter sits beside the body filter, and the two combine.
    page = client.get(f"/meetings/?ward=crewe-railside&body={_bodies['amg'].slug}").content
    assert b"Railside walkabout" in page and b"Board on both towns" not in page


def test_an_unknown_ward_is_a_message_on_the_field_not_an_error(client, wards):
    response = client.get("/meetings/?ward=atlantis")
    assert response.status_code == 200
    page = response.content.decode()
    assert UNKNOWN_WARD in page and 'id="id_ward-error"' in page
    # Nothing is filtered: every public meeting is listed.
    assert "Board with no ward" in page and "Railside walkabout" in page


def test_the_meetings_list_by_ward_costs_the_same_however_many_meetings(
    client, wards, django_assert_num_queries
):
    bodies, railside, _ = wards
    with django_assert_num_queries(MEETING_LIST):
        client.get("/meetings/")
    with django_assert_num_queries(MEETING_LIST_BY_WARD):
        client.get("/meetings/?ward=crewe-railside")
    for i in range(40):
        meeting = Meeting.objects.create(
            body=bodies["area_board"],
            title=f"More {i}",
            starts_at=timezone.now() + datetime.timedelta(days=i - 20),
        )
        meeting.wards.add(railside)
        Ward.objects.create(name=f"Ward {i}", slug=f"ward-{i}")
    with django_assert_num_queries(MEETING_LIST_BY_WARD):
        client.get("/meetings/?ward=crewe-railside")


def test_a_meeting_page_names_the_wards_it_affects(client, wards):
    bodies, railside, weaverbank = wards
    meeting = Meeting.objects.get(title="Board on both towns")
    small = count_queries(client, meeting.get_absolute_url())
    page = client.get(meeting.get_absolute_url()).content.decode()
    listed = page[page.index("Wards affected") :]
    assert "Crewe Railside" in listed and "Nantwich Weaverbank" in listed
    assert "/meetings/?ward=crewe-railside" in listed
    # One query for them, however many.
    for i in range(10):
        meeting.wards.add(Ward.objects.create(name=f"Ward {i}", slug=f"ward-{i}"))
    assert count_queries(client, meeting.get_absolute_url()) == small
    none = Meeting.objects.get(title="Board with no ward")
    assert "Wards affected" not in client.get(none.get_absolute_url()).content.decode()
