"""Calendar links: "Subscribe" (``webcal://``) beside every link to a meetings feed,
and each meeting's own calendar file (``/meetings/<pk>.ics``, "Add this meeting to
your calendar"), which is the feeds' event, seen by exactly those who see the
meeting's page, and never names a confidential item."""

import datetime

import pytest
from django.template import Context, RequestContext, Template
from django.utils import timezone
from icalendar import Calendar

from partnerships.models import AgendaItem, Meeting
from tests.documents.helpers import body

from . import factories as f

pytestmark = pytest.mark.django_db

HOST = "pace.example.org"
SECRET_ITEM = "Secret negotiation with Provider Zeta"
PRIVATE_TITLE = "Closed budget session"


def in_days(days: int, hour: int = 18) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def allowed_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    return HOST


@pytest.fixture
def meetings():
    """An Area Management Group with a public meeting holding a confidential item, and
    a meeting open only to members; and an unrelated body."""
    bodies = f.area()
    amg = bodies["amg"]
    public = Meeting.objects.create(
        body=amg,
        title="Area Management Group, open meeting",
        starts_at=in_days(5),
        ends_at=in_days(5, hour=20),
        location="Municipal Buildings, Crewe",
    )
    AgendaItem.objects.create(meeting=public, position=1, title="Area Plan progress")
    AgendaItem.objects.create(meeting=public, position=2, title=SECRET_ITEM, is_confidential=True)
    private = Meeting.objects.create(
        body=amg, title=PRIVATE_TITLE, starts_at=in_days(9, hour=14), is_public=False
    )
    AgendaItem.objects.create(meeting=private, position=1, title="Budget lines")
    AgendaItem.objects.create(meeting=private, position=2, title=SECRET_ITEM, is_confidential=True)
    return {**bodies, "public": public, "private": private, "unrelated": f.area()["amg"]}


def member_of(body):
    who = f.person(with_login=True)
    f.member(body, who)
    return who.user


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(body(response))


def only_event(calendar: Calendar):
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


# --- One meeting's calendar file ------------------------------------------------------


def test_a_meetings_file_is_one_event_of_that_meeting(client, meetings):
    public = meetings["public"]
    response = client.get(f"/meetings/{public.pk}.ics")
    calendar = parse(response)
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{public.pk}.ics"'
    event = only_event(calendar)
    assert str(event["SUMMARY"]) == public.title
    assert event.decoded("DTSTART") == public.starts_at
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event.decoded("DTEND") == public.ends_at
    assert str(event["UID"]) == f"meeting-{public.pk}@pace.cheshireeast"
    assert str(event["URL"]) == f"http://testserver/meetings/{public.pk}/"
    assert str(event["CLASS"]) == "PUBLIC"
    # An event to add to one's calendar, not a calendar of its own to make.
    assert "X-WR-CALNAME" not in calendar and "NAME" not in calendar
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_a_meetings_file_is_the_feeds_event(client, meetings):
    """One rule for both: the event in the meeting's file is, byte for byte, the one
    the feeds carry."""
    public = meetings["public"]
    single = only_event(parse(client.get(f"/meetings/{public.pk}.ics")))
    for feed in ("/meetings.ics", f"/partnerships/{meetings['amg'].slug}/meetings.ics"):
        (in_feed,) = [
            e for e in parse(client.get(feed)).walk("VEVENT") if e["UID"] == single["UID"]
        ]
        assert in_feed.to_ical() == single.to_ical(), feed


def test_a_meetings_file_never_names_a_confidential_item(client, meetings):
    """Not even to those who may see the item on the meeting's page: the file leaves
    the site (shared calendars, forwarded invitations)."""
    readers = [
        (None, [meetings["public"]]),
        (member_of(meetings["amg"]), [meetings["public"], meetings["private"]]),
        (f.officer(), [meetings["public"], meetings["private"]]),
    ]
    for user, seen in readers:
        if user is not None:
            client.force_login(user)
        for meeting in seen:
            response = client.get(f"/meetings/{meeting.pk}.ics")
            text = response.content.decode().replace("\r\n ", "")  # lines unfolded
            assert SECRET_ITEM not in text and "Provider Zeta" not in text
            description = str(only_event(parse(response))["DESCRIPTION"])
            assert "2. Confidential item" in description
        client.logout()


def test_a_private_meeting_is_not_found_by_those_who_may_not_see_its_page(client, meetings):
    private = meetings["private"]
    assert client.get(f"/meetings/{private.pk}.ics").status_code == 404
    client.force_login(member_of(meetings["unrelated"]))
    assert client.get(f"/meetings/{private.pk}.ics").status_code == 404
    assert client.get(f"/meetings/{private.pk}/").status_code == 404


def test_a_private_meeting_is_in_its_bodys_members_file(client, meetings):
    private = meetings["private"]
    client.force_login(member_of(meetings["amg"]))
    event = only_event(parse(client.get(f"/meetings/{private.pk}.ics")))
    assert str(event["SUMMARY"]) == PRIVATE_TITLE
    assert event.decoded("DTSTART") == private.starts_at
    # Marked private, so that a calendar shared with others shows only busy time.
    assert str(event["CLASS"]) == "PRIVATE"
    # And still never in a feed, whoever asks.
    assert PRIVATE_TITLE not in body(client.get("/meetings.ics")).decode()


