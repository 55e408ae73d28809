# Over 400 lines, as one piece: the key, the version, the store and the budget are one lookup.
"""Public pages from the shared cache, made stale by any change to the data.

**What is cached.** A GET of a page for an anonymous visitor that answered 200, set
no cookie, used no CSRF token and left no message: what nobody in particular sees.
A request that carries a session cookie (a signed-in person, or anyone whose
session holds something) or a messages cookie is never served from the cache nor
stored in it, and neither is the admin, sign-in or anything under ``/accounts/``.
Responses to signed-in people are ``Cache-Control: private`` besides
(``pace.core.middleware``).

**When it goes stale.** A stored page carries the versions of the tables its
queries read (``pace.core.versions``), taken just before it was rendered; it is
served only while none of them has changed, on any app server. Any write to a table
of the partnership's records changes that table's version when its transaction
commits, so the next request for a page that shows it misses and renders afresh,
while the pages that show none of it stay stored: a progress update leaves the
meetings and the grants alone. The writes are seen in the SQL itself
(``pace.core.writes``), not through signals, and so are the reads, so a page can
never outlive a change however the change was made. The version changes only after
the commit, so no server can render the old data under the new version. If a
version cannot be changed (the cache is full and refuses writes, or cannot be
reached), the version every page carries is removed instead, and no page is served
from the cache while there is none (nor, by the process that failed, until it has
changed one): a stale page is never served for want of a bump.

Pages also carry the day in their key (consultations open and close, actions fall
overdue) and expire after ``PACE_PAGE_CACHE_SECONDS`` at most, which bounds what
depends on the hour (a meeting moving from "upcoming" to "past").

**Conditional GET.** ``ConditionalGetMiddleware`` gives every GET response an ETag
(a hash of its content); a stored page keeps it, and a visitor whose
``If-None-Match`` matches gets a 304 without the page being rendered or sent.

**Compressed once.** A stored page of text (HTML, JSON, CSV, calendars) is kept
gzipped, compressed once when it is stored rather than on every visit, and sent
gzipped to the browsers that accept it (all of them; ``Vary: Accept-Encoding``);
anyone else gets it unzipped. A page of a few megabytes (the open-data exports of
a large partnership) then costs a tenth of the bytes to fetch from the shared
cache and to send. Only pages for nobody in particular are compressed, so there
is no secret in them for a compression attack (BREACH) to find.

**One build at a time.** Right after a change every page misses at once, on every
server. The first request for a page claims its build in the shared cache; the
others asking for it meanwhile wait for what it stores (``PACE_PAGE_CACHE_WAIT_SECONDS``
at most) rather than all building the same page: sixteen requests for the calendar
of every meeting right after a change cost one build instead of four.

**Near copies.** Each app-server process also keeps the stored pages it served
last (``PACE_PAGE_CACHE_LOCAL_BYTES`` in all, least recently used dropped first),
under the same key. A hit on a near copy still reads its tables' versions from the
shared cache, so a change made through any server is seen at once; it only saves
fetching the page itself again.
"""

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

from . import versions
from .clients import client_address
from .versions import NoVersion

logger = logging.getLogger(__name__)

VERSION_KEY = versions.EVERYTHING
#: Never cached: the admin, signing in and out, the health check, files.
EXCLUDED_PREFIXES = ("/admin/", "/accounts/", "/healthz")
#: Never cached either: the whole-data documents, served from storage with their own
#: ETag and compression (``pace.documents`` adds their paths).
STORED_PATHS: set[str] = set()
#: Response headers that may vary a stored page: the session cookie (a request with
#: one is never served from the cache) and the encoding, which this cache decides.
ALLOWED_VARY = {"cookie", "accept-encoding"}
#: Kept gzipped: text of at least this many bytes.
COMPRESS_MIN_BYTES = 1024
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "application/javascript")
_ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
#: How often a request waiting for a page another request is building looks for it.
WAIT_POLL_SECONDS = 0.02


def page_cache():
    return caches["default"]


#: Set in a process whose last bump failed: it serves nothing from the cache until
#: a bump succeeds, whatever the shared cache holds.
_unbumped = threading.Event()


def data_version() -> int:
    """The version every committed change moves, made afresh if there is none;
    ``NoVersion`` when it cannot be read or made."""
    if _unbumped.is_set() and not bump_data_version():
        raise NoVersion("a change has not been counted yet")
    return versions.current(page_cache(), [VERSION_KEY])[VERSION_KEY]


def bump_data_version(tables=None) -> bool:
    """Make stale every cached page made from ``tables`` (from anything, when
    ``None``), on every app server. Never fails the request that changed the data.
    If the versions cannot be changed (the cache is full and refuses writes, or
    cannot be reached), the version every page carries is removed, which a full
    cache still allows, so that no server serves a page from before the change; this
    process serves none until a bump succeeds. Whether the bump succeeded."""
    store = page_cache()
    try:
        versions.move(store, tables)
    except Exception:
        _unbumped.set()
        logger.exception("Could not bump the data version: serving no cached page until it is")
        try:
            versions.forget(store)
        except Exception:
            logger.exception("Could not remove the data version either")
        return False
    _unbumped.clear()
    return True


