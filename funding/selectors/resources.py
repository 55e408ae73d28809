"""Reads of partners' resource commitments: a fund's contributors (a pooled budget)
and the public list of who commits what, with its totals."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from strategy.models.plans import published_plan_q

from ..models import ResourceCommitment, ResourceKind


def commitments() -> QuerySet[ResourceCommitment]:
    """The commitments anyone may see, with what the pages show of them joined: those
    to a fund, and those to a published action plan (a draft plan is its body's own
    business until it is published)."""
    return ResourceCommitment.objects.filter(
        Q(fund__isnull=False) | published_plan_q("plan__")
    ).select_related("partner", "plan__body", "fund")


def fund_contributors(fund) -> list[ResourceCommitment]:
    """The partners' money in a fund, largest first."""
    return list(commitments().filter(fund=fund).order_by("-amount", "partner__name"))


def filtered_commitments(
    *, year: str | None = None, partner=None, kind: str | None = None
) -> QuerySet[ResourceCommitment]:
    lookups = {"financial_year": year, "partner": partner, "kind": kind}
    return commitments().filter(**{key: value for key, value in lookups.items() if value})


@dataclass(frozen=True)
class ResourceTotals:
    revenue: Decimal
    capital: Decimal
    staff_fte: Decimal
    partners: int
    count: int


def resource_totals(rows: QuerySet[ResourceCommitment]) -> ResourceTotals:
    """The totals of a list of commitments, in one query."""
    zero = Decimal("0")
    totals = rows.order_by().aggregate(
        revenue=Sum("amount", filter=Q(kind=ResourceKind.REVENUE)),
        capital=Sum("amount", filter=Q(kind=ResourceKind.CAPITAL)),
        staff_fte=Sum("staff_fte"),
        partners=Count("partner", distinct=True),
        count=Count("pk"),
    )
    return ResourceTotals(
        revenue=totals["revenue"] or zero,
        capital=totals["capital"] or zero,
        staff_fte=totals["staff_fte"] or zero,
        partners=totals["partners"],
        count=totals["count"],
    )
