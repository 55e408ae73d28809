"""Grants broken down for the charts of ``/funding/``: by financial year and how
they were awarded, and by the body that decided them (an Area Board for its area's
grants). Each one query over the awards given, so the charts follow the filters."""

from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce

from ..models import GrantAward


def by_year_and_mechanism(awards: QuerySet[GrantAward]) -> dict[str, dict[str, Decimal]]:
    """Totals by financial year (oldest first), then by mechanism."""
    rows = (
        awards.order_by()
        .values("fund__financial_year", "fund__mechanism")
        .annotate(total=Sum("amount"))
        .order_by("fund__financial_year", "fund__mechanism")
    )
    result: dict[str, dict[str, Decimal]] = {}
    for row in rows:
        year = result.setdefault(row["fund__financial_year"], {})
        year[row["fund__mechanism"]] = row["total"]
    return result


def by_deciding_body(awards: QuerySet[GrantAward]) -> list[tuple[str, int, Decimal]]:
    """(body's name, grants, total) by the body that decided them, largest first: a
    participatory budgeting round's Area Board, otherwise the fund's deciding body."""
    rows = (
        awards.order_by()
        .annotate(
            decided_by_name=Coalesce(
                "budgeting_project__round__area_board__name", "fund__decided_by__name"
            )
        )
        .values("decided_by_name")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("-total", "decided_by_name")
    )
    return [(row["decided_by_name"] or "Not recorded", row["count"], row["total"]) for row in rows]
