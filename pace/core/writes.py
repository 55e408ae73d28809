"""Seeing every write to the partnership's records, in the SQL itself.

A database execute wrapper looks at each statement run on every connection, so the
cached pages go stale (``cache.bump_data_version``) however a change was made:
signals would miss ``QuerySet.update()`` (``latest_rag``), ``bulk_create()``,
django-mptt's tree shifts and rebuilds, many-to-many ``add()`` (SQLite's ``INSERT OR
IGNORE``) and raw SQL.

The test is the safe way round: a statement changes the records unless it is a
plain read (``SELECT``, transaction control, session settings), or a write whose
target is plainly one of the tables that hold no record (sessions, sign-in
attempts). Anything else, ``REPLACE``, ``WITH ... UPDATE``, ``TRUNCATE``, a statement
that opens with a comment, or a form not foreseen here, counts as a change: a page
made stale for nothing costs one render, a page that outlives a change misleads.
"""

import re
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import connections

from .cache import bump_data_version

#: Statements that change nothing (after any leading comments).
_READ = re.compile(
    r"(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|START\s+TRANSACTION|SET|SHOW|EXPLAIN"
    r"|PRAGMA)\b",
    re.IGNORECASE,
)
#: A write whose single target table can be read off its start.
_TARGET = re.compile(
    r"(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"
    r"[\"`]?(\w+)[\"`]?(?:\s|\(|$)",
    re.IGNORECASE,
)
_LEADING_COMMENTS = re.compile(r"\s*(?:--[^\n]*(?:\n|$)|/\*.*?\*/)*\s*", re.DOTALL)


@cache
def unwatched_tables() -> frozenset[str]:
    """Every table of the apps that hold no partnership record."""
    watched = set(settings.PACE_DATA_APPS)
    return frozenset(
        model._meta.db_table
        for config in apps.get_app_configs()
        if config.label not in watched
        for model in config.get_models(include_auto_created=True)
    )


def changes_records(sql: str) -> bool:
    """Whether running ``sql`` may change a partnership record."""
    head = sql[_LEADING_COMMENTS.match(sql).end() :]
    if _READ.match(head):
        return False
    target = _TARGET.match(head)
    return not (target and target.group(1) in unwatched_tables())


def data_changed(connection) -> None:
    """The data changed on ``connection``: bump the version now, or when the
    transaction commits (once however many writes it holds; nothing if it rolls
    back)."""
    if not connection.in_atomic_block:
        bump_data_version()
        return
    if any(entry[1] is bump_data_version for entry in connection.run_on_commit):
        return
    connection.on_commit(bump_data_version)


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper: runs the statement, then notes a change."""
    result = execute(sql, params, many, context)
    if changes_records(sql):
        data_changed(context["connection"])
    return result


def install_write_watcher(connection, **kwargs) -> None:
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def install_on_open_connections() -> None:
    for connection in connections.all(initialized_only=True):
        install_write_watcher(connection)
