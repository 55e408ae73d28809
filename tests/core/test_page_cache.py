# Over 400 lines, as one piece: the cache's invariants, tested against each other.
"""The public page cache: what it serves, to whom, and when a change makes it stale.

Invalidation happens when a transaction commits, so those tests use real commits
(``transactional_db``)."""

import datetime
import gzip

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from pace.core import cache as page_cache
from pace.core import versions, writes
from pace.settings import cache_from_url
from partnerships import services as tree
from partnerships.models import Body, BodyKind
from strategy import services as strategy_services
from strategy.models import Rag

from ..funding import factories as ff
from ..partnerships import factories as pf
from ..strategy import factories as sf


@pytest.fixture
def cached(settings):
    settings.PACE_PAGE_CACHE_SECONDS = 300
    cache.clear()
    page_cache.PublicPageCacheMiddleware.near.clear()
    yield
    cache.clear()
    page_cache.PublicPageCacheMiddleware.near.clear()


def version() -> int:
    return page_cache.data_version()


# --- What is served from the cache ------------------------------------------------


@pytest.mark.django_db
def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    cached, client, django_assert_num_queries
):
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    first = client.get("/partnerships/")
    assert first.status_code == 200 and first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/partnerships/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


class CountingCache:
    def __init__(self, real):
        self.real, self.calls = real, []

    def __getattr__(self, name):
        self.calls.append(name)
        return getattr(self.real, name)


@pytest.mark.django_db
def test_a_hit_asks_the_cache_for_the_page_then_for_the_versions_it_was_made_from(
    cached, client, monkeypatch
):
    client.get("/partnerships/")
    page_cache.PublicPageCacheMiddleware.near.clear()  # as on another app server
    counting = CountingCache(cache)
    monkeypatch.setattr(page_cache, "page_cache", lambda: counting)
    assert client.get("/partnerships/")["X-Cache"] == "hit"
    assert counting.calls == ["get", "get_many"]


@pytest.mark.django_db
def test_a_hit_on_a_near_copy_asks_the_shared_cache_only_for_the_versions(
    cached, client, monkeypatch
):
    first = client.get("/partnerships/")
    counting = CountingCache(cache)
    monkeypatch.setattr(page_cache, "page_cache", lambda: counting)
    second = client.get("/partnerships/")
    assert second["X-Cache"] == "hit" and second.content == first.content
    assert counting.calls == ["get_many"]


@pytest.mark.django_db(transaction=True)
def test_a_near_copy_is_never_served_once_another_server_changed_the_data(cached, client):
    body = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    client.get("/partnerships/")
    assert client.get("/partnerships/")["X-Cache"] == "hit"
    Body.objects.filter(pk=body.pk).update(name="Renamed Leaders Board")
    response = client.get("/partnerships/")
    assert response["X-Cache"] == "miss" and b"Renamed Leaders Board" in response.content


def test_near_copies_keep_to_their_limit_dropping_the_least_recently_used():
    near = page_cache.NearCopies(limit=250)
    for key in "abc":
        near.put(key, {"content": b"x" * 100})
    assert near.get("a") is None  # dropped to make room for c
    assert near.get("b") is not None  # b is now the most recently used
    near.put("d", {"content": b"x" * 100})
    assert near.get("c") is None and near.get("b") is not None and near.size == 200
    near.put("e", {"content": b"x" * 300})  # larger than the limit: not kept
    assert near.get("e") is None and near.size == 200


# --- Compressed once, sent compressed to those who accept it --------------------------


def ungzip(response) -> bytes:
    return gzip.decompress(response.content)


