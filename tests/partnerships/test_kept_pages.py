"""Public pages kept for signed-in readers by what they may see
(partnerships/kept_pages.py): the next reader of the same scope is sent the page
without its view running, inside a header of their own; a reader of another scope,
or anyone after a change, never is."""

import re

import pytest
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token as unmasked
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.kept_pages import PARTS, _filled, _keepable, _marked
from strategy.models import Rag

from ..core.test_fragments import SECRET, _world
from ..partnerships import factories as pf
from ..strategy import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings):
    from django.core.cache import cache

    settings.PACE_KEPT_PAGE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return _world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _main(response) -> str:
    assert response.status_code == 200
    return re.search(r"<main.*</main>", response.content.decode(), re.DOTALL).group(0)


def _queries(client, address) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as run:
        response = client.get(address)
    return len(run), response


def test_the_next_page_for_the_same_scope_is_sent_without_running_the_view(kept, world):
    member = _client(world["member"])
    plan = world["plan"].get_absolute_url()
    rendered, first = _queries(member, plan)
    again, second = _queries(member, plan)
    assert SECRET in _main(first)
    assert _main(second) == _main(first)
    assert second.context.get("plan") is None  # base.html alone was rendered
    assert again < rendered
    # Its title, breadcrumbs and section came with it.
    assert re.search(r"<title>[^<]*plan", second.content.decode())
    assert 'aria-current="page"' in second.content.decode()


def test_a_reader_of_the_same_scope_gets_it_inside_a_header_of_their_own(
    kept, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        colleague = pf.person("A Colleague", with_login=True)
        pf.member(world["own"], colleague)
    plan = world["plan"].get_absolute_url()
    _client(world["member"]).get(plan)
    other = _client(colleague.user)
    _, response = _queries(other, plan)
    assert response.context.get("plan") is None  # the kept page
    page = response.content.decode()
    assert f'data-owner="{colleague.user.pk}"' in page
    assert f'data-owner="{world["member"].pk}"' not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    signed_out = other.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert signed_out.status_code in (200, 302)


def test_a_reader_of_another_scope_never_gets_it(kept, world):
    plan = world["plan"].get_absolute_url()
    for _ in range(2):
        assert SECRET in _main(_client(world["member"]).get(plan))
    for reader in ("outsider", "nobody"):
        client = _client(world[reader])
        for _ in range(2):
            assert SECRET not in _main(client.get(plan))
    # Nor anonymous visitors, whom the view always serves (the page cache aside).
    anonymous = Client()
    assert SECRET not in _main(anonymous.get(plan))
    assert anonymous.get(plan).context["plan"] == world["plan"]


def test_a_committed_change_shows_on_the_next_page(kept, world, django_capture_on_commit_callbacks):
    member = _client(world["member"])
    plan = world["plan"].get_absolute_url()
    member.get(plan)
    with django_capture_on_commit_callbacks(execute=True):
        sf.action(world["plan"], title="Added after the first look")
    assert "Added after the first look" in _main(member.get(plan))


def test_off_runs_the_view_every_time(settings, world):
    settings.PACE_KEPT_PAGE_SECONDS = 0
    member = _client(world["member"])
    plan = world["plan"].get_absolute_url()
    first, _ = _queries(member, plan)
    second, response = _queries(member, plan)
    assert second == first and response.context["plan"] == world["plan"]


def test_a_page_that_sets_a_cookie_or_is_an_error_is_never_kept():
    parts = dict.fromkeys(PARTS, "<p>Same for everyone</p>")
    assert _keepable(HttpResponse("page"), parts)
    assert not _keepable(HttpResponse("page"), {"content": "only a part"})
    assert not _keepable(HttpResponse("page", status=404), parts)
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("seen", "1")
    assert not _keepable(with_cookie, parts)
    assert not _keepable(HttpResponse("{}", content_type="application/json"), parts)


def _tokens(page: str) -> list[str]:
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)


