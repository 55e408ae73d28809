"""A restored example (tests/example_snapshot.py) is the example loaded: every row of
every table (on PostgreSQL the search documents its trigger writes too), every file
under MEDIA_ROOT, the content types as the rows refer to them, and ids made
afterwards collide with none."""

import io
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connection

from pace.core.cache import data_version
from partnerships.models import Body, BodyKind, Organisation, Person

from . import example_snapshot
from .partnerships import factories as pf

pytestmark = pytest.mark.django_db(transaction=True)


def ordered(snapshot: example_snapshot.Snapshot) -> tuple[dict, dict]:
    """The snapshot's tables with their rows in one order, and its files."""
    tables = {
        table: (columns, sorted(rows, key=repr))
        for table, (columns, rows) in snapshot.tables.items()
    }
    return tables, snapshot.files


def ids(snapshot: example_snapshot.Snapshot, model) -> set[int]:
    columns, rows = snapshot.tables[model._meta.db_table]
    return {row[columns.index("id")] for row in rows}


def empty_with_other_ids() -> None:
    """Every table emptied and its ids started again, then the content types and
    permissions made again as a flush makes them, but with other ids: worse than a
    transactional test leaves the database (it keeps the sequences going)."""
    tables = connection.introspection.table_names()
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    )
    ContentType.objects.clear_cache()
    ContentType.objects.create(app_label="tests", model="shifts_the_ids")
    emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)


def test_a_restored_example_is_the_example_loaded_and_takes_new_ids_after(settings):
    call_command("load_example_data", "--demo-logins", stdout=io.StringIO())
    snapshot = example_snapshot.capture()
    assert any(path.endswith(".pdf") for path in snapshot.files)
    if connection.vendor == "postgresql":
        columns, rows = snapshot.tables[Body._meta.db_table]
        assert "pace_search" in columns and all(row[columns.index("pace_search")] for row in rows)
    body_type = ContentType.objects.get_for_model(Body).pk

    empty_with_other_ids()
    shutil.rmtree(settings.MEDIA_ROOT)
    # Cached by the process with the id it has now, which the restore must forget.
    assert ContentType.objects.get_for_model(Body).pk != body_type
    version = data_version()

    example_snapshot.restore(snapshot)

    assert ordered(example_snapshot.capture()) == ordered(snapshot)
    assert ContentType.objects.get_for_model(Body).pk == body_type
    # The cached pages go stale, as after a real load.
    assert data_version() != version

    # Ids made afterwards are new ones.
    made = {
        Body: pf.body(BodyKind.WORKING_GROUP, Body.objects.get(slug="congleton-area-board")),
        Person: pf.person(),
        Organisation: pf.organisation(),
        get_user_model(): get_user_model().objects.create_user(username="made.after"),
        ContentType: ContentType.objects.create(app_label="tests", model="made_after"),
        Permission: Permission.objects.create(
            codename="made_after", name="Made after", content_type=ContentType.objects.last()
        ),
    }
    for model, row in made.items():
        assert row.pk not in ids(snapshot, model), model
        assert row.pk > max(ids(snapshot, model)), model
