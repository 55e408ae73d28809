"""Indicators' charts, from the selectors' figures, drawn by ``pace.core.charts``: an
indicator's values for its own place over time against its target and baseline,
and the places compared in one period. Each is one ``ChartData`` that the page
draws and tabulates (``templates/includes/chart.html``); the table of every place's
series is here too, so that the page's figures all come from one reading."""

import datetime
from collections import Counter
from dataclasses import dataclass

from pace.core.charts import ChartData, Row, Series

from .models import Indicator, IndicatorValue, ValueStatus
from .selectors import IndicatorCard, IndicatorDetail
from .status import Point
from .wording import format_value, period_label

VALUE_COLOUR = "#1a65a6"  # the line's, as pace.core.chart_lines draws it


def _unit(indicator: Indicator) -> str:
    return indicator.unit_label


def period_heading(indicator: Indicator, on: datetime.date) -> str:
    """A period as a row of a table names it: "Year to 31 March 2026"."""
    label = period_label(indicator, on).removeprefix("the ")
    return label[0].upper() + label[1:]


def _row_label(indicator: Indicator, value: IndicatorValue) -> str:
    label = period_heading(indicator, value.period_end)
    if value.status == ValueStatus.PROVISIONAL:
        label += " (provisional)"
    return label


def indicator_chart(card: IndicatorCard, *, prefix: str = "indicator") -> ChartData | None:
    """A line of the indicator's values for its own place, with the target it is
    judged against (or its last) and its baseline as reference lines."""
    if not card.values:
        return None
    indicator = card.indicator
    unit = _unit(indicator)
    target = card.assessment.target or (
        Point(card.targets[-1].target_on, card.targets[-1].value) if card.targets else None
    )
    references = []
    notes = []
    if target is not None:
        references.append((f"Target ({target.on:%Y})", target.value))
    if card.baseline is not None:
        references.append(("Baseline", card.baseline.value))
        notes.append(
            f"Baseline: {format_value(indicator, card.baseline.value)} at "
            f"{card.baseline.on:%-d %B %Y}."
        )
    for t in card.targets:
        notes.append(f"Target: {format_value(indicator, t.value)} by {t.target_on:%-d %B %Y}.")
    if any(v.status == ValueStatus.PROVISIONAL for v in card.values):
        notes.append("Provisional values may change when the source publishes final figures.")
    return ChartData(
        id=f"{prefix}-{indicator.pk}",
        title=f"{indicator.title}: {indicator.geography.name}, over time",
        series=(Series("value", f"Value ({unit})", VALUE_COLOUR),),
        rows=tuple(Row(_row_label(indicator, v), (v.value,)) for v in card.values),
        dates=tuple(v.period_end for v in card.values),
        row_header="Period",
        kind="line",
        unit=unit,
        references=tuple(references),
        notes=tuple(notes),
    )


def comparison_period(detail: IndicatorDetail) -> datetime.date | None:
    """The latest period with values for two places or more."""
    counts = Counter(v.period_end for place in detail.places for v in place.values)
    shared = [on for on, n in counts.items() if n > 1]
    return max(shared) if shared else None


def comparison_chart(detail: IndicatorDetail) -> ChartData | None:
    """A bar per place of its value for the latest period they share, when the
    indicator has values for places other than its own."""
    if not detail.compared:
        return None
    on = comparison_period(detail)
    if on is None:
        return None
    indicator = detail.card.indicator
    unit = _unit(indicator)
    rows = []
    provisional = False
    for place in detail.places:
        value = next((v for v in place.values if v.period_end == on), None)
        if value is None:
            continue
        label = place.geography.name
        if value.status == ValueStatus.PROVISIONAL:
            label += " (provisional)"
            provisional = True
        rows.append(Row(label, (value.value,)))
    period = period_label(indicator, on)
    return ChartData(
        id=f"compare-{indicator.pk}",
        title=f"{indicator.title}: each place, {period}",
        series=(Series("value", f"Value ({unit})", VALUE_COLOUR),),
        rows=tuple(rows),
        row_header="Place",
        unit=unit,
        notes=("Provisional values may change.",) if provisional else (),
    )


@dataclass(frozen=True)
class PlacesTable:
    """Every place's values by period: a row per period, a column per place."""

    places: list[str]
    #: (period label, [(place, value text or "", provisional)]) per period, newest first.
    rows: list[tuple[str, list[tuple[str, str, bool]]]]


def places_table(detail: IndicatorDetail) -> PlacesTable:
    indicator = detail.card.indicator
    periods = sorted({v.period_end for p in detail.places for v in p.values}, reverse=True)
    by_place = [(p.geography.name, {v.period_end: v for v in p.values}) for p in detail.places]
    rows = []
    for on in periods:
        cells = []
        for name, values in by_place:
            value = values.get(on)
            cells.append(
                (
                    name,
                    format_value(indicator, value.value) if value else "",
                    bool(value and value.status == ValueStatus.PROVISIONAL),
                )
            )
        rows.append((period_heading(indicator, on), cells))
    return PlacesTable([name for name, _ in by_place], rows)
