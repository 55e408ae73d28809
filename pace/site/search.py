"""Site search across the public record.

Each kind of record is a ``Source``: the public queryset it may search (built from
the same selectors as the public pages, so search can never show more than they
do), the fields to match and how to show a hit. On PostgreSQL the match is
full-text (English stemming, websearch syntax, ranked); elsewhere every word must
appear in one of the fields. Search shows only what an anonymous visitor may see,
whoever asks: members find their private records on their dashboards, not here.

On PostgreSQL each table's text is matched through a GIN index on the same
expression (pace/migrations/0001_search_indexes.py), so a search reads only the
rows that match and ranks just those. An index covers one table, so text a hit
shows from another record (an agenda item's meeting title, a grant's recipient) is
``Related``: the other table is searched through its own index, and a record
matches when its own text or a related record's text matches the whole query.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
)
from django.db import connection
from django.db.models import F, Lookup, Model, Q, QuerySet

MAX_QUERY_LENGTH = 200
PER_SOURCE = 20


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    summary: str


@dataclass(frozen=True)
class Related:
    """Text of another record that a hit shows, reached by the foreign key ``via``."""

    via: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """A kind of record search looks through. ``fields`` are the record's own columns;
    on PostgreSQL a GIN index must cover exactly them (and each ``Related``'s fields
    on its table), so changing them needs a migration with the matching index.
    tests/site/test_search.py checks that every match uses one."""

    kind: str
    queryset: Callable[[], QuerySet]
    fields: tuple[str, ...]
    hit: Callable[[object], Hit]
    related: tuple[Related, ...] = ()

    @property
    def all_fields(self) -> tuple[str, ...]:
        """Every field a hit's text comes from, related ones as lookup paths."""
        return self.fields + tuple(
            f"{related.via}__{field}" for related in self.related for field in related.fields
        )


_sources: list[Source] = []


def register(source: Source) -> Source:
    _sources.append(source)
    return source


def clean_query(text: str | None) -> str:
    """Printable text, single-spaced, at most 200 characters."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def document(fields: tuple[str, ...]) -> SearchVector:
    """The searchable text of ``fields``: the expression the GIN indexes are built
    on. PostgreSQL uses an index only for the very same expression."""
    return SearchVector(*fields, config="english")


class _AnyOf(Lookup):
    """``column = ANY(ARRAY(subquery))``. Unlike ``column IN (subquery)``, PostgreSQL
    looks the subquery's ids up in the column's index, so a record's own index
    match ORed with its related records' matches reads only the matching rows."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


def _web_search(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config="english")


def text_match(source: Source, model: type[Model], query: str) -> Q:
    """On PostgreSQL, the condition for a record of ``source`` (a ``model``) to match
    ``query``: its own text or a related record's, each looked up in its table's GIN
    index."""
    search = _web_search(query)
    condition = Q(SearchVectorExact(document(source.fields), search))
    for related in source.related:
        other = model._meta.get_field(related.via).related_model
        found = other._base_manager.filter(SearchVectorExact(document(related.fields), search))
        condition |= _AnyOf(F(related.via), ArraySubquery(found.order_by().values("pk")))
    return condition


def _full_text(source: Source, query: str) -> QuerySet:
    queryset = source.queryset()
    # Only the matching rows are ranked, on all the text a hit shows.
    return (
        queryset.filter(text_match(source, queryset.model, query))
        .annotate(rank=SearchRank(document(source.all_fields), _web_search(query)))
        .order_by("-rank", "pk")
    )


def _every_word(source: Source, query: str) -> QuerySet:
    condition = Q()
    for word in query.split():
        any_field = Q()
        for field in source.all_fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return source.queryset().filter(condition).order_by("pk")


def matches(source: Source, query: str) -> QuerySet:
    """The public records of ``source`` that match ``query``, best first."""
    if connection.vendor == "postgresql":
        return _full_text(source, query)
    return _every_word(source, query)


def search(query: str) -> list[tuple[str, list[Hit]]]:
    """Hits grouped by kind, one query per kind of record."""
    query = clean_query(query)
    if not query:
        return []
    results = []
    for source in _sources:
        rows = list(matches(source, query)[:PER_SOURCE])
        if rows:
            results.append((source.kind, [source.hit(row) for row in rows]))
    return results
