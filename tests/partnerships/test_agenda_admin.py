"""The officers' agenda in the admin: items left without a number go last, numbers
swap in one save, a repeated number is refused on the form; a declaration picks
only its meeting's items and is told that one on a confidential item is public."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import AgendaItem, Declaration, Meeting

from ..site.html_forms import add_inline_row, form_data
from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    client.force_login(f.officer())
    return client


@pytest.fixture
def meetings():
    board = f.area()["area_board"]
    at = timezone.now() + datetime.timedelta(days=10)
    meeting = Meeting.objects.create(body=board, title="Board, spring", starts_at=at)
    other = Meeting.objects.create(
        body=board, title="Board, summer", starts_at=at + datetime.timedelta(days=30)
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Welcome")
    AgendaItem.objects.create(
        meeting=meeting, position=2, title="Provider terms", is_confidential=True
    )
    AgendaItem.objects.create(meeting=other, position=1, title="Another meeting's item")
    return meeting, other


def _change_form(client, meeting) -> tuple[str, dict]:
    url = f"/admin/partnerships/meeting/{meeting.pk}/change/"
    return url, form_data(client.get(url).text, "meeting_form")


def _titles(meeting) -> list[tuple[int, str]]:
    return list(meeting.agenda_items.order_by("position").values_list("position", "title"))


def test_items_without_a_number_go_last_in_the_order_given(officer_client, meetings):
    meeting, _ = meetings
    url, data = _change_form(officer_client, meeting)
    # The new row offers no number of its own (it used to offer 1, a duplicate).
    assert data["agenda_items-2-position"] == ""
    data["agenda_items-2-title"] = "Finance report"
    data = add_inline_row(data, "agenda_items", {"title": "Any other business", "position": ""})
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert _titles(meeting) == [
        (1, "Welcome"),
        (2, "Provider terms"),
        (3, "Finance report"),
        (4, "Any other business"),
    ]


def test_two_items_swap_numbers_in_one_save(officer_client, meetings):
    meeting, _ = meetings
    url, data = _change_form(officer_client, meeting)
    data["agenda_items-0-position"], data["agenda_items-1-position"] = "2", "1"
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert _titles(meeting) == [(1, "Provider terms"), (2, "Welcome")]
    # Each item's history records the move.
    assert meeting.agenda_items.get(title="Welcome").history.first().position == 2


def test_a_repeated_number_is_refused_and_nothing_is_saved(officer_client, meetings):
    meeting, _ = meetings
    url, data = _change_form(officer_client, meeting)
    data["agenda_items-1-position"] = "1"
    data["agenda_items-1-title"] = "Renamed"
    response = officer_client.post(url, data)
    assert response.status_code == 200
    assert "Two items cannot have the same number on the agenda" in response.text
    assert _titles(meeting) == [(1, "Welcome"), (2, "Provider terms")]


def test_a_declaration_picks_only_its_meetings_items_and_is_warned(officer_client, meetings):
    meeting, other = meetings
    url, data = _change_form(officer_client, meeting)
    page = officer_client.get(url).text
    assert "Another meeting&#x27;s item" not in page and "Another meeting's item" not in page
    assert "2. Provider terms (confidential: the declaration is still public)" in page
    assert "A declaration is published in the register" in page

    declaration = Declaration.objects.create(
        meeting=meeting, person=f.person("Dee Clarer"), interest_type="personal", description="x"
    )
    own_page = officer_client.get(f"/admin/partnerships/declaration/{declaration.pk}/change/").text
    assert "1. Welcome" in own_page and "Another meeting" not in own_page
    # On adding, with no meeting chosen, each item says which meeting it is on; one of
    # another meeting is refused on its field.
    add = officer_client.get("/admin/partnerships/declaration/add/").text
    assert f"{other.title}: 1. Another meeting" in add
    response = officer_client.post(
        "/admin/partnerships/declaration/add/",
        {
            "meeting": meeting.pk,
            "person": declaration.person.pk,
            "interest_type": "personal",
            "agenda_item": other.agenda_items.get().pk,
            "description": "Trustee",
        },
    )
    assert response.status_code == 200
    assert "Choose an item on this meeting" in response.text
    assert Declaration.objects.count() == 1
