# Over 400 lines, as one piece: finding, scoring, paging and correcting share the sources
# and the rows of one search.
"""Site search across the public record.

Each kind of record is a ``Source``: the public queryset it may search (built from
the same selectors as the public pages, so search can never show more than they
do), the fields to match, where its body and its date are, and how to show a hit.
Search shows only what an anonymous visitor may see, whoever asks: members find
their private records on their dashboards, not here.

How a search runs (``search``):

1. One query finds the matches of every kind: a ``UNION ALL`` of each source's
   best ``PER_KIND`` matches with the body and date filters, each row only its
   kind, key, rank, title, date, body and its kind's count of matches. On PostgreSQL
   the match is full-text (``english`` configuration, websearch syntax), on each
   table's stored document (``STORED``, kept by a trigger: migration 0004) and its
   GIN index; on SQLite the same Snowball stemmer runs in Python
   (``search_text``). Either way every word must be found.
2. In Python: the rank plus a bonus for a title that holds every word (and more
   for a title that is the query), so both databases put the same record first;
   the kind filter; the page.
3. One query per kind shown on the page fetches its records for their hits.

When nothing matches, "did you mean" (``suggest``) corrects each word to the
nearest word of the public records' titles (``pg_trgm`` word similarity finds the
candidates on PostgreSQL, ``difflib`` ranks them on both) and searches again: a
suggestion is offered only if it finds public records, so it cannot name a word
only a private record holds.

An index covers one table, so text a hit shows from another record (an agenda
item's meeting title, a grant's recipient) is ``Related``: on PostgreSQL the other
table is searched through its own index, and a record matches when its own text or
a related record's text matches the whole query.
"""

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
    SearchVectorField,
)
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    Expression,
    F,
    FloatField,
    Func,
    IntegerField,
    Lookup,
    Model,
    Q,
    QuerySet,
    TextField,
    Value,
    Window,
)
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone
from django.utils.safestring import SafeString

from .search_text import STOP_WORDS, highlight, query_stems, stem, without_tags, words

MAX_QUERY_LENGTH = 200
PER_PAGE = 20
#: Matches of each kind listed at most, the best by the database's rank: a word that
#: most records hold ("plan") would otherwise fetch and score every one of them.
PER_KIND = 200
#: Words either side of the first match in a hit's summary.
SUMMARY_WORDS = 15


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    url: str
    summary: str = ""
    #: Where and when, plain text: "Health and Wellbeing Board, 12 July 2016".
    meta: str = ""


@dataclass(frozen=True)
class Related:
    """Text of another record that a hit shows, reached by the foreign key ``via``."""

    via: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """A kind of record search looks through. ``kind`` is the type filter's value and
    ``label`` its name. ``fields`` are the record's own columns, its title first; on
    PostgreSQL its table's stored document (``STORED``) must be made of exactly them
    and a GIN index on each ``Related``'s fields must exist on its table, so changing
    them needs a migration with the matching trigger and index, as does
    the title's trigram index when ``titled`` (the first field is a title: its
    words feed "did you mean" and a title holding the query scores more).
    tests/site/test_search.py checks that every match uses its indexes.
    ``body`` and ``date`` are lookups to the body the record belongs to and its
    date, for the filters (``body`` may be a function making the expression
    instead); a kind without one is left out when that filter is set. ``rows`` adds
    what its hits need to the page's fetch (a prefetch)."""

    kind: str
    label: str
    queryset: Callable[[], QuerySet]
    fields: tuple[str, ...]
    hit: Callable[[object], Hit]
    related: tuple[Related, ...] = ()
    body: str | Callable[[], Expression] | None = None
    date: str | None = None
    titled: bool = True
    rows: Callable[[QuerySet], QuerySet] = lambda rows: rows

    @property
    def all_fields(self) -> tuple[str, ...]:
        """Every field a hit's text comes from, related ones as lookup paths."""
        return self.fields + tuple(
            f"{related.via}__{field}" for related in self.related for field in related.fields
        )


_sources: list[Source] = []


def register(source: Source) -> Source:
    _sources.append(source)
    _compiled.cache_clear()
    return source


def sources() -> list[Source]:
    return list(_sources)


def clean_query(text: str | None) -> str:
    """Printable text, single-spaced, at most 200 characters."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def document(fields: tuple[str, ...]) -> SearchVector:
    """The searchable text of a related record's ``fields``: the expression its GIN
    index is built on. PostgreSQL uses an index only for the very same expression."""
    return SearchVector(*fields, config="english")


#: The column of each source's table that holds its records' own weighted
#: document, kept by a trigger (migration 0004): the title at weight A, the
#: record's other text at B.
STORED = "pace_search"


class StoredDocument(Expression):
    """The ``STORED`` document of the row being read, on PostgreSQL. Read rather
    than made again: making a vector of a record's text, for each of thousands of
    matching rows, was most of a search's time."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(STORED)}", []


