"""Charts of things over time: a line of values against its target and baseline
(``line_svg``, for a ``ChartData`` of kind ``line``), and a timeline of dated events
(``Timeline``). Same rules as ``pace.core.charts``: no script, attributes rather
than a stylesheet, a title and a sentence of the figures, a table twin."""

import datetime
import textwrap
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .charts import BORDER, CHAR, SECONDARY, TEXT, ChartData, f, open_svg, short_number

LINE_COLOUR = "#1a65a6"  # GOV.UK's link colour, which the site's stylesheet gives dots


def line_svg(chart: ChartData, width: float = 480, height: float = 240) -> SafeString:
    """The first series of ``chart`` as a line over its ``dates`` (evenly spaced if
    it has none), with each reference value (target, baseline) as a labelled line."""
    values = [float(row.values[0]) for row in chart.rows]
    if not values:
        return mark_safe("")
    left, right, top, bottom = 52.0, 16.0, 16.0, 40.0
    figures = values + [float(v) for _, v in chart.references]
    low, high = min(0.0, min(figures)), max(figures)
    span = (high - low) or 1.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(value: float) -> float:
        return top + plot_h - (value - low) / span * plot_h

    if chart.dates and len(chart.dates) > 1:
        first, last = chart.dates[0], chart.dates[-1]
        days = max((last - first).days, 1)
        xs = [left + (d - first).days / days * plot_w for d in chart.dates]
    else:
        step = plot_w / max(len(values) - 1, 1)
        xs = [left + i * step for i in range(len(values))]
    parts = [
        f'<line x1="{f(left)}" y1="{f(y(low))}" x2="{f(width - right)}" y2="{f(y(low))}" '
        f'stroke="{SECONDARY}" stroke-width="1"/>'
        f'<text x="{f(left - 6)}" y="{f(y(low) + 4)}" font-size="12" text-anchor="end" '
        f'fill="{SECONDARY}">{escape(short_number(chart, low))}</text>'
        f'<text x="{f(left - 6)}" y="{f(y(high) + 4)}" font-size="12" text-anchor="end" '
        f'fill="{SECONDARY}">{escape(short_number(chart, high))}</text>'
    ]
    dashes = ("6 4", "2 3")
    for n, (label, value) in enumerate(chart.references):
        ry = y(float(value))
        parts.append(
            f'<line x1="{f(left)}" y1="{f(ry)}" x2="{f(width - right)}" y2="{f(ry)}" '
            f'stroke="{SECONDARY}" stroke-width="2" stroke-dasharray="{dashes[n % 2]}" '
            f'data-reference="{escape(label)}" data-value="{value}"/>'
            f'<text x="{f(width - right)}" y="{f(max(ry - 6, 12))}" font-size="12" '
            f'text-anchor="end" fill="{TEXT}">{escape(label)} {escape(chart.format(value))}</text>'
        )
    points = " ".join(f"{f(x)},{f(y(v))}" for x, v in zip(xs, values, strict=True))
    parts.append(
        f'<polyline points="{points}" fill="none" stroke="{LINE_COLOUR}" stroke-width="3"/>'
    )
    for i, (x, row) in enumerate(zip(xs, chart.rows, strict=True)):
        parts.append(
            f'<circle cx="{f(x)}" cy="{f(y(float(row.values[0])))}" r="4" '
            f'fill="{LINE_COLOUR}" data-row="{i}" data-series="{escape(chart.series[0].key)}" '
            f'data-value="{row.values[0]}"/>'
        )
    for i in {0, len(chart.rows) - 1}:
        anchor = "start" if i == 0 else "end"
        parts.append(
            f'<text x="{f(xs[i])}" y="{f(height - bottom + 18)}" font-size="12" '
            f'text-anchor="{anchor}" fill="{SECONDARY}">{escape(chart.rows[i].label)}</text>'
        )
    # Safe: fixed markup, numbers formatted here, every text escaped.
    return mark_safe(open_svg(chart, width, height) + "".join(parts) + "</svg>")  # noqa: S308


