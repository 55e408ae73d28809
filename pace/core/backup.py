"""Backup and restore of everything PACE holds (``manage.py pace_backup`` and
``manage.py pace_restore``).

A backup is one JSON Lines file, a row a line (compressed when its name ends
``.jsonl.gz``): Django's own serialisation of every table of the PACE apps with
their audit history, the users, groups and their permissions, guardian's object
permissions and the admin's log. Content types and permissions are not in it:
``migrate`` makes them in the new database, where their ids may differ, so every
reference to them is written by its natural key (``app_label``, ``model``,
``codename``) and found again on restore. Everything else keeps its id, so links
between records, and the history rows that point at records, survive as they were.
The tree of bodies keeps its MPTT fields exactly (records are loaded raw, without
django-mptt recomputing them).

Left out on purpose: sessions (everyone signs in again) and django-axes' records of
sign-in attempts, both short-lived.
"""

import datetime
import gzip
import json
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from pace.core.backup_layout import upgrade
from pace.core.history import history_as_loaded

#: Models of ``backup_apps()`` a backup leaves out.
EXCLUDED = ("auth.permission",)
#: Rows a new database already has after ``migrate``: a data migration's audiences
#: and, from the post_migrate hook, the officers' group. They are replaced by the
#: backup's own.
SEEDED = ("consultations.audience", "auth.group")


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but keeping times to the microsecond: Django's own cuts
    them to milliseconds (for JavaScript), which would change every timestamp that
    a backup round trip should keep as it was."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def backup_apps() -> tuple[str, ...]:
    """Users, groups, object permissions, the admin's log and the PACE apps."""
    return ("auth", "admin", "guardian", *settings.PACE_DATA_APPS)


def backed_up_models() -> list:
    excluded = {label.lower() for label in EXCLUDED}
    return [
        model
        for app in backup_apps()
        for model in apps.get_app_config(app).get_models()
        if model._meta.label_lower not in excluded and not model._meta.proxy
    ]


def backup(path: str | Path, *, database: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Write everything to ``path`` and return the number of rows of each model.

    One row a line (JSON Lines), written as it is read, so neither the backup nor
    the restore holds the whole partnership in memory; and all of it read in one
    transaction that sees the database as it was when the backup began, whatever is
    written meanwhile. On PostgreSQL that takes ``REPEATABLE READ`` (under the
    default ``READ COMMITTED`` each query sees its own moment, and a row written
    between two tables' reads could be saved without a row it refers to); SQLite's
    transactions (``IMMEDIATE`` here) hold writers off until the backup is done."""
    path = Path(path)
    if not (path.name.endswith(".jsonl") or path.name.endswith(".jsonl.gz")):
        raise CommandError("Name the backup file something.jsonl or something.jsonl.gz.")
    chosen = set(backed_up_models())
    ordered = serializers.sort_dependencies(
        [(apps.get_app_config(app), None) for app in backup_apps()], allow_cycles=True
    )

    def rows():
        for model in ordered:
            if model in chosen:
                manager = model._base_manager.using(database)
                yield from manager.order_by(model._meta.pk.name).iterator(chunk_size=2000)

    opener = gzip.open if path.name.endswith(".gz") else open
    connection = connections[database]
    # Inside a caller's transaction (a test's) the isolation is the caller's to set.
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=database), opener(path, "wt", encoding="utf-8") as stream:
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        serializers.serialize(
            "jsonl",
            rows(),
            stream=stream,
            use_natural_foreign_keys=True,
            cls=ExactJSONEncoder,
        )
        return _counts(database)


def _counts(database: str) -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.using(database).count()
        for model in backed_up_models()
    }


def _not_empty(database: str) -> list[str]:
    """What the database holds beyond what ``migrate`` puts in a new one."""
    seeded = set(SEEDED)
    found = []
    for model in backed_up_models():
        if model._meta.label_lower in seeded:
            continue
        counted = model._meta.app_label in settings.PACE_DATA_APPS or model is get_user_model()
        if counted and model._base_manager.using(database).exists():
            found.append(str(model._meta.verbose_name_plural))
    return found


@contextmanager
def _in_todays_layout(path: Path):
    """The backup at ``path`` as loaddata should read it. A backup in JSON Lines
    (what ``backup`` writes) is read as it is, a line at a time. One written before
    (a single JSON array, ``.json``) was taken before models moved between apps, so
    it is rewritten into today's layout (``backup_layout``), in memory: such files
    come from small partnerships only."""
    if path.name.endswith((".jsonl", ".jsonl.gz")):
        yield path
        return
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as stream:
        objects = json.load(stream)
    with tempfile.TemporaryDirectory() as folder:
        loadable = Path(folder) / "backup.json"
        with open(loadable, "w", encoding="utf-8") as stream:
            json.dump(upgrade(objects), stream)
        yield loadable


def restore(path: str | Path, *, database: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Load the backup at ``path`` into an empty database (migrating it first if
    it needs it). A database that already holds users or PACE records is refused:
    nothing is overwritten."""
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"There is no backup file at {path}.")
    connection = connections[database]
    if MigrationExecutor(connection).migration_plan(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    ):
        call_command("migrate", database=database, interactive=False, verbosity=0)
    found = _not_empty(database)
    if found:
        raise CommandError(
            "The database is not empty (it has "
            + ", ".join(found[:5])
            + "). Restore into a new database: create it, then run pace_restore."
        )
    with transaction.atomic(using=database):
        for label in SEEDED:
            model = apps.get_model(label)
            if model is apps.get_model("auth.group"):
                model.permissions.through._base_manager.using(database).all().delete()
            model._base_manager.using(database).all().delete()
            if hasattr(model, "history"):
                # The delete just recorded itself; the backup brings the real history.
                model.history.using(database).all().delete()
        with history_as_loaded(), _in_todays_layout(path) as loadable:
            call_command("loaddata", str(loadable), database=database, verbosity=0)
    # Content types cached before the load may carry the old ids.
    ContentType.objects.clear_cache()
    return _counts(database)
