"""Generate a large synthetic partnership for benchmarks (``pace.exampledata.scale_data``).

    manage.py make_scale_data --bodies 1000 --actions 20000 --updates 100000 \\
        --awards 5000 --meetings 2000
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from pace.exampledata.scale_data import Sizes, build
from partnerships.models import Body


class Command(BaseCommand):
    help = "Generate a large synthetic partnership (bulk inserts; for benchmarks)."

    def add_arguments(self, parser) -> None:
        defaults = Sizes()
        for name in ("bodies", "actions", "updates", "awards", "meetings"):
            parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
        parser.add_argument(
            "--prefix",
            default="scale",
            help="Starts every slug and name made, so that a second run can add more.",
        )
        parser.add_argument("--seed", type=int, default=2016)

    def handle(self, *args, prefix: str, seed: int, **options) -> None:
        sizes = Sizes(**{name: options[name] for name in Sizes.__dataclass_fields__})
        if any(value < 0 for value in vars(sizes).values()):
            raise CommandError("Sizes cannot be negative.")
        if sizes.bodies < 1:
            raise CommandError("Make at least one body.")
        if sizes.updates and not sizes.actions:
            raise CommandError("Progress updates need actions: give --actions too.")
        if Body.objects.filter(slug__startswith=f"{prefix}-").exists():
            raise CommandError(
                f"This database already has scale data with the prefix {prefix!r}: "
                "give another --prefix, or start from an empty database."
            )
        start = time.perf_counter()
        report = build(sizes, prefix=prefix, seed=seed)
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner, as after any bulk load: until
            # autovacuum comes round it plans for empty tables (nested loops over
            # thousands of rows).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - start
        for name, count in report.counts.items():
            self.stdout.write(f"{name:<24} {count:>8,}  {report.seconds[name]:6.1f} s")
        self.stdout.write(f"Made in {elapsed:.1f} s")
