"""Which records a cached page was made from, and whether they have changed since.

Every table of the partnership's records has a *version* in the shared cache (Redis
in production, so every app server sees the same): a number that a committed write
to the table replaces with one never used before (``pace.core.writes``). While a
page or a part of one is built, the tables its queries read are noted from the SQL
itself (``reading``); what is kept carries a *stamp*, the versions of those tables
as they were read just before the build began (``snapshot``). It is served again
only while every one of them still ``holds``. A progress update then leaves the
meetings, the grants and the consultations kept, and makes stale only what shows
an action.

Two versions stand above the tables. ``EVERYTHING`` changes with every committed
write (what depends on all the records at once, such as the example data's
snapshot test, reads it). ``ANY`` is in every stamp and changes with a write whose
table cannot be read off its SQL, with a change to the schema, and whenever a change
cannot be counted: its key is then removed, so nothing kept before it holds.

The versions are read before the build and the writes commit before their versions
change, so a stamp can only be older than what was read, never newer: the worst a
race costs is a page built again for nothing."""

import random
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache, lru_cache

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

#: Changes with every committed write to the records.
EVERYTHING = "data-version"
#: In every stamp: changes with a write whose target could not be read, a change to
#: the schema, and is removed when a change cannot be counted.
ANY = "data-version:*"
_TABLE = "data-version:"
#: Where a connection keeps the builds noting what they read: (tables, snapshot).
_READING = "_pace_reading"
_WORD = re.compile(r"\w+")


class NoVersion(Exception):
    """There is no version and none can be made: nothing may be served from the
    cache, nor stored in it, until there is."""


def fresh() -> int:
    """A version never used before, on any server (should a number be lost, evicted
    or the cache restarted, an old stamp can never match its successor)."""
    return time.time_ns() * 1000 + random.randrange(1000)  # noqa: S311 (not a secret)


def table_key(table: str) -> str:
    return f"{_TABLE}{table}"


@cache
def table_apps() -> dict[str, str]:
    """The label of the app that holds each table."""
    return {
        model._meta.db_table: config.label
        for config in apps.get_app_configs()
        for model in config.get_models(include_auto_created=True)
    }


@cache
def permission_tables() -> frozenset[str]:
    """The tables of who holds which permission, in their own name or through a
    group: what an officer may see is read from them (``BodyAccess.scope``), so
    they are watched though auth holds no partnership record."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model()
    return frozenset(
        relation.through._meta.db_table
        for relation in (user.user_permissions, user.groups, Group.permissions)
    )


@cache
def watched_beyond_the_records() -> frozenset[str]:
    """The tables outside the records' apps that are watched as theirs are: who holds
    which permission, and those of ``PACE_WATCHED_MODELS``."""
    models = (apps.get_model(label) for label in settings.PACE_WATCHED_MODELS)
    return permission_tables() | frozenset(model._meta.db_table for model in models)


@cache
def unwatched_tables() -> frozenset[str]:
    """Every table of the apps that hold no partnership record, but those watched
    beyond the records."""
    watched = set(settings.PACE_DATA_APPS)
    return frozenset(
        table
        for table, app in table_apps().items()
        if app not in watched and table not in watched_beyond_the_records()
    )


@cache
def watched_tables() -> frozenset[str]:
    """Every table of the partnership's records."""
    return frozenset(table for table in table_apps() if table not in unwatched_tables())


@lru_cache(maxsize=4096)
def tables_in(sql: str) -> frozenset[str]:
    """The tables of the records that ``sql`` names (a word of it that is a table's
    name: Django quotes each, raw SQL may not; a column of the same name as a table
    only makes a page go stale more often)."""
    return frozenset(_WORD.findall(sql)) & watched_tables()


# --- Changing versions ------------------------------------------------------------


def move(store, tables: Iterable[str] | None) -> None:
    """Give ``tables`` (every table, when ``None``) versions never used before, in
    one round trip. Raises what the cache raises, or ``NoVersion`` when it refused."""
    token = fresh()
    changed = {EVERYTHING: token}
    if tables is None:
        changed[ANY] = token
    else:
        changed.update((table_key(table), token) for table in tables)
    refused = store.set_many(changed, timeout=None)
    if refused:
        raise NoVersion(f"the cache refused {', '.join(refused)}")


def forget(store) -> None:
    """Make nothing kept hold any more, when a change could not be counted: removing
    a key works even in a cache that is full."""
    store.delete_many([ANY, EVERYTHING])


# --- Reading them ------------------------------------------------------------------


def current(store, keys: list[str]) -> dict[str, int]:
    """The versions under ``keys``, each made afresh where there is none;
    ``NoVersion`` when one can be neither read nor made."""
    found = store.get_many(keys)
    missing = {key: fresh() for key in keys if key not in found}
    if missing:
        # In one round trip (after Redis restarts, every table's is missing). Any new
        # value will do, so one a writer set meanwhile may be overwritten: a stamp
        # taken with it then merely fails to hold.
        if store.set_many(missing, timeout=None):
            raise NoVersion("the cache holds no version and took none")
        found.update(missing)
    return found


def snapshot(store) -> dict[str, int]:
    """Every table's version as it is now, taken before a build reads anything (a
    build within another shares the outer one's, which is older, so safe)."""
    building = getattr(connections[DEFAULT_DB_ALIAS], _READING, None)
    if building:
        return building[0][1]
    return current(store, [ANY, *(table_key(table) for table in sorted(watched_tables()))])


def stamp(snapshot: dict[str, int], tables: Iterable[str]) -> dict[str, int]:
    """What a build that read ``tables`` was made from."""
    keys = [ANY, *(table_key(table) for table in tables)]
    return {key: snapshot[key] for key in keys}


def holds(store, stamp: dict[str, int]) -> bool:
    """Whether nothing a build read has changed since ``stamp`` (one round trip)."""
    return store.get_many(list(stamp)) == stamp


def tables_of(stamp: dict[str, int]) -> list[str]:
    return [key[len(_TABLE) :] for key in stamp if key != ANY]


# --- Noting what a build reads -------------------------------------------------------


@contextmanager
def reading(snapshot: dict[str, int]) -> Iterator[set[str]]:
    """Within: the tables of the records read on the default connection are added to
    the set it gives, and to those of the builds around it."""
    stack = connections[DEFAULT_DB_ALIAS].__dict__.setdefault(_READING, [])
    tables: set[str] = set()
    stack.append((tables, snapshot))
    try:
        yield tables
    finally:
        stack.pop()


def note_read(connection, tables: Iterable[str]) -> None:
    """``tables`` were read on ``connection``: every build under way there depends
    on them (a part of a page found kept counts as reading what it was made from)."""
    building = getattr(connection, _READING, None)
    if building:
        for noted, _ in building:
            noted.update(tables)


def note_sql_read(connection, sql: str) -> None:
    """A statement that changes nothing ran on ``connection``."""
    if getattr(connection, _READING, None):
        note_read(connection, tables_in(sql))
