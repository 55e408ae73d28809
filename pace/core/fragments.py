"""The costly parts of a page kept in the shared cache, for signed-in readers too.

The page cache (``pace.core.cache``) serves only anonymous visitors, so a board member
or an officer would pay for every roll-up of thousands of actions on every page they
open. The parts of a page that are the same for everyone who may see the same
records (a priority's roll-up, a body's quarter-by-quarter ratings, the totals of
the grants) are kept here instead, and the personal parts of the page are rendered
around them as before.

**Who may be shown a part.** Its key carries the reader's *scope*: what they may
see, such as ``"public"`` or the bodies whose private records they see
(``partnerships.access.BodyAccess.scope``). A part built for a member who sees
their body's private actions is never shown to anyone whose scope differs, so it
can never count a private action to someone who may not see it.

**When a part goes stale.** A part carries the versions of the tables it was built
from (``pace.core.versions``), and its key the day; a change to any of those
tables, committed through any app server, makes the next page build the part
afresh, while changes to other tables leave it kept. A part found kept counts, for
the page around it, as reading what it was made from. A part is read and built only
outside a transaction that has changed records and not yet committed: what such a
transaction sees may yet be rolled back, and what it has not committed must not be
kept under the versions before it.

``PACE_FRAGMENT_CACHE_SECONDS`` (0 turns it off: everything is built every time, as
the tests that pin query counts expect) bounds how long a part is kept.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import versions
from .cache import NoVersion, page_cache
from .writes import has_uncommitted_writes

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Stands for "nothing kept under this key": a part may itself be ``None``.
_MISSING = object()


def _uncommitted_changes() -> bool:
    return has_uncommitted_writes(connection)


def fragment_key(name: str, *, scope: str, key: Iterable = ()) -> str:
    """The cache key of part ``name`` for readers of ``scope``, identified by
    ``key`` (the records it shows and the choices that shape it)."""
    parts = "\x1f".join(str(part) for part in (scope, *key))
    digest = hashlib.sha256(parts.encode()).hexdigest()
    return f"fragment:{timezone.localdate().isoformat()}:{name}:{digest}"


class Reader(Protocol):
    #: What the reader may see, as a word of a cache key.
    scope: str


class _Everyone:
    scope = "public"


#: The reader of a part that shows only what is public, whoever reads the page.
EVERYONE: Reader = _Everyone()


#: What ``look_up`` finds when nothing is kept under the key.
MISSING = _MISSING


def look_up(
    name: str, *, reader: Reader, key: Iterable = (), seconds: int | None = None
) -> tuple[str | None, object]:
    """The cache key of part ``name`` for ``reader`` and ``key``, and what is kept
    under it if nothing it was made from has changed since (``MISSING`` if not). The
    cache key is ``None`` when nothing may be kept now: the cache is off or cannot be
    reached, or this transaction has changed records it has not committed.
    ``seconds`` (by default ``PACE_FRAGMENT_CACHE_SECONDS``) at 0 keeps nothing."""
    if seconds is None:
        seconds = settings.PACE_FRAGMENT_CACHE_SECONDS
    if seconds <= 0 or _uncommitted_changes():
        return None, _MISSING
    try:
        store = page_cache()
        cache_key = fragment_key(name, scope=reader.scope, key=key)
        kept = store.get(cache_key)
        if kept is None or not versions.holds(store, kept["stamp"]):
            return cache_key, _MISSING
    except Exception:
        logger.exception("Could not read a part of a page from the cache")
        return None, _MISSING
    versions.note_read(connection, versions.tables_of(kept["stamp"]))
    return cache_key, kept["value"]


@contextmanager
def keeping(
    cache_key: str | None, seconds: int | None = None
) -> Iterator[Callable[[object], None]]:
    """Build a part within: what it reads is noted, and the ``keep(value)`` given
    keeps it under a key ``look_up`` gave, with the versions of the tables read so
    far (taken before the build began), ``seconds`` at most (by default
    ``PACE_FRAGMENT_CACHE_SECONDS``). With no key, or no versions to be had,
    ``keep`` keeps nothing."""
    if seconds is None:
        seconds = settings.PACE_FRAGMENT_CACHE_SECONDS
    store = page_cache()
    try:
        snapshot = None if cache_key is None else versions.snapshot(store)
    except NoVersion:
        snapshot = None
    except Exception:
        logger.exception("Could not read the versions of the records")
        snapshot = None
    if snapshot is None:
        yield lambda value: None
        return
    with versions.reading(snapshot) as tables:

        def keep(value) -> None:
            try:
                store.set(
                    cache_key,
                    {"value": value, "stamp": versions.stamp(snapshot, tables)},
                    timeout=seconds,
                )
            except Exception:
                logger.exception("Could not keep a part of a page in the cache")

        yield keep


def cached(name: str, *, reader: Reader, key: Iterable = (), build: Callable[[], T]) -> T:
    """``build()``, or what it gave the last time for the same ``name``, reader's
    scope and ``key`` while nothing it read has changed. ``build`` must read only
    what readers of that scope may see, and nothing personal to one of them. The
    scope is read only when the cache is on, so a page costs the same queries as
    without this when it is off. If the cache cannot be reached, the part is built as
    if it were off, and the failure logged."""
    cache_key, value = look_up(name, reader=reader, key=key)
    if value is not _MISSING:
        return value
    with keeping(cache_key) as keep:
        value = build()
        keep(value)
    return value
