"""Public pages kept for signed-in readers by what they may see
(partnerships/kept_pages.py): the next reader of the same scope is sent the page
without its view running, inside a header of their own; a reader of another scope,
or anyone after a change, never is."""

import re

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from partnerships.kept_pages import PARTS, _keepable

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


def test_a_page_with_a_form_token_or_a_cookie_or_an_error_is_never_kept():
    parts = dict.fromkeys(PARTS, "<p>Same for everyone</p>")
    assert _keepable(HttpResponse("page"), parts)
    assert not _keepable(HttpResponse("page"), parts | {"content": 'name="csrfmiddlewaretoken"'})
    assert not _keepable(HttpResponse("page"), {"content": "only a part"})
    assert not _keepable(HttpResponse("page", status=404), parts)
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("seen", "1")
    assert not _keepable(with_cookie, parts)
    assert not _keepable(HttpResponse("{}", content_type="application/json"), parts)


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
