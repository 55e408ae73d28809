"""Restore a backup made by ``pace_backup`` into an empty database:
``DATABASE_URL=postgres://.../pace_new manage.py pace_restore pace.jsonl.gz``.

The database is migrated first if it needs it; one that already holds users or
PACE records is refused, so nothing is overwritten."""

from django.core.management.base import BaseCommand

from pace.core.backup import restore


class Command(BaseCommand):
    help = "Load a pace_backup file into an empty database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="a file written by pace_backup")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file: str, database: str, **options) -> None:
        counts = restore(file, database=database)
        total = sum(counts.values())
        self.stdout.write(f"Restored {total} rows of {len(counts)} tables from {file}.")
