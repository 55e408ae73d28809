"""How a set of actions was going over time, from the progress updates on record: a
selector the priority page and a body's page share, one query however many actions
and updates there are."""

import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .models import Action, ActionStatus, ProgressUpdate, Rag
from .selectors import Rollup

#: Quarter ends shown: the last two years.
QUARTERS = 8
#: More rows than any query holds (see ``rating_history``).
UNLIMITED = 2**62


def quarter_ends(on: datetime.date, count: int = QUARTERS) -> list[datetime.date]:
    """The ends of the ``count`` calendar quarters before the one ``on`` falls in,
    oldest first: quarters whose updates are all in."""
    ends = []
    year, month = on.year, on.month - (on.month - 1) % 3 - 1  # the month before this quarter
    if month == 0:
        year, month = year - 1, 12
    for _ in range(count):
        last_day = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(
            days=1
        )
        ends.append(last_day)
        month -= 3
        if month <= 0:
            year, month = year - 1, month + 12
    return ends[::-1]


def rating_history(
    actions: QuerySet[Action], *, on: datetime.date | None = None, quarters: int = QUARTERS
) -> list[tuple[datetime.date, Rollup]]:
    """For each quarter end, the actions of ``actions`` whose plan ran that day, by
    their latest rating on or before it (``unrated``: no update yet). Cancelled
    actions are left out, as the roll-ups leave them out. One query."""
    ends = quarter_ends(on or timezone.localdate(), quarters)
    rated = {
        f"rag_{i}": Subquery(
            ProgressUpdate.objects.filter(action=OuterRef("pk"), reported_on__lte=end)
            .order_by("-reported_on", "-pk")
            .values("rag")[:1]
        )
        for i, end in enumerate(ends)
    }
    counts = {}
    for i, end in enumerate(ends):
        running = Q(plan__starts_on__lte=end, plan__ends_on__gte=end)
        for rag in (Rag.RED, Rag.AMBER, Rag.GREEN):
            counts[f"{rag}_{i}"] = Count("pk", filter=running & Q(**{f"rag_{i}": rag}))
        counts[f"unrated_{i}"] = Count("pk", filter=running & Q(**{f"rag_{i}__isnull": True}))
    # Counted over a sliced query, which Django runs as a subquery with a LIMIT: a
    # LIMIT keeps PostgreSQL from pulling the subquery up into the counts, where
    # each quarter's rating was looked up once for each of its four counts (32 look-ups
    # an action; 1.7 s for a priority's 2,300 actions at county scale, 0.2 s with one
    # each). The limit itself is never reached.
    row = (
        actions.exclude(status=ActionStatus.CANCELLED)
        .order_by()
        .annotate(**rated)[:UNLIMITED]
        .aggregate(**counts)
    )
    return [
        (
            end,
            Rollup(
                red=row[f"red_{i}"] or 0,
                amber=row[f"amber_{i}"] or 0,
                green=row[f"green_{i}"] or 0,
                unrated=row[f"unrated_{i}"] or 0,
            ),
        )
        for i, end in enumerate(ends)
    ]
