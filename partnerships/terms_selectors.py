"""Reads of the terms of reference, for the public pages and the officers' checks:
the core terms, each body's own, and the versions their history keeps."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Body, CoreTerms, TermsOfReference


@dataclass(frozen=True)
class TermsVersion:
    """One version of terms as adopted: the day it was adopted, the review date it
    set, and when it was last recorded."""

    adopted_on: datetime.date
    review_on: datetime.date | None
    recorded_at: datetime.datetime


def core_terms() -> CoreTerms | None:
    """The core terms every body inherits, if they are recorded (one query)."""
    return CoreTerms.objects.order_by("pk").first()


def body_terms(body: Body) -> TermsOfReference | None:
    """The body's own terms, if it has any (one query)."""
    return TermsOfReference.objects.filter(body=body).first()


def bodies_with_terms() -> QuerySet[TermsOfReference]:
    """Every body's own terms, with the body, in the order of the structure."""
    return TermsOfReference.objects.select_related("body").order_by("body__tree_id", "body__lft")


def terms_versions(terms: CoreTerms | TermsOfReference | None) -> list[TermsVersion]:
    """The versions of ``terms`` as adopted, the latest first: one for each adoption
    date in their history (a correction made without a new adoption date is part of
    the version it corrects). One query; none without terms."""
    if terms is None:
        return []
    review = "review_on" if isinstance(terms, TermsOfReference) else "agreement_review_on"
    rows = (
        terms.history.exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .values_list("adopted_on", review, "history_date")
    )
    versions: dict[datetime.date, TermsVersion] = {}
    for adopted_on, review_on, recorded_at in rows:
        if adopted_on not in versions:
            versions[adopted_on] = TermsVersion(adopted_on, review_on, recorded_at)
    return sorted(versions.values(), key=lambda v: v.adopted_on, reverse=True)
