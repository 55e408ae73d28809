"""A board member's home after sign-in (issue 19): the task list, the sign-in and
sign-out confirmations, the session's idle timeout and the CSRF-failure page."""

import datetime
import time

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.timezone import localdate as today

from pace.core import sessions
from partnerships import services as partnership_services
from partnerships.models import AgendaItem, Meeting, Paper
from strategy import services
from strategy.models import Rag

from ..consultations import factories as cf
from ..partnerships import factories as pf
from ..pins import SIGNED_IN
from ..strategy import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    bodies = pf.area()
    strat = sf.strategy()
    member = pf.person("Mo Member", with_login=True)
    pf.member(bodies["amg"], member)
    # The plan started long enough ago for an update to be due on what has none.
    plan = sf.plan(bodies["amg"], strat, starts_on=today() - datetime.timedelta(days=120))
    never = sf.action(plan, member, title="Leaflets never reported")
    fresh = sf.action(plan, member, title="Walks reported last week")
    services.progress_update_post(
        action=fresh, rag=Rag.GREEN, narrative="Fine", reported_on=today() - datetime.timedelta(7)
    )
    nearly = sf.action(plan, member, title="Survey reported 86 days ago")
    services.progress_update_post(
        action=nearly, rag=Rag.AMBER, narrative="Slow", reported_on=today() - datetime.timedelta(86)
    )
    other = pf.body(pf.BodyKind.THEMATIC_BOARD, bodies["leaders"])
    other_person = pf.person("Olu Other", with_login=True)
    pf.member(other, other_person)
    sf.action(
        sf.plan(other, strat, starts_on=today() - datetime.timedelta(days=120)),
        other_person,
        title="Another board's overdue action",
    )
    meeting = Meeting.objects.create(
        body=bodies["amg"],
        title="Group meeting, spring",
        starts_at=timezone.now() + datetime.timedelta(days=9),
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Area plan")
    partnership_services.paper_save(
        paper=Paper(agenda_item=item, title="Plan report", position=1, url="https://example.org/p")
    )
    Meeting.objects.create(
        body=other, title="Other board meeting", starts_at=timezone.now() + datetime.timedelta(3)
    )
    consultation = cf.consultation(action_plan=plan, title="Have your say on the area plan")
    cf.consultation(title="A strategy consultation of nobody's body")
    return locals()


def task_list(page: str) -> str:
    return page.split("What needs doing")[1].split("Your bodies’ progress")[0]


def test_the_task_list_says_what_needs_doing(client, world):
    client.force_login(world["member"].user)
    tasks = task_list(client.get("/dashboard/").content.decode())
    updates = tasks.split("Progress updates due")[1].split("Exception reports")[0]
    assert "Leaflets never reported" in updates and "Overdue" in updates
    assert "Survey reported 86 days ago" in updates and ">Due<" in updates
    assert "Walks reported last week" not in updates
    assert "Another board" not in tasks
    assert f"/actions/{world['never'].pk}/update/" in updates
    assert updates.count(">Post an update<") == 2
    meetings = tasks.split("Meetings coming up")[1]
    assert "Group meeting, spring" in meetings and "1 paper to read" in meetings
    assert "Other board meeting" not in tasks
    assert "Have your say on the area plan" in tasks
    assert "A strategy consultation of nobody" not in tasks


def test_an_exception_report_to_answer_is_on_the_parent_members_list(client, world):
    parent = pf.person("Pat Parent", with_login=True)
    pf.member(world["bodies"]["area_board"], parent)
    report = services.progress_update_post(
        action=world["fresh"], rag=Rag.RED, narrative="Venue lost"
    ).exception_report
    client.force_login(parent.user)
    tasks = task_list(client.get("/dashboard/").content.decode())
    answer = tasks.split("Exception reports to answer")[1].split("Meetings coming up")[0]
    assert "Walks reported last week" in answer
    assert f"/exceptions/{report.pk}/resolve/" in answer and "To answer" in answer


def test_the_task_list_follows_the_memberships_valid_today(client, world):
    """A membership that ended yesterday puts nothing on today's list, though nothing
    was saved since it ended."""
    client.force_login(world["member"].user)
    assert "Leaflets never reported" in client.get("/dashboard/").content.decode()
    membership = world["member"].memberships.get()
    membership.ends_on = today() - datetime.timedelta(days=1)
    membership.save(update_fields=["ends_on"])
    page = client.get("/dashboard/").content.decode()
    assert "What needs doing" not in page and "Group meeting, spring" not in page
    assert "Leaflets never reported" not in page


def test_the_dashboard_costs_the_same_queries_however_much_is_due(
    client, world, django_assert_num_queries
):
    """Pinned: the signed-in visitor (3), their person and bodies (2), the task
    list's updates, meetings and consultations (3), the exception reports (1), the
    one body's roll-up (1; it has no bodies below), the paged lists of actions they
    own and due soon (count, page's keys, rows: 2 x 3) and of overdue actions (its
    count only: there are none)."""
    client.force_login(world["member"].user)
    client.get("/dashboard/")
    expected = SIGNED_IN + 2 + 3 + 1 + 1 + 2 * 3 + 1
    with django_assert_num_queries(expected):
        client.get("/dashboard/")
    plan = world["plan"]
    for i in range(30):
        sf.action(plan, world["member"], title=f"More {i}")
        Meeting.objects.create(
            body=world["bodies"]["amg"],
            title=f"Meeting {i}",
            starts_at=timezone.now() + datetime.timedelta(days=20 + i),
        )
    with django_assert_num_queries(expected):
        page = client.get("/dashboard/").content.decode()
    assert "More are due: the 20 waiting longest are listed." in page


# --- Signing in and out -------------------------------------------------------------


def test_signing_in_lands_on_the_task_list_and_says_so(client, world):
    response = client.post(
        "/accounts/login/",
        {"username": "mo-member", "password": "pw-for-tests-only"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/dashboard/"
    page = response.content.decode()
    assert "govuk-notification-banner--success" in page
    assert "You are signed in as Mo Member." in page and "What needs doing" in page


def test_signing_in_goes_back_where_it_was_asked(client, world):
    url = f"/actions/{world['never'].pk}/update/"
    response = client.post(
        f"/accounts/login/?next={url}",
        {"username": "mo-member", "password": "pw-for-tests-only", "next": url},
    )
    assert response.url == url


def test_signing_out_says_so(client, world):
    client.force_login(world["member"].user)
    response = client.post("/accounts/logout/", follow=True)
    page = response.content.decode()
    assert "You have signed out." in page and "Sign in" in page
    assert "_auth_user_id" not in client.session


# --- The idle timeout ---------------------------------------------------------------


def test_a_signed_in_page_says_when_the_session_ends(client, world, settings):
    settings.PACE_SESSION_IDLE_MINUTES = 30
    settings.PACE_SESSION_WARN_MINUTES = 5
    client.force_login(world["member"].user)
    page = client.get("/").content.decode()
    assert 'id="pace-timeout"' in page and 'data-warn-seconds="300"' in page
    left = int(page.split('data-seconds-left="')[1].split('"')[0])
    assert 30 * 60 - 5 <= left <= 30 * 60
    assert "/static/js/timeout.mjs" in page and "<script>" not in page
    assert 'id="pace-timeout"' not in Client().get("/").content.decode()


def test_an_idle_session_is_signed_out_with_a_message(client, world):
    client.force_login(world["member"].user)
    session = client.session
    session[sessions.DEADLINE_KEY] = time.time() - 1
    session.save()
    url = f"/actions/{world['never'].pk}/update/"
    response = client.post(url, {"narrative": "Typed before the timeout"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")
    page = client.get(response.url).content.decode()
    assert "You were signed out because you had not used the site for" in page
    assert not world["never"].updates.exists()


def test_using_the_site_moves_the_deadline_on_but_not_on_every_request(client, world):
    client.force_login(world["member"].user)
    first = client.session[sessions.DEADLINE_KEY]
    client.get("/")
    assert client.session[sessions.DEADLINE_KEY] == first  # nothing written
    session = client.session
    session[sessions.DEADLINE_KEY] = time.time() + 60  # less than half left
    session.save()
    client.get("/")
    assert client.session[sessions.DEADLINE_KEY] > time.time() + 25 * 60


def test_stay_signed_in_extends_the_session(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["member"].user)
    session = client.session
    session[sessions.DEADLINE_KEY] = time.time() + 100
    session.save()
    page = client.get("/").content.decode()
    token = page.split('data-csrf="')[1].split('"')[0]
    answer = client.post("/accounts/session/extend/", HTTP_X_CSRFTOKEN=token).json()
    assert answer["signed_in"] and answer["seconds_left"] > 29 * 60
    assert client.session[sessions.DEADLINE_KEY] > time.time() + 29 * 60
    assert client.get("/accounts/session/extend/").status_code == 405
    assert Client().post("/accounts/session/extend/").json() == {"signed_in": False}


# --- A form refused for its CSRF token ----------------------------------------------


def test_a_csrf_failure_says_what_happened_and_what_to_do(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["member"].user)
    url = f"/actions/{world['never'].pk}/update/"
    response = client.post(url, {"narrative": "<b>Typed text</b>"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your form could not be sent" in page and "Forbidden (403)" not in page
    assert f'href="{url}">Go back to the form' in page
    assert "Typed text" not in page  # what was posted is never shown
    assert "your browser does not keep this site’s cookies" in page  # no cookie was sent
    assert not world["never"].updates.exists()


def test_a_csrf_failure_when_signed_out_offers_to_sign_in_again(world):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert response.status_code == 403
    assert "Sign in again and go back to the form" in response.content.decode()


def test_the_admin_counts_as_activity_but_never_signs_out(client):
    """The admin gives no warning yet, so an officer's long edit is never lost to the
    timeout there; going back to the site afterwards finds the session moved on."""
    client.force_login(pf.officer())
    session = client.session
    session[sessions.DEADLINE_KEY] = time.time() - 1
    session.save()
    assert client.get("/admin/").status_code == 200
    assert client.session[sessions.DEADLINE_KEY] > time.time() + 29 * 60
    assert client.get("/dashboard/").status_code == 200