def test_a_form_page_is_kept_without_the_readers_token_or_submission_key(
    kept, world, django_capture_on_commit_callbacks
):
    """Each reader of a kept form page gets a CSRF token of their own and a new
    one-time key, and the form they were sent posts."""
    with django_capture_on_commit_callbacks(execute=True):
        colleague = pf.person("A Colleague", with_login=True)
        pf.member(world["own"], colleague)
    action = world["plan"].actions.get(title="Open walks for health")
    address = f"/actions/{action.pk}/update/"
    first = Client(enforce_csrf_checks=True)
    first.force_login(world["member"])
    shown = first.get(address)
    assert shown.context["form"] is not None  # rendered by the view
    other = Client(enforce_csrf_checks=True)
    other.force_login(colleague.user)
    rendered, page = _queries(other, address)
    assert page.context.get("form") is None  # base.html alone: the kept page
    assert _main(page).count("<form") == _main(shown).count("<form")
    secrets = {}
    for name, response in (("first", shown), ("other", page)):
        cookie = (first if name == "first" else other).cookies["csrftoken"].value
        secrets[name] = unmasked(cookie) if len(cookie) == 64 else cookie
        tokens = _tokens(_main(response))
        assert tokens and {unmasked(token) for token in tokens} == {secrets[name]}
    assert secrets["first"] != secrets["other"]
    keys = [
        re.search(r'name="submission_key" value="([0-9a-f]{32})"', r.content.decode()).group(1)
        for r in (shown, page, other.get(address))
    ]
    assert len(set(keys)) == 3  # a new key every time it is shown
    token = _tokens(_main(page))[0]
    with django_capture_on_commit_callbacks(execute=True):
        posted = other.post(
            address,
            {
                "csrfmiddlewaretoken": token,
                "submission_key": keys[1],
                "rag": Rag.GREEN,
                "narrative": "Walks are full every week",
                "reported_on": timezone.localdate().strftime("%d/%m/%Y"),
            },
        )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    assert action.updates.get().submission_key == keys[1]


def test_the_marks_take_only_the_readers_own_tokens_and_the_keys():
    request = RequestFactory().get("/")
    token = get_token(request)
    someone_elses = get_token(RequestFactory().get("/"))
    part = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        f'<div data-csrf="{token}" data-other="{someone_elses}"></div>'
        f'<input type="hidden" name="submission_key" value="{"a" * 32}" id="k">'
    )
    marked = _marked(request, part)
    assert token not in marked and "a" * 32 not in marked
    assert someone_elses in marked  # not the reader's: a string of the page like any
    reader = RequestFactory().get("/")
    filled = _filled(reader, marked)
    secret = reader.META["CSRF_COOKIE"]
    assert [unmasked(t) for t in re.findall(r'="([A-Za-z0-9]{64})"', filled)] == [
        secret,
        secret,
        unmasked(someone_elses),
    ]
    assert re.search(r'name="submission_key" value="[0-9a-f]{32}"', filled)


@pytest.mark.parametrize(
    "address",
    [
        "/partnerships/checks/",
        "/funding/checks/",
        "/dashboard/gaps/",
        "/meetings/area-assemblies/",
        "/consultations/officers/",
    ],
)
def test_the_officers_checks_are_kept_for_officers_and_still_refused_to_members(
    kept, world, address, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, second = pf.officer(), pf.officer()
    rendered, page = _queries(_client(first), address)
    again, kept_page = _queries(_client(second), address)
    assert kept_page.context.get("breadcrumbs") is None  # base.html alone was rendered
    assert _main(kept_page) == _main(page) and again < rendered
    assert _client(world["member"]).get(address).status_code == 403
    assert Client().get(address).status_code == 302  # to sign in


def test_the_dashboard_is_kept_for_its_reader_alone(
    kept, world, django_capture_on_commit_callbacks
):
    """It shows the reader's own actions: a colleague on the same board, of the
    same scope, is never sent it."""
    with django_capture_on_commit_callbacks(execute=True):
        colleague = pf.person("A Colleague", with_login=True)
        pf.member(world["own"], colleague)
        sf.action(world["plan"], title="Owned by the member", owner=world["member"].person)
    member = _client(world["member"])
    rendered, first = _queries(member, "/dashboard/")
    again, second = _queries(member, "/dashboard/")
    assert "Owned by the member" in _main(first)
    assert second.context.get("tasks", "not run") == "not run"  # base.html alone
    assert _main(second) == _main(first) and again < rendered
    other = _client(colleague.user)
    page = other.get("/dashboard/")
    assert page.context["tasks"] is not None  # their own, made for them
    assert _main(page) != _main(first)
    # A change to the reader's own account, which no version watches, is seen.
    user = world["member"]
    user.first_name = "Renamed"
    user.save()
    assert member.get("/dashboard/").context["tasks"] is not None


def test_the_cases_page_is_kept_by_scope(kept, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        colleague = pf.person("A Colleague", with_login=True)
        pf.member(world["own"], colleague)
    rendered, first = _queries(_client(world["member"]), "/complaints/cases/")
    again, second = _queries(_client(colleague.user), "/complaints/cases/")
    assert second.context.get("complaints") is None and _main(second) == _main(first)
    assert again < rendered
