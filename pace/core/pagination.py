"""Pages of long lists whose rows join other tables, and the first rows of a list
that says when there are more.

A page of an ordered queryset with its joins (``select_related``) makes the database
join every row before the page too, since ``OFFSET`` skips rows only after they are
made: on the scale data the last of a priority's 47 pages of actions took five times
as long as the first. ``page_by_key`` finds the page's keys from the bare table
first, then fetches those rows alone with their joins.
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def page_by_key(
    ordered: QuerySet, *, rows: QuerySet, number: str | int | None, per_page: int
) -> Page:
    """Page ``number`` of ``ordered`` (the rows to list, in order), as
    ``Paginator.get_page`` gives it: a number that is not one gives the first page,
    one past the end the last. Its ``object_list`` holds the rows from ``rows`` (the
    same model, with its joins) with those keys, in the order of ``ordered``; what
    may be seen is decided by ``ordered``, whose keys are the only ones fetched.
    Three queries: the count, the page's keys, and its rows (none for an empty
    page). A row deleted between the two is left out."""
    page = Paginator(ordered.values_list("pk", flat=True), per_page).get_page(number)
    keys = list(page.object_list)
    found = rows.in_bulk(keys)
    page.object_list = [found[key] for key in keys if key in found]
    return page


def first_rows(queryset: QuerySet, count: int) -> tuple[list, bool]:
    """The first ``count`` rows of ``queryset`` and whether there are more, in one
    query (one row more is read): for the short lists of a page that link to, or
    say they are not, the whole list."""
    rows = list(queryset[: count + 1])
    return rows[:count], len(rows) > count
