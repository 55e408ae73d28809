from django.core.management.base import BaseCommand, CommandError

from pace.documents.registry import documents
from pace.documents.services import document_build_now


class Command(BaseCommand):
    help = (
        "Build the open-data documents now, in this process (the worker builds them "
        "whenever their data changes; this is for a new site or after a restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help=f"Some of: {', '.join(documents)}")

    def handle(self, *args, **options):
        names = options["names"]
        unknown = sorted(set(names) - set(documents))
        if unknown:
            raise CommandError(f"No such document: {', '.join(unknown)}.")
        for name in names or documents:
            stored = document_build_now(name)
            self.stdout.write(
                f"{name}: {stored.size:,} bytes ({stored.compressed_size:,} gzipped) "
                f"in {stored.build_seconds:.2f} s"
            )
