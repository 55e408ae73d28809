"""Stacked bars and columns for ``pace.core.charts.ChartData`` (kinds ``bars`` and
``columns``): every bar a ``<rect>`` with its ``data-series`` and ``data-value``,
every total a ``<text>`` with its ``data-total``, so a test reads them back."""

import textwrap
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .charts import (
    BORDER,
    CHAR,
    SECONDARY,
    TEXT,
    ChartData,
    Row,
    f,
    fill,
    legend,
    nice_ceiling,
    open_svg,
    pattern_defs,
    short_number,
    text_width,
)


def _segments(chart: ChartData, row_index: int, row: Row, place) -> list[str]:
    parts, start = [], 0.0
    for s, value in zip(chart.series, row.values, strict=True):
        if not value:
            continue
        x, y, w, h = place(start, float(value))
        parts.append(
            f'<rect x="{f(x)}" y="{f(y)}" width="{f(w)}" height="{f(h)}" '
            f'fill="{fill(chart.id, s)}" stroke="#ffffff" stroke-width="1" '
            f'data-row="{row_index}" data-series="{escape(s.key)}" data-value="{value}"/>'
        )
        start += float(value)
    return parts


# --- Horizontal stacked bars -------------------------------------------------------


def bars_svg(chart: ChartData, width: float = 440) -> SafeString:
    """A bar per row, its series stacked left to right, the row's name above it and
    its total after it, all on one scale. Narrower than the columns: its text must
    stay legible when a 320 px screen scales it down."""
    parts = [pattern_defs(chart.id, chart.series)]
    keys, y = legend(chart.id, chart.series, width, 0) if len(chart.series) > 1 else ("", 0.0)
    parts.append(keys)
    label_size, bar_h = 14, 22
    # Room after the longest bar for the widest total.
    widest = max((text_width(chart.format(row.total), 14) for row in chart.rows), default=0)
    area = width - widest - 12
    scale = area / max(float(max((row.total for row in chart.rows), default=0)), 1)
    for i, row in enumerate(chart.rows):
        for line in textwrap.wrap(row.label, int(width / (label_size * CHAR))) or [""]:
            y += 17
            parts.append(
                f'<text x="0" y="{f(y)}" font-size="{label_size}" fill="{TEXT}">'
                f"{escape(line)}</text>"
            )
        top = y + 5
        parts.append(
            f'<line x1="0" y1="{f(top)}" x2="0" y2="{f(top + bar_h)}" stroke="{SECONDARY}" '
            'stroke-width="1"/>'
        )
        parts += _segments(
            chart, i, row, lambda start, value, top=top: (start * scale, top, value * scale, bar_h)
        )
        parts.append(
            f'<text x="{f(float(row.total) * scale + 6)}" y="{f(top + 16)}" font-size="14" '
            f'font-weight="bold" fill="{TEXT}" data-row="{i}" data-total="{row.total}">'
            f"{escape(chart.format(row.total))}</text>"
        )
        y = top + bar_h + 10
    height = y + 2
    # Safe: fixed markup, numbers formatted here, every text escaped.
    return mark_safe(open_svg(chart, width, height) + "".join(parts) + "</svg>")  # noqa: S308


# --- Stacked columns ---------------------------------------------------------------


def columns_svg(chart: ChartData, width: float = 600) -> SafeString:
    """A column per row (a year, a quarter), its series stacked from the bottom, on
    an axis with gridlines; the row's name below it and its total above."""
    parts = [pattern_defs(chart.id, chart.series)]
    keys, top = legend(chart.id, chart.series, width, 0) if len(chart.series) > 1 else ("", 0.0)
    parts.append(keys)
    plot_h, left, label_h = 200.0, 52.0, 36.0
    top += 18  # room for the tallest column's total
    base = top + plot_h
    ceiling = nice_ceiling(float(max((row.total for row in chart.rows), default=0)))
    for step in range(5):
        value = ceiling * step / 4
        gy = base - plot_h * step / 4
        parts.append(
            f'<line x1="{f(left)}" y1="{f(gy)}" x2="{f(width)}" y2="{f(gy)}" '
            f'stroke="{BORDER if step else SECONDARY}" stroke-width="1"/>'
            f'<text x="{f(left - 6)}" y="{f(gy + 4)}" font-size="12" text-anchor="end" '
            f'fill="{SECONDARY}">{escape(short_number(chart, value))}</text>'
        )
    slot = (width - left) / max(len(chart.rows), 1)
    col_w = min(56.0, slot * 0.7)
    for i, row in enumerate(chart.rows):
        x = left + slot * i + (slot - col_w) / 2
        parts += _segments(
            chart,
            i,
            row,
            lambda start, value, x=x: (
                x,
                base - (start + value) * plot_h / ceiling,
                col_w,
                value * plot_h / ceiling,
            ),
        )
        centre = x + col_w / 2
        total = escape(short_number(chart, float(row.total)))
        parts.append(
            f'<text x="{f(centre)}" y="{f(base - float(row.total) * plot_h / ceiling - 5)}" '
            f'font-size="12" font-weight="bold" text-anchor="middle" fill="{TEXT}" '
            f'data-row="{i}" data-total="{row.total}">{total}</text>'
        )
        for n, line in enumerate(textwrap.wrap(row.label, max(int(slot / (12 * CHAR)), 6))[:2]):
            parts.append(
                f'<text x="{f(centre)}" y="{f(base + 16 + n * 14)}" font-size="12" '
                f'text-anchor="middle" fill="{TEXT}">{escape(line)}</text>'
            )
    height = base + label_h
    # Safe: fixed markup, numbers formatted here, every text escaped.
    return mark_safe(open_svg(chart, width, height) + "".join(parts) + "</svg>")  # noqa: S308