@pytest.mark.django_db
def test_a_stored_page_is_sent_gzipped_to_browsers_that_accept_it(cached, client):
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    first = client.get("/partnerships/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert first["X-Cache"] == "miss" and "Content-Encoding" not in first
    assert "Accept-Encoding" in first["Vary"]
    second = client.get("/partnerships/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert second["X-Cache"] == "hit" and second["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in second["Vary"]
    assert ungzip(second) == first.content
    assert int(second["Content-Length"]) == len(second.content) < len(first.content) / 2


@pytest.mark.django_db
def test_a_stored_page_is_sent_plain_to_those_that_do_not_accept_gzip(cached, client):
    first = client.get("/partnerships/", HTTP_ACCEPT_ENCODING="gzip")
    for accept in ({}, {"HTTP_ACCEPT_ENCODING": "identity"}, {"HTTP_ACCEPT_ENCODING": "br"}):
        again = client.get("/partnerships/", **accept)
        assert again["X-Cache"] == "hit" and "Content-Encoding" not in again
        assert again.content == first.content
        assert int(again["Content-Length"]) == len(first.content)


@pytest.mark.django_db
def test_a_gzipped_page_has_a_weak_etag_that_still_gets_a_304(cached, client):
    first = client.get("/partnerships/")
    strong = first["ETag"]
    zipped = client.get("/partnerships/", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["ETag"] == f"W/{strong}"
    for etag in (strong, zipped["ETag"]):
        repeat = client.get("/partnerships/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
        assert repeat.status_code == 304 and repeat.content == b""


@pytest.mark.django_db
def test_small_pages_and_pdfs_are_stored_as_they_are(cached, client, settings):
    from django.http import HttpResponse

    stored = page_cache.PublicPageCacheMiddleware._freeze(
        HttpResponse(b"%PDF-1.7" + b"x" * 5000, content_type="application/pdf")
    )
    assert stored["gzip"] is False and stored["content"].startswith(b"%PDF")
    small = page_cache.PublicPageCacheMiddleware._freeze(HttpResponse(b"<p>hello</p>"))
    assert small["gzip"] is False


@pytest.mark.django_db(transaction=True)
def test_a_hit_never_trusts_the_version_this_process_saw_last(cached, client):
    """Another server bumped the version: the page is rendered afresh here too."""
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    client.get("/partnerships/")
    page_cache.bump_data_version()  # as another app server would, through Redis
    assert client.get("/partnerships/")["X-Cache"] == "miss"
    assert client.get("/partnerships/")["X-Cache"] == "hit"


@pytest.mark.django_db
def test_query_strings_and_hosts_are_cached_apart(cached, client):
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    assert client.get("/partnerships/")["X-Cache"] == "miss"
    assert client.get("/partnerships/?on=2016-07-12")["X-Cache"] == "miss"
    assert client.get("/partnerships/", HTTP_HOST="localhost")["X-Cache"] == "miss"
    assert client.get("/partnerships/?on=2016-07-12")["X-Cache"] == "hit"


@pytest.mark.django_db
def test_the_page_cache_is_off_when_its_time_is_zero(settings, client):
    settings.PACE_PAGE_CACHE_SECONDS = 0
    cache.clear()
    client.get("/partnerships/")
    assert "X-Cache" not in client.get("/partnerships/")


@pytest.mark.django_db
def test_a_new_day_is_a_new_page(cached, client, monkeypatch):
    """Consultations open and close and actions fall overdue by the day."""
    client.get("/consultations/")
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(page_cache.timezone, "localdate", lambda: tomorrow)
    assert client.get("/consultations/")["X-Cache"] == "miss"


# --- Never for signed-in people, never anything personal ----------------------------


@pytest.mark.django_db
def test_signed_in_people_are_never_served_or_stored(cached, client):
    leaders = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    user = pf.person("Sam Signed", with_login=True).user
    pf.member(leaders, user.person)
    anonymous = client.get("/partnerships/")
    assert b"Sign out" not in anonymous.content

    client.force_login(user)
    signed_in = client.get("/partnerships/")
    assert "X-Cache" not in signed_in
    assert b"Sign out" in signed_in.content
    assert "private" in signed_in["Cache-Control"]

    client.logout()
    assert b"Sign out" not in client.get("/partnerships/").content


@pytest.mark.django_db
def test_a_signed_in_page_is_not_stored_for_the_next_anonymous_visitor(cached, client):
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    user = pf.person("Sam Signed", with_login=True).user
    client.force_login(user)
    client.get("/partnerships/")
    client.logout()
    response = client.get("/partnerships/")
    assert response["X-Cache"] == "miss" and b"Sign out" not in response.content


@pytest.mark.django_db
@pytest.mark.urls("tests.core.cache_urls")
@pytest.mark.parametrize("path", ["/with-form/", "/with-message/", "/with-cookie/"])
def test_pages_with_a_csrf_token_a_message_or_a_cookie_are_not_stored(cached, client, path):
    first = client.get(path)
    assert first.status_code == 200 and "X-Cache" not in first
    assert "X-Cache" not in client.get(path)


@pytest.mark.django_db
@pytest.mark.urls("tests.core.cache_urls")
def test_no_visitor_gets_another_visitors_csrf_token(cached, client):
    tokens = {client.get("/with-form/").content for _ in range(2)}
    tokens.add(Client().get("/with-form/").content)
    assert len(tokens) == 3


@pytest.mark.django_db
def test_a_visitor_with_a_message_waiting_is_not_served_from_the_cache(cached, client):
    client.get("/partnerships/")
    client.cookies["messages"] = "anything"
    assert "X-Cache" not in client.get("/partnerships/")


@pytest.mark.django_db
def test_sign_in_admin_and_health_check_are_never_cached(cached, client):
    for path in ("/accounts/login/", "/admin/login/", "/healthz"):
        client.get(path)
        assert "X-Cache" not in client.get(path), path


@pytest.mark.django_db
def test_errors_and_redirects_are_not_stored(cached, client):
    client.get("/partnerships/no-such-body/")
    assert "X-Cache" not in client.get("/partnerships/no-such-body/")
    client.get("/dashboard/")
    assert client.get("/dashboard/").status_code == 302


@pytest.mark.django_db
def test_pages_larger_than_the_limit_are_not_stored(cached, settings, client):
    settings.PACE_PAGE_CACHE_MAX_BYTES = 100
    client.get("/partnerships/")
    assert "X-Cache" not in client.get("/partnerships/")


# --- Conditional GET -------------------------------------------------------------


@pytest.mark.django_db
def test_a_repeat_visit_with_the_etag_gets_a_304_from_the_cache(
    cached, client, django_assert_num_queries
):
    etag = client.get("/partnerships/")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/partnerships/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""


@pytest.mark.django_db
def test_a_repeat_visit_with_the_etag_gets_a_304_without_the_cache(settings, client):
    settings.PACE_PAGE_CACHE_SECONDS = 0
    etag = client.get("/partnerships/")["ETag"]
    assert client.get("/partnerships/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/partnerships/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.django_db
def test_a_signed_in_persons_pages_carry_no_etag_but_their_downloads_do(settings, client):
    """Each of their pages holds a CSRF token masked afresh, so never repeats: no
    ETag is worked out for it. A download can repeat, and keeps its ETag."""
    settings.PACE_PAGE_CACHE_SECONDS = 0
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    assert client.get("/partnerships/").has_header("ETag")
    client.force_login(pf.person("Sam Signed", with_login=True).user)
    pages = [client.get("/partnerships/") for _ in range(2)]
    assert pages[0].content != pages[1].content  # the masked token differs
    assert not any(page.has_header("ETag") for page in pages)
    download = client.get("/partnerships/popolo.json")
    assert download.status_code == 200 and "private" in download["Cache-Control"]
    assert download.has_header("ETag")
    again = client.get("/partnerships/popolo.json", HTTP_IF_NONE_MATCH=download["ETag"])
    assert again.status_code == 304


# --- Invalidation --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_saving_a_body_makes_every_page_stale(cached, client):
    leaders = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    client.get("/partnerships/")
    leaders.name = "Renamed Leaders Board"
    tree.body_save(body=leaders)
    response = client.get("/partnerships/")
    assert response["X-Cache"] == "miss" and b"Renamed Leaders Board" in response.content


@pytest.mark.django_db(transaction=True)
def test_a_progress_update_makes_the_action_page_stale(cached, client):
    """progress_update_post sets the action's latest rating with QuerySet.update()."""
    body = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    action = sf.action(sf.plan(body), title="Walks for health")
    client.get(action.get_absolute_url())
    strategy_services.progress_update_post(
        action=action, rag=Rag.AMBER, narrative="Slower than hoped in the south"
    )
    response = client.get(action.get_absolute_url())
    assert response["X-Cache"] == "miss"
    assert b"Slower than hoped in the south" in response.content


@pytest.mark.django_db(transaction=True)
def test_a_progress_update_leaves_the_pages_that_show_no_action_stored(cached, client):
    body = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    action = sf.action(sf.plan(body), title="Walks for health")
    for path in ("/meetings/", "/consultations/", action.get_absolute_url()):
        assert client.get(path)["X-Cache"] == "miss"
    strategy_services.progress_update_post(action=action, rag=Rag.AMBER, narrative="Slower")
    assert client.get("/meetings/")["X-Cache"] == "hit"
    assert client.get("/consultations/")["X-Cache"] == "hit"
    assert client.get(action.get_absolute_url())["X-Cache"] == "miss"
    # What the page was made from: the tables its queries named, and the version
    # that every page carries.
    stored = cache.get(page_cache.page_key(RequestFactory().get(action.get_absolute_url())))
    read = set(versions.tables_of(stored["stamp"]))
    assert {"strategy_action", "strategy_actionplan", "partnerships_body"} <= read
    assert versions.ANY in stored["stamp"] and not read & versions.unwatched_tables()


@pytest.mark.django_db(transaction=True)
def test_a_search_leaves_every_stored_page_stored(cached, client):
    """Search reads in one query of parenthesised SELECTs, which once counted as a
    write to anything: every search made every page stale."""
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    client.get("/partnerships/")
    with CaptureQueriesContext(connection) as searched:
        assert client.get("/search/", {"q": "leaders board"}).status_code == 200
    assert [q["sql"] for q in searched if writes.written_app(q["sql"])] == []
    assert client.get("/partnerships/")["X-Cache"] == "hit"


class VersionTrips:
    """The test cache, counting its round trips."""

    def __init__(self, refuse=False):
        self.trips, self.refuse = [], refuse

    def get_many(self, keys):
        self.trips.append("get_many")
        return cache.get_many(keys)

    def set_many(self, values, timeout=None):
        self.trips.append("set_many")
        return list(values) if self.refuse else cache.set_many(values, timeout=timeout)


@pytest.mark.django_db
def test_after_the_cache_loses_every_version_they_are_made_again_in_two_round_trips(cached):
    before = versions.snapshot(cache)
    cache.clear()  # as when Redis restarts
    store = VersionTrips()
    after = versions.snapshot(store)
    assert store.trips == ["get_many", "set_many"]
    assert after.keys() == before.keys()
    assert all(after[key] != before[key] for key in before)  # no old stamp holds
    assert versions.holds(cache, after)
    with pytest.raises(versions.NoVersion):
        cache.clear()
        versions.snapshot(VersionTrips(refuse=True))


@pytest.mark.django_db(transaction=True)
def test_a_write_whose_table_cannot_be_read_makes_every_page_stale(cached, client):
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    client.get("/consultations/")
    assert client.get("/consultations/")["X-Cache"] == "hit"
    writes.data_changed(connection)  # as for a statement whose target is not plain
    assert client.get("/consultations/")["X-Cache"] == "miss"


@pytest.mark.django_db(transaction=True)
def test_moving_a_body_makes_the_structure_stale(cached, client):
    """django-mptt shifts the tree with its own UPDATE statements."""
    leaders = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    first = pf.body(BodyKind.THEMATIC_BOARD, leaders, name="First Board")
    second = pf.body(BodyKind.THEMATIC_BOARD, leaders, name="Second Board")
    group = pf.body(BodyKind.THEMATIC_GROUP, first, name="Moving Group")
    before = client.get(second.get_absolute_url()).content
    assert b"Moving Group" not in before
    tree.body_move(body=group, target=second)
    assert b"Moving Group" in client.get(second.get_absolute_url()).content


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "write",
    [
        lambda body: Body.objects.filter(pk=body.pk).update(remit="Changed by update()"),
        lambda body: Body.objects.partial_rebuild(body.tree_id),
        lambda body: connection.cursor().execute(
            f"UPDATE {connection.ops.quote_name('partnerships_body')} SET remit = 'raw'"
        ),
        lambda body: pf.organisation("Bulk Org"),
        # A many-to-many add: SQLite's INSERT OR IGNORE, PostgreSQL's ON CONFLICT.
        lambda body: sf.strategy().priorities.first().funds.add(ff.fund()),
        lambda body: connection.cursor().execute(
            "/* a comment first */ UPDATE partnerships_body SET remit = 'after a comment'"
        ),
        lambda body: connection.cursor().execute(
            "WITH chosen AS (SELECT id FROM partnerships_body) "
            "UPDATE partnerships_body SET remit = 'with' WHERE id IN (SELECT id FROM chosen)"
        ),
    ],
    ids=["queryset-update", "mptt-rebuild", "raw-sql", "create", "m2m-add", "comment", "with"],
)
def test_any_write_to_the_data_bumps_the_version(write):
    body = pf.body(BodyKind.LEADERS_BOARD)
    before = version()
    write(body)
    assert version() != before


@pytest.mark.django_db(transaction=True)
def test_the_version_moves_once_when_the_transaction_commits(monkeypatch):
    body = pf.body(BodyKind.LEADERS_BOARD)
    bumps = []
    monkeypatch.setattr(page_cache, "page_cache", lambda: FakeCache(bumps))
    with transaction.atomic():
        for n in range(3):
            Body.objects.filter(pk=body.pk).update(remit=f"remit {n}")
        assert bumps == []  # nothing before the commit: no server can cache old data anew
    assert bumps == ["set_many"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_the_version_alone():
    body = pf.body(BodyKind.LEADERS_BOARD)
    before = version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Body.objects.filter(pk=body.pk).update(remit="never")
        raise RuntimeError
    assert version() == before


@pytest.mark.django_db(transaction=True)
def test_writes_outside_the_partnerships_data_leave_the_version_alone(client):
    user = pf.person("Sam Signed", with_login=True).user
    before = version()
    client.force_login(user)  # a session row and the user's last login
    assert version() == before


@pytest.mark.parametrize(
    ("sql", "changes"),
    [
        ("SELECT * FROM partnerships_body", False),
        ("  -- a comment\nSELECT 1", False),
        ("SAVEPOINT s1", False),
        ('UPDATE "django_session" SET expire_date = 1', False),
        ('INSERT INTO "axes_accessattempt" (id) VALUES (1)', False),
        ('INSERT OR IGNORE INTO "funding_fund_priorities" (fund_id) VALUES (1)', True),
        ('REPLACE INTO "partnerships_body" (id) VALUES (1)', True),
        ('TRUNCATE "partnerships_body"', True),
        ("/* c */ DELETE FROM partnerships_meeting", True),
        ("WITH x AS (SELECT 1) DELETE FROM django_session", True),
        # Search's query: parenthesised SELECTs joined by UNION ALL.
        ('(SELECT 0 AS "s_index" FROM "partnerships_body") UNION ALL (SELECT 1)', False),
        ("WITH x AS (SELECT id FROM partnerships_body) SELECT * FROM x", False),
        ("WITH x AS (DELETE FROM partnerships_body RETURNING id) SELECT * FROM x", True),
        ("CALL anything()", True),
    ],
)
def test_anything_but_a_plain_read_or_an_unwatched_write_is_a_change(sql, changes):
    assert writes.changes_records(sql) is changes


class FullCache:
    """The shared cache at its memory limit under Redis's ``noeviction``: reads and
    deletes work, anything that would store more is refused."""

    def __init__(self, real):
        self.real = real

    def __getattr__(self, name):
        if name in ("incr", "add", "set", "set_many"):

            def refused(*args, **kwargs):
                raise RuntimeError("OOM command not allowed when used memory > 'maxmemory'")

            return refused
        return getattr(self.real, name)


@pytest.mark.django_db(transaction=True)
def test_a_change_the_cache_cannot_count_is_never_hidden_by_a_stored_page(
    cached, client, monkeypatch
):
    body = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    client.get(body.get_absolute_url())
    assert client.get(body.get_absolute_url())["X-Cache"] == "hit"
    monkeypatch.setattr(page_cache, "page_cache", lambda: FullCache(cache))
    Body.objects.filter(pk=body.pk).update(name="Renamed while the cache was full")
    page = client.get(body.get_absolute_url())
    assert "X-Cache" not in page and b"Renamed while the cache was full" in page.content
    # The cache has room again: a bump succeeds, and pages are cached once more.
    monkeypatch.setattr(page_cache, "page_cache", lambda: cache)
    assert client.get(body.get_absolute_url())["X-Cache"] == "miss"
    assert client.get(body.get_absolute_url())["X-Cache"] == "hit"


def test_a_lost_version_starts_again_from_a_number_never_used(cached):
    old = version()
    cache.delete(page_cache.VERSION_KEY)
    assert version() > old


# --- A cache that cannot be reached -------------------------------------------------


class FakeCache:
    def __init__(self, calls, fail=False):
        self.calls, self.fail = calls, fail

    def set_many(self, values, timeout=None):
        if self.fail:
            raise ConnectionError("cache down")
        self.calls.append("set_many")
        return []

    def get(self, *args, **kwargs):
        raise ConnectionError("cache down")

    set = add = get_many = delete_many = get


@pytest.mark.django_db
def test_pages_still_render_when_the_cache_is_down(cached, client, monkeypatch):
    monkeypatch.setattr(page_cache, "page_cache", lambda: FakeCache([], fail=True))
    response = client.get("/partnerships/")
    assert response.status_code == 200 and "X-Cache" not in response


@pytest.mark.django_db(transaction=True)
def test_a_change_is_saved_when_the_cache_is_down(monkeypatch):
    monkeypatch.setattr(page_cache, "page_cache", lambda: FakeCache([], fail=True))
    body = pf.body(BodyKind.LEADERS_BOARD, name="Saved Anyway")
    assert Body.objects.filter(pk=body.pk).exists()


# --- Settings and the health check ---------------------------------------------------


def test_cache_url_chooses_the_backend():
    redis = cache_from_url("redis://127.0.0.1:6379/1")
    assert redis == {
        "BACKEND": "pace.core.redis_cache.SharedClientRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }
    assert cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")
    assert cache_from_url("dummy://")["BACKEND"].endswith("DummyCache")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcached://127.0.0.1")


def test_the_redis_cache_checks_no_key_as_memcached_would():
    """Redis takes any key; Django's warnings for memcached cost a stored page's hit
    a tenth of a millisecond (pace/core/redis_cache.py). Nothing connects here."""
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    from pace.core.redis_cache import SharedClientRedisCache

    store = SharedClientRedisCache("redis://127.0.0.1:6379/9", {})
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        key = store.make_and_validate_key("fragment:" + "x" * 300 + " and spaces")
    assert key.endswith(" and spaces")


def test_the_redis_cache_parses_replies_in_c():
    """A hit's versions come back in one MGET of up to twenty-odd keys: its client
    parses them with hiredis, which the project depends on. Nothing connects here."""
    from redis._parsers import _HiredisParser

    from pace.core.redis_cache import SharedClientRedisCache

    store = SharedClientRedisCache("redis://127.0.0.1:6379/9", {})
    connection = store._cache.get_client().connection_pool.make_connection()
    assert type(connection._parser) is _HiredisParser


@pytest.mark.django_db
def test_health_check_says_ok_without_queries(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


# --- One build at a time after a change ------------------------------------------------


def building_key(path: str = "/partnerships/") -> str:
    return page_cache.page_key(RequestFactory().get(path))


@pytest.mark.django_db
def test_a_request_for_a_page_being_built_waits_for_it_instead_of_rendering(
    cached, client, monkeypatch, django_assert_num_queries
):
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    built = client.get("/partnerships/")  # what the other request will store
    key = building_key()
    stored = cache.get(key)
    cache.delete(key)
    page_cache.PublicPageCacheMiddleware.near.clear()
    cache.add(f"{key}:building", 1)  # another worker is building it
    waits = []

    def another_worker_finishes(seconds):
        waits.append(seconds)
        cache.set(key, stored)
        cache.delete(f"{key}:building")

    monkeypatch.setattr(page_cache.time, "sleep", another_worker_finishes)
    with django_assert_num_queries(0):
        response = client.get("/partnerships/")
    assert response["X-Cache"] == "hit" and response.content == built.content
    assert len(waits) == 1


@pytest.mark.django_db
def test_a_waiting_request_renders_the_page_itself_when_the_build_gives_up(
    cached, client, monkeypatch
):
    key = building_key()
    cache.add(f"{key}:building", 1)
    monkeypatch.setattr(page_cache.time, "sleep", lambda s: cache.delete(f"{key}:building"))
    response = client.get("/partnerships/")
    assert response.status_code == 200 and response["X-Cache"] == "miss"
    assert cache.get(key) is not None


@pytest.mark.django_db
def test_a_waiting_request_renders_the_page_itself_when_the_wait_runs_out(cached, client, settings):
    settings.PACE_PAGE_CACHE_WAIT_SECONDS = 0.05
    key = building_key()
    cache.add(f"{key}:building", 1)  # a build that never finishes
    response = client.get("/partnerships/")
    assert response.status_code == 200 and response["X-Cache"] == "miss"


@pytest.mark.django_db
def test_a_build_releases_its_claim_even_when_the_page_fails(cached, client):
    key = building_key("/partnerships/no-such-body/")
    assert client.get("/partnerships/no-such-body/").status_code == 404
    assert cache.get(f"{key}:building") is None
    client.get("/partnerships/")
    assert cache.get(f"{building_key()}:building") is None


# --- What a visitor can make the servers do -------------------------------------


@pytest.mark.django_db
def test_made_up_query_strings_are_the_same_page(cached, client):
    leaders = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    # A body's calendar: made for each request (the whole meetings calendar is stored).
    feed = f"/partnerships/{leaders.slug}/meetings.ics"
    first = client.get(f"{feed}?x=1")
    assert first["X-Cache"] == "miss"
    again = client.get(f"{feed}?x=2&y=3")
    assert again["X-Cache"] == "hit" and again.content == first.content
    # A parameter the page reads still makes another page, and the page sees it.
    assert client.get("/partnerships/?on=12/07/2016&junk=1")["X-Cache"] == "miss"
    assert client.get("/partnerships/?junk=2&on=12/07/2016")["X-Cache"] == "hit"


@pytest.mark.django_db
def test_one_visitor_can_make_the_servers_build_only_so_many_pages(cached, client, settings):
    settings.PACE_PAGE_CACHE_BUILDS_PER_MINUTE = 3
    body = pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    for query in ("a", "b", "c"):
        assert client.get(f"/search/?q={query}").status_code == 200  # never stored
    refused = client.get(body.get_absolute_url())
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    # What is already stored costs nothing and is still served, to this visitor too.
    other = Client(REMOTE_ADDR="192.0.2.9")
    assert other.get(body.get_absolute_url())["X-Cache"] == "miss"
    assert client.get(body.get_absolute_url())["X-Cache"] == "hit"


@pytest.mark.django_db
def test_searches_are_never_stored(cached, client):
    client.get("/search/?q=health")
    assert "X-Cache" not in client.get("/search/?q=health")


@pytest.mark.django_db
def test_a_search_neither_waits_for_another_nor_holds_others_waiting(cached, client, monkeypatch):
    key = building_key("/search/?q=health")
    cache.add(f"{key}:building", 1)  # as if another request were rendering it
    monkeypatch.setattr(page_cache.time, "sleep", lambda s: pytest.fail("waited"))
    assert client.get("/search/?q=health").status_code == 200
    cache.delete(f"{key}:building")
    claims = []
    monkeypatch.setattr(
        page_cache.PublicPageCacheMiddleware,
        "_claim",
        staticmethod(lambda store, key: claims.append(key) or True),
    )
    assert client.get("/search/?q=walks").status_code == 200
    assert claims == []


@pytest.mark.django_db
def test_production_says_nothing_of_what_others_asked_for(cached, client, settings):
    settings.PACE_PAGE_CACHE_STATUS_HEADER = False
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    client.get("/partnerships/")
    assert "X-Cache" not in client.head("/partnerships/")