def _weighted(source: Source) -> Expression:
    """What a match is ranked on: the title weighs most, then the record's other
    text (both stored), then the related records' text."""
    related = source.all_fields[len(source.fields) :]
    if not related:
        return StoredDocument()
    return Func(
        StoredDocument(),
        SearchVector(*related, config="english", weight="C"),
        template="(%(expressions)s)",
        arg_joiner=" || ",
        output_field=SearchVectorField(),
    )


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
    return SearchQuery(without_tags(query), search_type="websearch", config="english")


def text_match(source: Source, model: type[Model], query: str) -> Q:
    """On PostgreSQL, the condition for a record of ``source`` (a ``model``) to match
    ``query``: its own text or a related record's, each looked up in its table's GIN
    index."""
    search = _web_search(query)
    condition = Q(SearchVectorExact(StoredDocument(), search))
    for related in source.related:
        other = model._meta.get_field(related.via).related_model
        found = other._base_manager.filter(SearchVectorExact(document(related.fields), search))
        condition |= _AnyOf(F(related.via), ArraySubquery(found.order_by().values("pk")))
    return condition


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _ranked(source: Source, query: str) -> QuerySet:
    """``source``'s public records that match ``query``, each with ``s_rank``."""
    queryset = source.queryset().order_by().prefetch_related(None)
    if _is_postgresql():
        # Only the matching rows are ranked, on all the text a hit shows.
        return queryset.filter(text_match(source, queryset.model, query)).annotate(
            s_rank=SearchRank(_weighted(source), _web_search(query))
        )
    return queryset.annotate(
        s_rank=Func(
            Value(" ".join(query_stems(query))),
            *[F(name) for name in source.all_fields],
            function="pace_search_match",
            output_field=FloatField(),
        )
    ).filter(s_rank__gt=0)


def matches(source: Source, query: str) -> QuerySet:
    """The public records of ``source`` that match ``query``, best first."""
    return _ranked(source, query).order_by("-s_rank", "pk")


def _date(source: Source, model: type[Model]):
    if source.date is None:
        # Typed: PostgreSQL makes two untyped NULLs in a row of a UNION text.
        return Cast(Value(None), DateField())
    target = model
    for part in source.date.split("__"):
        found = target._meta.get_field(part)
        target = found.related_model or target
    if isinstance(found, DateTimeField):
        return TruncDate(source.date)
    return F(source.date)


def _body(source: Source):
    if source.body is None:
        return Cast(Value(None), IntegerField())
    return source.body() if callable(source.body) else F(source.body)


@dataclass(frozen=True)
class Row:
    """A match, before its record is fetched."""

    index: int  # of its source in ``_sources``
    pk: int
    rank: float
    title: str
    date: datetime.date | None
    body_id: int | None
    count: int  # of its kind's matches, all of them


def _filtered(part: QuerySet, source: Source, filters: "Filters") -> QuerySet | None:
    """``part`` with the body and date filters, or None if ``source`` has no body or
    date to filter by."""
    if filters.body_id is not None:
        if source.body is None:
            return None
        part = part.filter(s_body=filters.body_id)
    if filters.since or filters.until:
        if source.date is None:
            return None
        if filters.since:
            part = part.filter(s_date__gte=filters.since)
        if filters.until:
            part = part.filter(s_date__lte=filters.until)
    return part


def _union(query: str, filters: "Filters") -> QuerySet | None:
    """The best ``PER_KIND`` matches of each kind, with the body and date filters, as
    one query; each row carries how many its kind has in all. None when no kind has
    the body or date the filters ask for."""
    parts = []
    for index, source in enumerate(_sources):
        ranked = _ranked(source, query)
        part = _filtered(
            ranked.annotate(
                s_index=Value(index, output_field=IntegerField()),
                s_pk=F("pk"),
                s_title=F(source.fields[0]) if source.titled else Cast(Value(""), TextField()),
                s_date=_date(source, ranked.model),
                s_body=_body(source),
            ),
            source,
            filters,
        )
        if part is None:
            continue
        part = part.annotate(s_count=Window(Count("pk"))).values_list(
            "s_index", "s_pk", "s_rank", "s_title", "s_date", "s_body", "s_count"
        )
        if connection.features.supports_slicing_ordering_in_compound:
            part = part.order_by("-s_rank", "pk")[:PER_KIND]
        parts.append(part)
    if not parts:
        return None
    return parts[0].union(*parts[1:], all=True)


