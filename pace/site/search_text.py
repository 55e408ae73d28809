"""Words, stems and highlighting for the site search (pace/site/search.py).

PostgreSQL matches with its ``english`` text search configuration: Snowball's
English stemmer and its stop-word list. SQLite has no such thing for text held in
ordinary columns (FTS5's porter tokenizer works only inside an FTS5 table, which
would have to be kept in step with every other app's writes), so there the same
Snowball stemmer runs in Python, as a function SQLite calls on each row
(``sqlite_match``, registered when a connection opens). The stemmer being the same
algorithm as PostgreSQL's is why both databases find the same records: "grants"
finds "grant", "priorities" finds "priority", on either.

Highlighting uses the same stems, so a highlighted word is one that matched.
"""

import functools
import re

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: PostgreSQL's English stop words (share/tsearch_data/english.stop): words the
#: ``english`` configuration leaves out of documents and queries alike.
_ENGLISH_STOP = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him
    his himself she her hers herself it its itself they them their theirs themselves
    what which who whom this that these those am is are was were be been being have
    has had having do does did doing a an the and but if or because as until while
    of at by for with about against between into through during before after above
    below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such no nor
    not only own same so than too very s t can will just don should now
"""
STOP_WORDS = frozenset(_ENGLISH_STOP.split())

_WORD = re.compile(r"[^\W_]+")
_stemmer = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def words(text: str) -> list[str]:
    """The words of ``text``, lower case."""
    return _WORD.findall((text or "").lower())


#: What PostgreSQL's parser reads as a tag, and leaves out of a query.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def without_tags(query: str) -> str:
    """``query`` with what looks like markup left out: ``<b>health</b>`` searches
    for "health" (PostgreSQL's websearch parser would look for "b" too)."""
    return _TAG.sub(" ", query or "")


def query_stems(query: str) -> tuple[str, ...]:
    """The stems a query looks for, stop words (and tags) left out, each once, in
    order."""
    words_ = words(without_tags(query))
    return tuple(dict.fromkeys(stem(w) for w in words_ if w not in STOP_WORDS))


def _prefix(stem_: str) -> str:
    # Snowball changes only a word's ending, and of the stem at most its last letter
    # ("priority" -> "prioriti"): the rest is a substring any matching text contains,
    # a cheap test before stemming the row's words. (Its three irregular forms,
    # dying, lying and tying, are the price.)
    return stem_[:-1] if len(stem_) > 2 else stem_


def sqlite_match(stems: str, *texts: str | None) -> float:
    """SQLite's ``pace_search_match(stems, title, other, ...)``: 0 unless every stem
    (space-separated) is among the stems of the texts; otherwise a score that, like
    PostgreSQL's rank, grows with how often the stems occur, the first text (the
    title) counting most."""
    wanted = stems.split()
    if not wanted:
        return 0.0
    # Tags are left out, as PostgreSQL's parser leaves them out of a document.
    lowered = [_TAG.sub(" ", t or "").lower() for t in texts]
    joined = " ".join(lowered)
    if not all(_prefix(s) in joined for s in wanted):
        return 0.0
    score = 0.0
    found: set[str] = set()
    for position, text in enumerate(lowered):
        weight = 1.0 if position == 0 else 0.2
        for word in _WORD.findall(text):
            word_stem = stem(word)
            if word_stem in wanted:
                found.add(word_stem)
                score += weight
    if len(found) < len(wanted):
        return 0.0
    return score / (score + 1.0)


#: How like a word of a title a mistyped word must be for its title to be read for
#: "did you mean" (``pg_trgm``'s word similarity; its default, 0.6, misses "helth"
#: for "health", at 0.44).
WORD_SIMILARITY_THRESHOLD = 0.4


def prepare_connection(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver. SQLite calls Python for the stemmed match;
    PostgreSQL's ``%>`` operator (the one the trigram indexes answer) reads its
    threshold from a setting, set once for the connection's session."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "pace_search_match", -1, sqlite_match, deterministic=True
        )
    elif connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                [str(WORD_SIMILARITY_THRESHOLD)],
            )


def _marked(text: str, stems: frozenset[str]) -> SafeString:
    parts = []
    last = 0
    for found in _WORD.finditer(text):
        if stem(found.group()) in stems:
            parts.append(escape(text[last : found.start()]))
            parts.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
    parts.append(escape(text[last:]))
    # Every piece was escaped above: only the <mark> tags are markup.
    return mark_safe("".join(parts))  # noqa: S308


def highlight(text: str, stems: tuple[str, ...], *, words_around: int | None = None) -> SafeString:
    """``text`` escaped, with the words that match ``stems`` in ``<mark>``. With
    ``words_around``, only an excerpt: that many words either side of the first
    match (or the first words, if none matches), with an ellipsis where cut."""
    text = text or ""
    wanted = frozenset(stems)
    if words_around is not None:
        spans = [m.span() for m in _WORD.finditer(text)]
        if len(spans) > 2 * words_around + 1:
            first = next((i for i, (a, b) in enumerate(spans) if stem(text[a:b]) in wanted), 0)
            start = max(0, first - words_around)
            end = min(len(spans), start + 2 * words_around + 1)
            start = max(0, end - 2 * words_around - 1)
            excerpt = text[spans[start][0] : spans[end - 1][1]]
            before = "… " if start > 0 else ""
            after = " …" if end < len(spans) else ""
            return mark_safe(before + _marked(excerpt, wanted) + after)  # noqa: S308
    return _marked(text, wanted)
