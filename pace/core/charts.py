"""Charts drawn on the server as SVG, each with a table of the same figures.

One structure, ``ChartData`` (series, and a row of values per category), feeds both
the picture and its table twin (``templates/includes/chart.html``), so the two
cannot disagree; a test reads both back from the page. The SVG needs no script and
no stylesheet: colours, patterns and type are attributes, so a chart looks the same
on the site and in a PDF. It is an image (``role="img"``) named by its title and
described by a sentence of its figures; every bar carries ``data-series`` and
``data-value``. Colour is never the only cue: each series also has a pattern, shown
in the legend beside its name.

Kinds: ``bars`` (a horizontal stacked bar per row) and ``columns`` (a stacked
column per row, for rows in time order) are drawn by ``pace.core.chart_bars``;
``line`` by ``pace.core.chart_lines``, where the timeline is too (``Timeline``).
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString

from .rag import RAG_DISPLAY, Rag

Number = int | Decimal

#: GOV.UK colours, each at least 4.5:1 against white (WCAG 1.4.11 asks 3:1 of a
#: graphic), so a bar stands out from the page.
TEXT = "#0b0c0c"
SECONDARY = "#484949"
BORDER = "#cecece"
FONT = "Liberation Sans, Arial, DejaVu Sans, sans-serif"
PALETTE = ("#1d70b8", "#0f7a52", "#912b88", "#a34a00", "#505a5f", "#003078", "#ca3535")
#: Patterns laid over the colours, in the order series take them.
PATTERNS = ("solid", "diagonal", "dots", "cross", "horizontal", "vertical", "back")
CHAR = 0.55  # average advance of the sans-serif stack, in ems (a generous guess)


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str
    pattern: str = "solid"


def series(*items: tuple[str, str]) -> tuple[Series, ...]:
    """Series from ``(key, label)`` pairs, each given the next colour and pattern."""
    return tuple(
        Series(key, label, PALETTE[i % len(PALETTE)], PATTERNS[i % len(PATTERNS)])
        for i, (key, label) in enumerate(items)
    )


#: The ratings of actions, as the roll-ups count them: open actions by their latest
#: rating, those with none yet, and the complete.
RATING_SERIES = (
    Series("red", RAG_DISPLAY[Rag.RED].short, "#ca3535", "diagonal"),
    Series("amber", RAG_DISPLAY[Rag.AMBER].short, "#a34a00", "dots"),
    Series("green", RAG_DISPLAY[Rag.GREEN].short, "#0f7a52", "solid"),
    Series("unrated", "Not rated yet", "#505a5f", "horizontal"),
    Series("complete", "Complete", "#1d70b8", "cross"),
)


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[Number, ...]

    @property
    def total(self) -> Number:
        return sum(self.values, 0)


@dataclass(frozen=True)
class Cell:
    key: str
    value: Number
    text: str
    label: str = ""  # the series', which a stacked row on a phone shows before it


@dataclass(frozen=True)
class ChartData:
    """A chart's figures: ``rows`` of values, one per series, in ``series`` order."""

    id: str
    title: str
    series: tuple[Series, ...]
    rows: tuple[Row, ...]
    row_header: str
    kind: str = "bars"
    money: bool = False
    unit: str = ""
    #: Sentences the table adds below itself (a target, a baseline).
    notes: tuple[str, ...] = ()
    #: Reference lines for a line chart: (label, value).
    references: tuple[tuple[str, Number], ...] = ()
    #: The dates of the rows, for a line chart spaced in time.
    dates: tuple = field(default=())

    def format(self, value: Number) -> str:
        if self.money:
            pence = Decimal(value) % 1
            return f"£{value:,.2f}" if pence else f"£{int(value):,}"
        return f"{value:,}" if isinstance(value, int) else f"{value.normalize():,f}"

    @property
    def show_total(self) -> bool:
        return len(self.series) > 1 and self.kind != "line"

    @property
    def table_rows(self) -> list[tuple[str, list[Cell], str]]:
        return [
            (
                row.label,
                [
                    Cell(s.key, v, self.format(v), s.label)
                    for s, v in zip(self.series, row.values, strict=True)
                ],
                self.format(row.total),
            )
            for row in self.rows
        ]

    @property
    def is_empty(self) -> bool:
        return not any(any(row.values) for row in self.rows)

    @property
    def summary(self) -> str:
        """The figures in a sentence: the chart's text alternative."""
        if self.is_empty:
            return f"{self.title}: nothing to show yet."
        parts = []
        for row in self.rows:
            figures = ", ".join(
                f"{self.format(v)} {s.label.lower() if len(self.series) > 1 else self.unit}".strip()
                for s, v in zip(self.series, row.values, strict=True)
                if v or len(self.series) == 1
            )
            parts.append(f"{row.label}: {figures or 'none'}")
        return f"{self.title}. " + "; ".join(parts) + "."

    @property
    def svg(self) -> SafeString:
        # Drawn by the modules beside this one, which import its pieces.
        from .chart_bars import bars_svg, columns_svg
        from .chart_lines import line_svg

        draw = {"bars": bars_svg, "columns": columns_svg, "line": line_svg}[self.kind]
        return draw(self)


