"""Back up everything PACE holds to one file: ``manage.py pace_backup pace.jsonl.gz``.

See ``pace/core/backup.py`` for what the file holds and how it restores."""

from django.core.management.base import BaseCommand

from pace.core.backup import backup


class Command(BaseCommand):
    help = "Write every PACE table, users, groups, permissions and history to a JSON Lines file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="where to write it: a name ending .jsonl or .jsonl.gz")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file: str, database: str, **options) -> None:
        counts = backup(file, database=database)
        total = sum(counts.values())
        self.stdout.write(f"Backed up {total} rows of {len(counts)} tables to {file}.")
