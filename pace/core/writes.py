"""Seeing every write to the partnership's records, in the SQL itself.

A database execute wrapper looks at each statement run on every connection, so the
cached pages made from a table go stale (``cache.bump_data_version``, the versions
of ``pace.core.versions``) however a change was made:
signals would miss ``QuerySet.update()`` (``latest_rag``), ``bulk_create()``,
django-mptt's tree shifts and rebuilds, many-to-many ``add()`` (SQLite's ``INSERT OR
IGNORE``) and raw SQL.

The test is the safe way round: a statement changes the records unless it is a
plain read (``SELECT``, one in parentheses, a ``WITH`` query that names no
data-modifying command, transaction control, session settings), or a write whose
target is plainly one of the tables that hold no record (sessions, sign-in
attempts). Anything else, ``REPLACE``, ``WITH ... UPDATE``, ``TRUNCATE``, a statement
that opens with a comment, or a form not foreseen here, counts as a change: a page
made stale for nothing costs one render, a page that outlives a change misleads.

The same wrapper notes the tables each read names, for the page being built
(``versions.reading``).

When the change commits, the versions of the tables written change, and
``records_committed`` is sent with the apps whose tables
were written (``"*"`` among them when a statement's target could not be read), so
that what is built from the records, such as the stored open-data documents
(``pace.documents``), is built again: once per transaction, after the commit, and
never for a transaction that rolled back.
"""

import re
from functools import partial

from django.db import connections
from django.dispatch import Signal

from . import versions
from .cache import bump_data_version
from .versions import table_apps, unwatched_tables

#: Sent after a change to the records commits: ``apps``, the frozenset of the labels
#: of the apps whose tables were written (``"*"`` for a statement whose target could
#: not be read, which may have written anything).
records_committed = Signal()
#: Where a connection keeps the apps written in its transaction until it commits.
_WRITTEN = "_pace_written_apps"
#: And the tables (``None`` once a write's table could not be read).
_WRITTEN_TABLES = "_pace_written_tables"

#: Statements that change nothing (after any leading comments), a query in
#: parentheses among them (``(SELECT ...) UNION ALL (SELECT ...)``, as search runs).
_READ = re.compile(
    r"(?:\(\s*)*(?:SELECT|VALUES|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|START\s+TRANSACTION"
    r"|SET|SHOW|EXPLAIN|PRAGMA)\b",
    re.IGNORECASE,
)
#: A query with common table expressions reads only, unless one of its words is one
#: of these (a column or a quoted name that happens to be one only costs a change
#: counted for nothing).
_WITH = re.compile(r"WITH\b", re.IGNORECASE)
_MODIFYING = re.compile(r"\b(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|CALL)\b", re.IGNORECASE)
#: Statements that change the schema rather than the records: cached pages still go
#: stale (a migration may move data too), but nothing built from the records is queued
#: for them (``CREATE DATABASE`` runs before the queue's table exists).
_SCHEMA = re.compile(r"(?:CREATE|DROP|ALTER|COMMENT|GRANT|REVOKE)\b", re.IGNORECASE)
SCHEMA = "schema"
#: A write whose single target table can be read off its start.
_TARGET = re.compile(
    r"(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"
    r"[\"`]?(\w+)[\"`]?(?:\s|\(|$)",
    re.IGNORECASE,
)
_LEADING_COMMENTS = re.compile(r"\s*(?:--[^\n]*(?:\n|$)|/\*.*?\*/)*\s*", re.DOTALL)


def written_table(sql: str) -> tuple[str, str | None] | None:
    """The label of the app whose records running ``sql`` may change, and its table:
    (``"*"``, None) when its target cannot be read off it; (``"schema"``, None) for a
    change to the schema, which only migrations and the making of databases run; None
    when it changes no record."""
    head = sql[_LEADING_COMMENTS.match(sql).end() :]
    if _READ.match(head) or (_WITH.match(head) and not _MODIFYING.search(head)):
        return None
    if _SCHEMA.match(head):
        return SCHEMA, None
    target = _TARGET.match(head)
    if target is None:
        return "*", None
    table = target.group(1)
    if table in unwatched_tables():
        return None
    app = table_apps().get(table)
    return (app, table) if app is not None else ("*", None)


def written_app(sql: str) -> str | None:
    """The label of the app whose records running ``sql`` may change (``"*"`` when
    its target cannot be read off it, ``"schema"`` for a change to the schema), or
    None when it changes no record."""
    written = written_table(sql)
    return None if written is None else written[0]


def changes_records(sql: str) -> bool:
    """Whether running ``sql`` may change a partnership record."""
    return written_app(sql) is not None


def _committed(connection) -> None:
    written = frozenset(getattr(connection, _WRITTEN, ()) or ("*",))
    tables = getattr(connection, _WRITTEN_TABLES, None)
    setattr(connection, _WRITTEN, set())
    setattr(connection, _WRITTEN_TABLES, set())
    everything = tables is None or not tables or "*" in written or SCHEMA in written
    bump_data_version(None if everything else tables)
    records_committed.send(sender=None, apps=written)


def has_uncommitted_writes(connection) -> bool:
    """Whether the transaction open on ``connection`` has changed records not yet
    committed (what it reads is then not what anyone else sees)."""
    return connection.in_atomic_block and bool(getattr(connection, _WRITTEN, None))


def data_changed(connection, app: str = "*", table: str | None = None) -> None:
    """The data of ``app`` changed on ``connection`` (in ``table``; in any table
    when None): bump the versions and say so now, or when the transaction commits
    (once however many writes it holds; nothing if it rolls back, though what it
    wrote is then counted with the next commit's, which costs a build for nothing
    and never misses one)."""
    tables = getattr(connection, _WRITTEN_TABLES, set())
    if tables is not None:
        tables = None if table is None else {*tables, table}
    setattr(connection, _WRITTEN_TABLES, tables)
    if not connection.in_atomic_block:
        setattr(connection, _WRITTEN, {*getattr(connection, _WRITTEN, ()), app})
        _committed(connection)
        return
    written = getattr(connection, _WRITTEN, None)
    if written is None:
        written = set()
        setattr(connection, _WRITTEN, written)
    # One hook a transaction: one is waiting while the apps are not yet said (it
    # empties them when it runs) and the transaction still holds it (a rollback drops
    # it).
    waiting = bool(written) and any(
        getattr(entry[1], "func", None) is _committed for entry in connection.run_on_commit
    )
    written.add(app)
    if not waiting:
        connection.on_commit(partial(_committed, connection))


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper: runs the statement, then notes a change, or the
    tables a read named."""
    result = execute(sql, params, many, context)
    written = written_table(sql)
    if written is not None:
        data_changed(context["connection"], *written)
    else:
        versions.note_sql_read(context["connection"], sql)
    return result


def install_write_watcher(connection, **kwargs) -> None:
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def install_on_open_connections() -> None:
    for connection in connections.all(initialized_only=True):
        install_write_watcher(connection)