def _words_value(query: str) -> str:
    """The one value ``query`` gives the SQL of a search (``_ranked``): the text
    PostgreSQL's websearch parser reads, or on SQLite the stems it looks for."""
    return without_tags(query) if _is_postgresql() else " ".join(query_stems(query))


#: What stands for the words, the body and the dates in the SQL made once for each
#: shape of filters (``_compiled``): values no search can bring.
_WORDS = "pacesearchwordsqzx"
_BODY = -20_161_231
_SINCE, _UNTIL = datetime.date(1, 1, 2), datetime.date(1, 1, 3)


@dataclass(frozen=True)
class _Compiled:
    """A search's SQL with the places of its words, body and dates among its
    parameters."""

    sql: str
    params: tuple
    words: tuple[int, ...]
    body: tuple[int, ...]
    since: tuple[int, ...]
    until: tuple[int, ...]

    def bound(self, query: str, filters: "Filters") -> list:
        params = list(self.params)
        for places, value in (
            (self.words, _words_value(query)),
            (self.body, filters.body_id),
            (self.since, _date_param(filters.since)),
            (self.until, _date_param(filters.until)),
        ):
            for place in places:
                params[place] = value
        return params


@lru_cache(maxsize=32)
def _compiled(alias: str, day: datetime.date, body: bool, since: bool, until: bool):
    """The SQL of ``_union`` for a shape of filters, made once a day (the public
    querysets read the day: a body in being today) rather than for every search:
    building and compiling it was a third of a search's time. Its parameters are
    those of the records' public querysets, which depend on nothing but the day
    (tests/site/test_search.py checks that), and the placeholders. None when no kind
    can have the filters."""
    shape = Filters(
        body_id=_BODY if body else None,
        since=_SINCE if since else None,
        until=_UNTIL if until else None,
    )
    union = _union(_WORDS, shape)
    if union is None:
        return None
    sql, params = union.query.get_compiler(alias).as_sql()
    params = tuple(params)

    def places(value) -> tuple[int, ...]:
        return tuple(i for i, p in enumerate(params) if type(p) is type(value) and p == value)

    words = places(_words_value(_WORDS))
    if not words:
        raise RuntimeError("The words of a search are not a parameter of its SQL")
    return _Compiled(
        sql,
        params,
        words,
        places(_BODY) if body else (),
        places(_date_param(_SINCE)) if since else (),
        places(_date_param(_UNTIL)) if until else (),
    )


def _date_param(day: datetime.date | None):
    # As the database is sent a date (text, on SQLite).
    return None if day is None else connection.ops.adapt_datefield_value(day)


def _as_date(value) -> datetime.date | None:
    # SQLite gives dates as text.
    return datetime.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _rows(query: str, filters: "Filters") -> list[Row]:
    """The best ``PER_KIND`` matches of each kind, with the body and date filters, in
    one query (``_union``, compiled once for each shape of filters)."""
    compiled = _compiled(
        connection.alias,
        timezone.localdate(),
        filters.body_id is not None,
        filters.since is not None,
        filters.until is not None,
    )
    if compiled is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, compiled.bound(query, filters))
        found = cursor.fetchall()
    # SQLite takes no LIMIT inside a UNION: there the best of each kind are kept here.
    by_kind: dict[int, list[Row]] = {}
    for index, pk, rank, title, date, body_id, count in found:
        row = Row(index, pk, rank, title, _as_date(date), body_id, count)
        by_kind.setdefault(row.index, []).append(row)
    return [
        row
        for rows in by_kind.values()
        for row in sorted(rows, key=lambda row: (-row.rank, row.pk))[:PER_KIND]
    ]


def _score(row: Row, stems: tuple[str, ...], query: str) -> float:
    """The database's rank, plus 1 when the title holds every word of the query
    (and up to half as much again as the query is more of the title), plus 1 more
    when the title is the query: a record named what was typed comes first on
    either database, whose ranks differ in their details."""
    title_words = words(row.title)  # empty for a kind without a title
    title_stems = [stem(w) for w in title_words if w not in STOP_WORDS]
    score = row.rank or 0.0
    if stems and title_stems and all(s in title_stems for s in stems):
        score += 1.0 + 0.5 * sum(s in stems for s in title_stems) / len(title_stems)
        if title_words == words(query):
            score += 1.0
    return score


def _order(row: Row, stems: tuple[str, ...], query: str) -> tuple:
    """Best score first; among records that score the same (a body's action plan of
    each year, named alike), the latest first, as the one a person is most likely
    after."""
    latest = -row.date.toordinal() if row.date else 0
    return (-round(_score(row, stems, query), 6), row.index, latest, row.pk)


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    body_id: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


