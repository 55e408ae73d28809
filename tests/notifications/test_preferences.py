"""What a signed-in person chooses on their account page decides what they are sent:
at once, in one digest each morning, or never. A digest is checked again on the day
it goes: a line about a body the person has left is dropped."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pace.notifications.duties import digests_send
from pace.notifications.models import DigestItem, Frequency, Kind, Preference
from partnerships import services
from partnerships.models import Meeting

from ..partnerships import factories as f
from .conftest import part, run_worker

pytestmark = pytest.mark.django_db


def _member_with_login(body, name, address):
    person = f.person(name, with_login=True)
    person.user.email = address
    person.user.save()
    return f.member(body, person)


def _meeting(body):
    return Meeting.objects.create(
        body=body, title="Board meeting", starts_at=timezone.now(), is_public=True
    )


def test_the_account_page_keeps_each_choice(client):
    bodies = f.area()
    membership = _member_with_login(bodies["amg"], "Pat Prefers", "pat@example.org")
    page = reverse("notification-choices")
    assert client.get(page).status_code == 302  # signed in only
    client.force_login(membership.person.user)
    shown = client.get(page).content.decode()
    assert Kind.MEETINGS.label.replace("'", "&#x27;") in shown
    assert Kind.OFFICER_DIGEST.label not in shown  # officers only
    choices = {kind.value: Frequency.IMMEDIATELY for kind in Kind if kind != Kind.OFFICER_DIGEST}
    choices[Kind.MEETINGS] = Frequency.DAILY
    choices[Kind.EXCEPTIONS] = Frequency.NEVER
    assert client.post(page, choices).status_code == 302
    kept = dict(Preference.objects.values_list("kind", "frequency"))
    assert kept[Kind.MEETINGS] == Frequency.DAILY and kept[Kind.EXCEPTIONS] == Frequency.NEVER

    bad = client.post(page, {**choices, Kind.MEETINGS: "hourly"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
    assert Preference.objects.get(kind=Kind.MEETINGS).frequency == Frequency.DAILY


def test_officers_may_turn_their_digest_off(client):
    officer = f.officer()
    client.force_login(officer)
    page = client.get(reverse("notification-choices")).content.decode()
    assert Kind.OFFICER_DIGEST.label in page


def _checked(page: str) -> set[tuple[str, str]]:
    return set(re.findall(r'name="([a-z_]+)" type="radio" value="([a-z_]+)" checked', page))


def test_the_page_is_kept_for_its_reader_until_they_choose_again(
    client, kept_pages, django_capture_on_commit_callbacks
):
    """Kept for the person alone (``kept_for_reader``), with their choices' table
    watched: a choice saved shows on the very next page."""
    with django_capture_on_commit_callbacks(execute=True):
        bodies = f.area()
        pat = _member_with_login(bodies["amg"], "Pat Prefers", "pat@example.org").person.user
        sam = _member_with_login(bodies["amg"], "Sam Same", "sam@example.org").person.user
    page = reverse("notification-choices")
    client.force_login(pat)
    first = client.get(page)
    again = client.get(page)
    assert again.context.get("form") is None  # kept: base.html alone was rendered
    assert _checked(again.content.decode()) == _checked(first.content.decode())
    assert (Kind.MEETINGS.value, Frequency.IMMEDIATELY.value) in _checked(first.content.decode())
    choices = {kind.value: Frequency.IMMEDIATELY for kind in Kind if kind != Kind.OFFICER_DIGEST}
    choices[Kind.MEETINGS] = Frequency.NEVER
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page, choices).status_code == 302
    after = client.get(page)
    assert (Kind.MEETINGS.value, Frequency.NEVER.value) in _checked(after.content.decode())
    assert "Your choices are saved." in after.content.decode()
    # A colleague of the same bodies is never sent Pat's page.
    client.force_login(sam)
    theirs = client.get(page)
    assert theirs.context["form"] is not None
    assert (Kind.MEETINGS.value, Frequency.IMMEDIATELY.value) in _checked(theirs.content.decode())


def test_at_once_daily_and_never(smtp, django_capture_on_commit_callbacks):
    board = f.area()["area_board"]
    at_once = _member_with_login(board, "Ann Once", "ann@example.org").person.user
    daily = _member_with_login(board, "Dai Daily", "dai@example.org").person.user
    never = _member_with_login(board, "Nev Never", "nev@example.org").person.user
    Preference.objects.create(user=daily, kind=Kind.MEETINGS, frequency=Frequency.DAILY)
    Preference.objects.create(user=never, kind=Kind.MEETINGS, frequency=Frequency.NEVER)
    # A choice for another kind changes nothing here.
    Preference.objects.create(user=at_once, kind=Kind.REMINDERS, frequency=Frequency.NEVER)

    first, second = _meeting(board), _meeting(board)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_minutes_approve(meeting=first)
        services.meeting_agenda_publish(meeting=second)
    run_worker()
    assert smtp.to() == ["ann@example.org", "ann@example.org"]
    assert DigestItem.objects.filter(to="dai@example.org").count() == 2

    smtp.clear()
    with django_capture_on_commit_callbacks(execute=True):
        digests_send(timezone.localdate())
    run_worker()
    (digest,) = smtp.messages
    assert digest["X-Envelope-To"] == "dai@example.org"
    text = part(digest, "text/plain")
    assert "Minutes published: Board meeting" in text and "Agenda published" in text
    assert f"/meetings/{first.pk}/" in text
    assert not DigestItem.objects.exists()


def test_a_digest_line_is_dropped_when_the_person_has_left(
    smtp, django_capture_on_commit_callbacks
):
    board = f.area()["area_board"]
    membership = _member_with_login(board, "Lee Leaving", "lee@example.org")
    Preference.objects.create(
        user=membership.person.user, kind=Kind.MEETINGS, frequency=Frequency.DAILY
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_minutes_approve(meeting=_meeting(board))
    run_worker()
    assert DigestItem.objects.count() == 1
    # The membership ends before the digest goes out.
    services.membership_end(
        membership=membership, on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = digests_send(timezone.localdate())
    run_worker()
    assert smtp.messages == [] and "1 lines dropped" in result
    assert not DigestItem.objects.exists()