# --- The middleware -------------------------------------------------------------


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path
    static = (settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/")
    return not path.startswith(EXCLUDED_PREFIXES + static) and path not in STORED_PATHS


def _storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if not vary <= ALLOWED_VARY:
        return False
    return len(response.content) <= settings.PACE_PAGE_CACHE_MAX_BYTES


# --- Which query parameters a page reads -----------------------------------------


def cache_params(*names_or_forms):
    """Declare the query parameters a public page reads (a form class stands for its
    fields). The page cache keys the page by these alone and hands the view these
    alone, so ``?x=<anything>`` is the same page as without it, served from the same
    stored copy: a visitor cannot make the server build a page per made-up address.
    A page that declares none reads none."""
    names: set[str] = set()
    for item in names_or_forms:
        names |= set(item.base_fields) if isinstance(item, type) else {item}

    def decorate(view):
        view.page_cache_params = frozenset(names)
        return view

    return decorate


#: At most this many values of one parameter are kept (a list filter's choices).
MAX_VALUES_PER_PARAM = 20


def never_stored(view):
    """Mark a public view whose pages are never stored (it sends them ``never_cache``,
    as search does): the page cache does not look them up, nor hold other requests
    for the same page waiting for one to be built, which would only make each wait
    for another's render before rendering its own. What one visitor may have built
    (``PACE_PAGE_CACHE_BUILDS_PER_MINUTE``) still counts them."""
    view.page_cache_never_stores = True
    return view


@lru_cache(maxsize=1024)
def _view_at(urlconf: str, path: str):
    """The view at ``path``, or None: resolved once for each address (of the last
    thousand asked for) rather than on every hit, where it was a tenth of the work
    besides the versions' round trip for an address deep in the URLs."""
    try:
        return resolve(path, urlconf).func
    except Resolver404:
        return None


def keep_declared_params(request):
    """Leave on ``request`` only the query parameters its view declares
    (``cache_params``), in a fixed order, so the page and its key depend on nothing
    else; the view, or None for an address none answers."""
    view = _view_at(get_urlconf() or settings.ROOT_URLCONF, request.path_info)
    declared = getattr(view, "page_cache_params", frozenset())
    kept = QueryDict(mutable=True)
    for name in sorted(declared):
        values = request.GET.getlist(name)
        if values:
            kept.setlist(name, values[:MAX_VALUES_PER_PARAM])
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()
    return view


def page_key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{timezone.localdate().isoformat()}:{digest}"


def accepts_gzip(request) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def _compressible(response) -> bool:
    content_type = response.get("Content-Type", "").lower()
    return (
        len(response.content) >= COMPRESS_MIN_BYTES
        and not response.has_header("Content-Encoding")
        and content_type.startswith(COMPRESSIBLE_TYPES)
    )


class NearCopies:
    """Stored pages this process served last, by key, up to ``limit`` bytes in all;
    the least recently used go first. Safe to share between a process's threads."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._pages: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self._lock:
            stored = self._pages.get(key)
            if stored is not None:
                self._pages.move_to_end(key)
            return stored

    def put(self, key: str, stored: dict) -> None:
        size = len(stored["content"])
        if size > self.limit:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self.size -= len(old["content"])
            self._pages[key] = stored
            self.size += size
            while self.size > self.limit:
                _, dropped = self._pages.popitem(last=False)
                self.size -= len(dropped["content"])

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self.size = 0


class PublicPageCacheMiddleware:
    """Serves and stores public pages for anonymous visitors (see the module's
    docstring). Adds ``X-Cache: hit`` or ``miss`` to the pages it looks up."""

    #: This process's near copies of stored pages (shared by its threads).
    near = NearCopies(limit=settings.PACE_PAGE_CACHE_LOCAL_BYTES)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PACE_PAGE_CACHE_SECONDS
        if seconds <= 0 or not _cacheable_request(request):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # answered "Bad request" by Django itself
        view = keep_declared_params(request)
        store = page_cache()
        if getattr(view, "page_cache_never_stores", False):
            if not self._within_budget(store, request):
                return self._too_many(request)
            return self.get_response(request)
        try:
            key, stored = self._lookup(store, request)
        except NoVersion as reason:
            logger.warning("No data version (%s): rendering, and storing nothing", reason)
            return self.get_response(request)
        except Exception:
            logger.warning("The page cache cannot be reached; rendering", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            return self._from_store(request, stored)
        building = self._claim(store, key)
        if not building:
            stored = self._wait_for(store, key)
            if stored is not None:
                self.near.put(key, stored)
                return self._from_store(request, stored)
        if not self._within_budget(store, request):
            if building:
                self._release(store, key)
            return self._too_many(request)
        try:
            try:
                snapshot = versions.snapshot(store)
            except Exception:
                logger.warning("The page cache cannot be reached; rendering", exc_info=True)
                return self.get_response(request)
            with versions.reading(snapshot) as tables:
                response = self.get_response(request)
            if _storable(request, response):
                stored = self._freeze(response)
                stored["stamp"] = versions.stamp(snapshot, tables)
                try:
                    store.set(key, stored, seconds)
                except Exception:
                    logger.warning("Could not store a page in the cache", exc_info=True)
                else:
                    self.near.put(key, stored)
                if stored["gzip"]:
                    patch_vary_headers(response, ["Accept-Encoding"])
                if settings.PACE_PAGE_CACHE_STATUS_HEADER:
                    response["X-Cache"] = "miss"
        finally:
            if building:
                self._release(store, key)
        return response

    # --- What one visitor may make the servers build -----------------------------

    @staticmethod
    def _too_many(request):
        response = render(request, "429.html", status=429)
        response["Retry-After"] = "60"
        return response

    @staticmethod
    def _within_budget(store, request) -> bool:
        """Whether the visitor may have one more page built this minute
        (``PACE_PAGE_CACHE_BUILDS_PER_MINUTE``); counted in the shared cache, so the
        budget is for all the servers together."""
        minute = int(time.time() // 60)
        key = f"builds:{client_address(request)}:{minute}"
        try:
            store.add(key, 0, 120)
            built = store.incr(key)
        except Exception:
            return True  # the cache is unreachable: every page is rendered anyway
        return built <= settings.PACE_PAGE_CACHE_BUILDS_PER_MINUTE

    # --- One build at a time ------------------------------------------------------
    #
    # Right after a change every page misses at once, on every server: when cabinet
    # papers go out, the same 3 MB export or 1,000-body report would be built by
    # every worker that is asked for it. The first request for a page claims it
    # (``cache.add``, atomic in Redis); the others wait for the page it stores,
    # and render it themselves only if it does not come (the build failed, was not
    # storable, or took longer than ``PACE_PAGE_CACHE_WAIT_SECONDS``).

    @staticmethod
    def _claim(store, key: str) -> bool:
        try:
            return bool(store.add(f"{key}:building", 1, settings.PACE_PAGE_CACHE_BUILD_SECONDS))
        except Exception:
            return True  # the cache is unreachable: render, as without it

    @staticmethod
    def _release(store, key: str) -> None:
        try:
            store.delete(f"{key}:building")
        except Exception:
            logger.warning("Could not release a page being built", exc_info=True)

    @staticmethod
    def _wait_for(store, key: str) -> dict | None:
        """The page another request is building, once stored; ``None`` if that
        request gave up or the wait ran out."""
        deadline = time.monotonic() + settings.PACE_PAGE_CACHE_WAIT_SECONDS
        lock = f"{key}:building"
        while time.monotonic() < deadline:
            time.sleep(WAIT_POLL_SECONDS)
            try:
                found = store.get_many([key, lock])
                if key in found and versions.holds(store, found[key]["stamp"]):
                    return found[key]
            except Exception:
                return None
            if lock not in found:
                return None  # built but not stored (an error, a cookie): render here
        return None

    def _lookup(self, store, request) -> tuple[str, dict | None]:
        """The page's key, and the page stored under it if nothing it was made from
        has changed since: one round trip for a near copy, two otherwise."""
        if _unbumped.is_set() and not bump_data_version():
            raise NoVersion("a change has not been counted yet")
        key = page_key(request)
        near = self.near.get(key)
        if near is not None and versions.holds(store, near["stamp"]):
            return key, near
        stored = store.get(key)
        if (
            stored is None
            or (near is not None and stored["stamp"] == near["stamp"])
            or not versions.holds(store, stored["stamp"])
        ):
            return key, None
        self.near.put(key, stored)
        return key, stored

    @staticmethod
    def _freeze(response) -> dict:
        compress = _compressible(response)
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if not (compress and name.lower() == "content-length")
        ]
        return {
            "content": gzip.compress(response.content, compresslevel=6, mtime=0)
            if compress
            else response.content,
            "gzip": compress,
            "headers": headers,
            "etag": response.get("ETag"),
        }

    @staticmethod
    def _from_store(request, stored: dict):
        etag = stored["etag"]
        if not stored.get("gzip"):
            response = HttpResponse(stored["content"])
        elif accepts_gzip(request):
            response = HttpResponse(stored["content"])
            response["Content-Encoding"] = "gzip"
            # Another representation of the same page: a weak validator (RFC 9110
            # 8.8.1), which a matching If-None-Match still turns into a 304.
            if etag and etag.startswith('"'):
                etag = f"W/{etag}"
        else:
            response = HttpResponse(gzip.decompress(stored["content"]))
        for name, value in stored["headers"]:
            response.headers[name] = value
        if stored.get("gzip"):
            response["Content-Length"] = str(len(response.content))
            patch_vary_headers(response, ["Accept-Encoding"])
        if etag:
            response["ETag"] = etag
        if settings.PACE_PAGE_CACHE_STATUS_HEADER:
            response["X-Cache"] = "hit"
        return get_conditional_response(request, etag=etag, response=response)