@pytest.mark.parametrize("reader", ["anonymous", "unrelated", "member", "above", "officer"])
def test_the_file_and_the_page_agree_on_who_sees_a_meeting(client, meetings, reader):
    users = {
        "anonymous": lambda: None,
        "unrelated": lambda: member_of(meetings["unrelated"]),
        "member": lambda: member_of(meetings["amg"]),
        "above": lambda: member_of(meetings["area_board"]),  # the AMG answers to it
        "officer": f.officer,
    }
    user = users[reader]()
    if user is not None:
        client.force_login(user)
    for meeting in (meetings["public"], meetings["private"]):
        page = client.get(f"/meetings/{meeting.pk}/").status_code
        assert client.get(f"/meetings/{meeting.pk}.ics").status_code == page, meeting.title
    assert client.get("/meetings/999999.ics").status_code == 404


def test_the_meeting_page_links_to_its_file(client, meetings):
    public = meetings["public"]
    page = client.get(f"/meetings/{public.pk}/").content.decode()
    assert (
        f'<a class="govuk-link" href="/meetings/{public.pk}.ics" type="text/calendar">'
        "Add this meeting to your calendar (iCalendar file)</a>"
    ) in page


@pytest.mark.parametrize(("reader", "queries"), [("anonymous", 2), ("member", 5)])
def test_the_files_queries_are_pinned(client, meetings, django_assert_num_queries, reader, queries):
    """Anonymous, of a public meeting: the meeting with its body, and its agenda (a
    public meeting never asks who the reader is). A member, of a private meeting:
    besides, the session, the user and their bodies (``partnerships.access``)."""
    meeting = meetings["public"]
    if reader == "member":
        client.force_login(member_of(meetings["amg"]))
        meeting = meetings["private"]
    for _ in range(3):  # more agenda items cost nothing more
        AgendaItem.objects.create(
            meeting=meeting, position=meeting.agenda_items.count() + 1, title="More"
        )
    with django_assert_num_queries(queries):
        assert client.get(f"/meetings/{meeting.pk}.ics").status_code == 200


# --- Subscribe (webcal://) beside every feed link --------------------------------------


def test_the_meetings_list_offers_to_subscribe_and_to_download(client, meetings, allowed_host):
    page = client.get("/meetings/", HTTP_HOST=allowed_host).content.decode()
    assert f'href="webcal://{allowed_host}/meetings.ics"' in page
    assert "Subscribe to these public meetings in your calendar" in page
    assert 'href="/meetings.ics" type="text/calendar"' in page
    assert "Download these public meetings as a calendar file (iCalendar)" in page

    amg = meetings["amg"]
    page = client.get(f"/meetings/?body={amg.slug}", HTTP_HOST=allowed_host).content.decode()
    assert f'href="webcal://{allowed_host}/partnerships/{amg.slug}/meetings.ics"' in page
    assert f'href="/partnerships/{amg.slug}/meetings.ics" type="text/calendar"' in page


def test_the_body_page_offers_to_subscribe_and_to_download(client, meetings, allowed_host):
    amg = meetings["amg"]
    page = client.get(f"/partnerships/{amg.slug}/", HTTP_HOST=allowed_host).content.decode()
    assert f'href="webcal://{allowed_host}/partnerships/{amg.slug}/meetings.ics"' in page
    assert f"Subscribe to {amg.name}'s public meetings in your calendar" in page
    assert f'href="/partnerships/{amg.slug}/meetings.ics" type="text/calendar"' in page


def test_the_footer_offers_to_subscribe_on_every_page(client, allowed_host):
    page = client.get("/partnerships/", HTTP_HOST=allowed_host).content.decode()
    assert f'href="webcal://{allowed_host}/meetings.ics">Subscribe to the meetings calendar' in page
    assert 'href="/meetings.ics" type="text/calendar">Download the meetings calendar' in page
    # Each host's pages name their own host.
    other = client.get("/partnerships/").content.decode()
    assert 'href="webcal://testserver/meetings.ics"' in other


def test_a_refused_host_gets_no_subscribe_link(client):
    """The "Bad request" page for a host Django refuses extends the base template;
    the host it refused never goes into a link, and the page still renders."""
    response = client.get("/meetings/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    page = response.content.decode()
    assert "webcal:" not in page and "evil.example" not in page
    assert 'href="/meetings.ics"' in page


def test_the_subscribe_link_costs_no_query(rf, django_assert_num_queries):
    """So no page's pinned count (tests/pins.py) moves for it."""
    template = Template(
        "{% load calendar_links %}{% webcal_url 'partnerships:meetings-feed' %} "
        "{% webcal_url 'partnerships:body-meetings-feed' 'crewe' %}"
    )
    with django_assert_num_queries(0):
        text = template.render(RequestContext(rf.get("/", HTTP_HOST="testserver")))
    assert (
        text
        == "webcal://testserver/meetings.ics webcal://testserver/partnerships/crewe/meetings.ics"
    )
    # Without a request there is no host to trust, and no link.
    assert template.render(Context()) == " "