@dataclass
class Results:
    """A search's answer: ``page`` holds the hits of one page, ``total`` how many
    there are with every filter applied, ``listed`` how many of them may be paged
    through (the best ``PER_KIND`` of each kind), ``counts`` each kind's with the
    body and date filters (what choosing the kind would give). When the query found nothing
    and a correction of it does, ``searched`` is the correction and ``query`` what
    was typed."""

    query: str
    searched: str
    total: int
    listed: int
    counts: list[tuple[Source, int]]
    page: Page
    hits: list["ShownHit"] = field(default_factory=list)

    @property
    def corrected(self) -> bool:
        return self.searched != self.query


@dataclass(frozen=True)
class ShownHit:
    """A hit with its matching words marked (escaped: only the marks are markup)."""

    hit: Hit
    title: SafeString
    summary: SafeString


def _shown(hits: list[Hit], stems: tuple[str, ...]) -> list[ShownHit]:
    return [
        ShownHit(
            hit,
            highlight(hit.title, stems),
            highlight(hit.summary, stems, words_around=SUMMARY_WORDS),
        )
        for hit in hits
    ]


def _fetch(rows: list[Row]) -> list[Hit]:
    """The hits of ``rows``, in their order: one query per kind among them."""
    by_index: dict[int, list[int]] = {}
    for row in rows:
        by_index.setdefault(row.index, []).append(row.pk)
    found = {}
    for index, keys in by_index.items():
        source = _sources[index]
        for record in source.rows(source.queryset().filter(pk__in=keys)):
            found[(index, record.pk)] = source.hit(record)
    # A record changed between the two queries is left out rather than shown.
    return [found[(row.index, row.pk)] for row in rows if (row.index, row.pk) in found]


def _answer(query: str, rows: list[Row], filters: Filters, page_number) -> Results:
    stems = query_stems(query)
    per_kind = {row.index: row.count for row in rows}
    counts = [(source, per_kind[i]) for i, source in enumerate(_sources) if i in per_kind]
    if filters.kind:
        rows = [row for row in rows if _sources[row.index].kind == filters.kind]
    rows.sort(key=lambda row: _order(row, stems, query))
    page = Paginator(rows, PER_PAGE).get_page(page_number)
    hits = _fetch(list(page.object_list))
    return Results(
        query=query,
        searched=query,
        total=sum(n for source, n in counts if not filters.kind or source.kind == filters.kind),
        listed=len(rows),
        counts=counts,
        page=page,
        hits=_shown(hits, stems),
    )


def search(query: str, *, filters: Filters | None = None, page: str | int | None = None):
    """The public records that match ``query``, best first, a page at a time; a
    correction's when the query finds nothing and the correction does. None for
    an empty query."""
    query = clean_query(query)
    if not query:
        return None
    filters = filters or Filters()
    rows = _rows(query, filters)
    if not rows:
        suggestion = suggest(query)
        if suggestion:
            corrected = _rows(suggestion, filters)
            if corrected:
                results = _answer(suggestion, corrected, filters, page)
                results.query = query
                return results
    return _answer(query, rows, filters, page)


def _vocabulary(terms: list[str]) -> set[str]:
    """Words of the public records' titles that a correction of ``terms`` may use:
    on PostgreSQL the titles ``pg_trgm`` finds similar to a term (through the
    titles' trigram indexes), elsewhere every title. One query."""
    parts = []
    for source in _sources:
        if not source.titled:
            continue
        title = source.fields[0]
        queryset = source.queryset().order_by().prefetch_related(None)
        if _is_postgresql():
            # ``title %> term``: the term is like a word of the title.
            similar = Q()
            for term in terms:
                similar |= Q(TrigramWordSimilar(F(title), Value(term)))
            queryset = queryset.filter(similar)
        parts.append(queryset.values_list(title, flat=True))
    if not parts:
        return set()
    titles = parts[0].union(*parts[1:], all=True)
    return {word for title in titles for word in words(title) if len(word) > 2}


def suggest(query: str) -> str | None:
    """``query`` with each word not found in the public records' titles replaced by
    the nearest one that is, or None if no word changes."""
    typed = words(query)
    terms = [w for w in typed if w not in STOP_WORDS and not w.isdigit() and len(w) > 2]
    if not terms:
        return None
    vocabulary = _vocabulary(terms)
    corrected = []
    for word in typed:
        if word in STOP_WORDS or word in vocabulary or word not in terms:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, sorted(vocabulary), n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
    return " ".join(corrected) if corrected != typed else None