@dataclass(frozen=True)
class Event:
    on: datetime.date
    label: str
    #: How it is drawn: ``period`` (a square), ``consultation`` (a diamond),
    #: ``milestone`` (a ring, filled once met).
    kind: str
    #: Said in words beside it: "met", "missed", "due" or nothing.
    status: str = ""

    @property
    def status_text(self) -> str:
        return {"met": "Met", "missed": "Missed", "due": "Due"}.get(self.status, "")


SHAPES = {
    # A square for the period's dates, a diamond for consultation, a ring for a
    # milestone (drawn as a path: the site's stylesheet colours circles).
    "period": ("#1d70b8", "M-7,-7 h14 v14 h-14 Z"),
    "consultation": ("#912b88", "M0,-8 L8,0 L0,8 L-8,0 Z"),
    "milestone": ("#0f7a52", "M-7,0 a7,7 0 1,0 14,0 a7,7 0 1,0 -14,0"),
}


@dataclass(frozen=True)
class Timeline:
    """Dated events in order, down the page, with today marked among them."""

    id: str
    title: str
    events: tuple[Event, ...]
    today: datetime.date

    @property
    def summary(self) -> str:
        if not self.events:
            return f"{self.title}: nothing dated yet."
        listed = "; ".join(
            f"{e.on:%-d %B %Y}: {e.label}{f' ({e.status_text.lower()})' if e.status else ''}"
            for e in self.events
        )
        return f"{self.title}. {listed}."

    @property
    def svg(self) -> SafeString:
        width, row_h, axis_x = 480.0, 40.0, 118.0
        parts, y = [], 10.0
        today_drawn = False
        for i, event in enumerate(self.events):
            if not today_drawn and event.on > self.today:
                parts.append(self._today(y, width, axis_x))
                y += 28
                today_drawn = True
            colour, shape = SHAPES.get(event.kind, SHAPES["period"])
            missed = event.status in ("missed", "due")
            cy = y + 12
            parts.append(
                f'<text x="{f(axis_x - 16)}" y="{f(cy + 5)}" font-size="13" text-anchor="end" '
                f'fill="{SECONDARY}">{event.on:%-d %b %Y}</text>'
                f'<path transform="translate({f(axis_x)},{f(cy)})" d="{shape}" '
                f'fill="{"#ffffff" if missed else colour}" stroke="{colour}" stroke-width="2.5" '
                f'data-event="{i}" data-date="{event.on.isoformat()}"/>'
            )
            label = event.label + (f" ({event.status_text.lower()})" if event.status else "")
            lines = textwrap.wrap(label, int((width - axis_x - 20) / (14 * CHAR))) or [""]
            for n, line in enumerate(lines[:2]):
                parts.append(
                    f'<text x="{f(axis_x + 18)}" y="{f(cy + 5 + n * 17)}" font-size="14" '
                    f'fill="{TEXT}">{escape(line)}</text>'
                )
            y += row_h + 17 * (min(len(lines), 2) - 1)
        if self.events and not today_drawn:
            parts.append(self._today(y, width, axis_x))
            y += 28
        axis = (
            f'<line x1="{f(axis_x)}" y1="4" x2="{f(axis_x)}" y2="{f(y)}" stroke="{BORDER}" '
            'stroke-width="3"/>'
        )
        # Safe: fixed markup, dates formatted here, every text escaped.
        return mark_safe(  # noqa: S308
            open_svg(self, width, y + 4) + axis + "".join(parts) + "</svg>"
        )

    def _today(self, y: float, width: float, axis_x: float) -> str:
        return (
            f'<line x1="0" y1="{f(y + 10)}" x2="{f(width)}" y2="{f(y + 10)}" stroke="{TEXT}" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
            f'<text x="{f(axis_x + 18)}" y="{f(y + 6)}" font-size="13" font-weight="bold" '
            f'fill="{TEXT}">Today, {self.today:%-d %B %Y}</text>'
        )