# --- Pieces every chart shares -----------------------------------------------------


def f(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR


WHITE_LINE = 'stroke="#fff" stroke-width="1.5"'


def pattern_defs(chart_id: str, items: tuple[Series, ...]) -> str:
    """A ``<pattern>`` per series: its colour, with white marks over it."""
    marks = {
        "solid": "",
        "diagonal": f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" {WHITE_LINE}/>',
        "back": f'<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" {WHITE_LINE}/>',
        # Squares, not circles: the site's stylesheet colours a chart's circles.
        "dots": '<rect x="2.5" y="2.5" width="3" height="3" fill="#fff"/>',
        "cross": '<path d="M0,4 h8 M4,0 v8" stroke="#fff" stroke-width="1.2"/>',
        "horizontal": f'<path d="M0,4 h8" {WHITE_LINE}/>',
        "vertical": f'<path d="M4,0 v8" {WHITE_LINE}/>',
    }
    parts = ["<defs>"]
    for s in items:
        parts.append(
            f'<pattern id="{escape(chart_id)}-{escape(s.key)}" patternUnits="userSpaceOnUse" '
            f'width="8" height="8"><rect width="8" height="8" fill="{s.colour}"/>'
            f"{marks.get(s.pattern, '')}</pattern>"
        )
    parts.append("</defs>")
    return "".join(parts)


def fill(chart_id: str, s: Series) -> str:
    return f"url(#{escape(chart_id)}-{escape(s.key)})"


def legend(chart_id: str, items: tuple[Series, ...], width: float, y: float) -> tuple[str, float]:
    """Swatches and names across the top, wrapping; the markup and the height used."""
    parts, x, size = [], 0.0, 14
    for s in items:
        need = 18 + 6 + text_width(s.label, size) + 18
        if x and x + need > width:
            x, y = 0.0, y + 24
        parts.append(
            f'<rect x="{f(x)}" y="{f(y)}" width="18" height="18" fill="{fill(chart_id, s)}" '
            f'stroke="{TEXT}" stroke-width="1"/><text x="{f(x + 24)}" y="{f(y + 14)}" '
            f'font-size="{size}" fill="{TEXT}">{escape(s.label)}</text>'
        )
        x += need
    return "".join(parts), y + 24 + 8


def open_svg(chart: "ChartData | object", width: float, height: float) -> str:
    cid = escape(chart.id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pace-chart" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" width="{f(width)}" height="{f(height)}" '
        f'viewBox="0 0 {f(width)} {f(height)}" font-family="{FONT}" data-chart="{cid}">'
        f'<title id="{cid}-title">{escape(chart.title)}</title>'
        f'<desc id="{cid}-desc">{escape(chart.summary)}</desc>'
    )


def nice_ceiling(value: float) -> float:
    """The round number at or above ``value`` an axis ends at (1, 2, 2.5, 5 x 10^n)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def short_number(chart: ChartData, value: float) -> str:
    """An axis label: £40k rather than £40,000."""
    prefix = "£" if chart.money else ""
    if value >= 1_000_000:
        return f"{prefix}{f(value / 1_000_000)}m"
    if value >= 1_000:
        return f"{prefix}{f(value / 1_000)}k"
    return f"{prefix}{f(value)}"
