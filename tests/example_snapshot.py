"""The example partnership for tests, loaded for real once per test process and
restored from a snapshot after that.

``manage.py load_example_data`` takes 20-45 s, and some forty tests need only "the
example is loaded": loading it for each of them was most of the suite's time. The
first ``load_example()`` for a key runs the real command, then keeps every row of
every table and the files it wrote under ``MEDIA_ROOT``; later calls put those back
in one transaction, in well under a second.

The key is what the loaded data depends on: the day (the example is generated from
it), the demonstration logins, the database, and the rows the database held
before the load (a fresh test database holds the rows its migrations made, one a
transactional test has flushed does not; a test that makes rows of its own first
gets a real load). The restore replaces every row, content types and permissions
included, so every foreign key matches; then it moves PostgreSQL's sequences past
the restored ids and clears the content type cache. Writes it makes are seen by
``pace.core.writes`` as the loader's are, so the cached pages' data version moves
the same way. Cache entries the loader leaves besides (the hourly limits of its
invented residents, each under a new random name) concern no test.

The tests of the loader itself (tests/exampledata/) call the real command.
tests/test_example_snapshot.py shows a restore is the load: every row, every file.
"""

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass(frozen=True)
class Snapshot:
    #: table -> (its column names, its rows)
    tables: dict[str, tuple[tuple[str, ...], list[tuple]]]
    #: path under MEDIA_ROOT -> content
    files: dict[str, bytes]


_snapshots: dict[tuple, Snapshot] = {}


def load_example(*, demo_logins: bool = False) -> None:
    """The example partnership, as ``manage.py load_example_data`` loads it
    (with ``--demo-logins`` if asked). Call it before making rows of your own."""
    key = (datetime.date.today(), demo_logins, connection.vendor, _row_counts())
    if key in _snapshots:
        restore(_snapshots[key])
        return
    files_before = _media_files().keys()
    options = ["--demo-logins"] if demo_logins else []
    call_command("load_example_data", *options, stdout=io.StringIO())
    snapshot = capture()
    for path in files_before:
        del snapshot.files[path]
    _snapshots[key] = snapshot


def capture() -> Snapshot:
    """Every row of every table, and every file under ``MEDIA_ROOT``."""
    tables = {}
    with connection.cursor() as cursor:
        for table in _tables(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = tuple(column[0] for column in cursor.description)
            tables[table] = (columns, cursor.fetchall())
    return Snapshot(tables=tables, files=_media_files())


def restore(snapshot: Snapshot) -> None:
    """Make the database hold the snapshot's rows and nothing else, and write its
    files under ``MEDIA_ROOT``."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL will not TRUNCATE a table with foreign key checks pending.
            connection.check_constraints()
        for sql in connection.ops.sql_flush(no_style(), _tables(cursor)):
            cursor.execute(sql)
        # Foreign keys are checked at the end (Django makes them DEFERRABLE INITIALLY
        # DEFERRED on SQLite and PostgreSQL), so the tables' order does not matter.
        for table, (columns, rows) in snapshot.tables.items():
            if rows:
                names = ", ".join(quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)
        if connection.vendor == "postgresql":
            # Past the restored ids (SQLite's AUTOINCREMENT moves past them itself).
            for table in snapshot.tables:
                for sequence in connection.introspection.get_sequences(cursor, table):
                    column = quote(sequence["column"])
                    cursor.execute(
                        f"SELECT setval(%s, COALESCE(MAX({column}), 1), MAX({column}) IS NOT NULL) "
                        f"FROM {quote(table)}",
                        [sequence["name"]],
                    )
        # Checked now: in a test the transaction's end may be a rollback.
        connection.check_constraints()
    ContentType.objects.clear_cache()
    media = Path(settings.MEDIA_ROOT)
    for path, content in snapshot.files.items():
        (media / path).parent.mkdir(parents=True, exist_ok=True)
        (media / path).write_bytes(content)


def _tables(cursor) -> list[str]:
    """Every table: the models' and any other (``table_names`` leaves out views
    and SQLite's own)."""
    return connection.introspection.table_names(cursor)


def _row_counts() -> tuple[tuple[str, int], ...]:
    with connection.cursor() as cursor:
        counts = []
        for table in _tables(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts.append((table, cursor.fetchone()[0]))
    return tuple(counts)


def _media_files() -> dict[str, bytes]:
    media = Path(settings.MEDIA_ROOT)
    paths = [path for path in media.rglob("*") if path.is_file()] if media.exists() else []
    return {str(path.relative_to(media)): path.read_bytes() for path in sorted(paths)}
