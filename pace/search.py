"""Site search across the public record.

Each kind of record is a ``Source``: the public queryset it may search (built from
the same selectors as the public pages, so search can never show more than they
do), the fields to match and how to show a hit. On PostgreSQL the match is
full-text (English stemming, ranked); elsewhere every word must appear in one of
the fields. Search shows only what an anonymous visitor may see, whoever asks:
members find their private records on their dashboards, not here.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

MAX_QUERY_LENGTH = 200
PER_SOURCE = 20


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    summary: str


@dataclass(frozen=True)
class Source:
    kind: str
    queryset: Callable[[], QuerySet]
    fields: tuple[str, ...]
    hit: Callable[[object], Hit]


_sources: list[Source] = []


def register(source: Source) -> Source:
    _sources.append(source)
    return source


def clean_query(text: str | None) -> str:
    """Printable text, single-spaced, at most 200 characters."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _match(queryset: QuerySet, fields: tuple[str, ...], query: str) -> QuerySet:
    if connection.vendor == "postgresql":
        vector = SearchVector(*fields, config="english")
        search = SearchQuery(query, search_type="websearch", config="english")
        # Match with @@ and rank only the matches: ts_rank gives a row without the
        # words a small positive rank, so filtering on the rank let everything
        # through for a query of several words.
        return (
            queryset.alias(document=vector)
            .filter(document=search)
            .annotate(rank=SearchRank(vector, search))
            .order_by("-rank", "pk")
        )
    condition = Q()
    for word in query.split():
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return queryset.filter(condition).order_by("pk")


def search(query: str) -> list[tuple[str, list[Hit]]]:
    """Hits grouped by kind, one query per kind of record."""
    query = clean_query(query)
    if not query:
        return []
    results = []
    for source in _sources:
        rows = list(_match(source.queryset(), source.fields, query)[:PER_SOURCE])
        if rows:
            results.append((source.kind, [source.hit(row) for row in rows]))
    return results
