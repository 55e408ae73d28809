"""Sessions read through the shared cache (pace/core/session_store.py): a signed-in
page asks no query for its session, a session ended is refused everywhere at once,
and a cache out of reach neither breaks a signed-in page nor keeps a copy of a
session that was ended."""

import pytest
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pace.settings import session_engine_for

from ..partnerships import factories as pf

pytestmark = pytest.mark.django_db
PAGE = "/dashboard/"


@pytest.fixture
def through_the_cache(settings):
    settings.SESSION_ENGINE = "pace.core.session_store"
    cache.clear()
    yield
    cache.clear()


class Unreachable:
    """A cache that cannot be reached, as Redis while it restarts."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("the cache cannot be reached")

        return fail

    def __contains__(self, key):
        raise ConnectionError("the cache cannot be reached")


@pytest.fixture
def unreachable(monkeypatch):
    monkeypatch.setattr(cached_db, "caches", {"default": Unreachable()})


def _signed_in() -> Client:
    client = Client()
    client.force_login(pf.person("Sam Signed", with_login=True).user)
    return client


def _session_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as run:
        assert client.get(PAGE).status_code == 200
    return [q["sql"] for q in run if "django_session" in q["sql"]]


def test_the_engine_follows_the_cache():
    assert session_engine_for("pace.core.redis_cache.SharedClientRedisCache") == (
        "pace.core.session_store"
    )
    for in_each_process in (
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    ):
        assert session_engine_for(in_each_process) == "django.contrib.sessions.backends.db"


def test_a_signed_in_page_reads_its_session_from_the_cache(through_the_cache):
    client = _signed_in()
    assert _session_queries(client) == []
    # The cache lost it (Redis restarted): read from the database, and kept again.
    cache.clear()
    assert len(_session_queries(client)) == 1
    assert _session_queries(client) == []


def test_a_session_signed_out_is_refused_with_its_old_cookie(through_the_cache):
    client = _signed_in()
    client.get(PAGE)
    copy = Client()
    copy.cookies = client.cookies.__class__(client.cookies)
    assert copy.get(PAGE).status_code == 200
    client.post("/accounts/logout/")
    assert not Session.objects.exists()
    assert copy.get(PAGE).status_code == 302  # to the sign-in page


def test_a_cache_out_of_reach_still_serves_signed_in_pages(through_the_cache, unreachable):
    client = _signed_in()
    assert len(_session_queries(client)) == 1
    assert len(_session_queries(client)) == 1


def test_signing_out_fails_rather_than_leave_a_copy_in_a_cache_out_of_reach(
    through_the_cache, monkeypatch
):
    client = _signed_in()
    client.get(PAGE)
    monkeypatch.setattr(cached_db, "caches", {"default": Unreachable()})
    client.raise_request_exception = False
    assert client.post("/accounts/logout/").status_code == 500
    monkeypatch.undo()
    # Nothing was ended: the session is as it was in both, and still works.
    assert Session.objects.count() == 1
    assert client.get(PAGE).status_code == 200
