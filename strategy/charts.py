"""The strategy's charts, from its selectors' figures, drawn by ``pace.core.charts``:
the ratings of actions per priority, their mix over time, a measure's trend
against its target, and a strategy's timeline. Each is one data structure that the
page draws and tabulates (``templates/includes/chart.html``)."""

import datetime

from pace.core.chart_lines import Event, Timeline
from pace.core.charts import RATING_SERIES, ChartData, Row, Series

from .models import Measure, MeasureValue, Milestone, Strategy
from .selectors import Rollup

#: A rating mix over time has no "complete": an update does not say when an action
#: was finished, only how it was going.
HISTORY_SERIES = RATING_SERIES[:4]


def rollup_row(label: str, rollup: Rollup | None) -> Row:
    rollup = rollup or Rollup()
    return Row(label, (rollup.red, rollup.amber, rollup.green, rollup.unrated, rollup.complete))


def rating_bars(chart_id: str, title: str, rows: list[Row], *, row_header: str) -> ChartData:
    """A bar per row (``rollup_row``), its actions by rating."""
    return ChartData(
        id=chart_id,
        title=title,
        series=RATING_SERIES,
        rows=tuple(rows),
        row_header=row_header,
        unit="actions",
    )


def rating_history_chart(
    chart_id: str, title: str, history: list[tuple[datetime.date, Rollup]]
) -> ChartData:
    """A column per quarter end, its actions by their rating on that day."""
    return ChartData(
        id=chart_id,
        title=title,
        series=HISTORY_SERIES,
        rows=tuple(Row(f"{on:%b %Y}", (r.red, r.amber, r.green, r.unrated)) for on, r in history),
        row_header="Quarter ending",
        kind="columns",
        unit="actions",
    )


def measure_chart(measure: Measure, values: list[MeasureValue]) -> ChartData | None:
    """A line of the measure's values over time, against its target and baseline."""
    if not values:
        return None
    unit = measure.unit
    return ChartData(
        id=f"measure-{measure.pk}",
        title=f"{measure.title}: values over time",
        series=(Series("value", f"Value ({unit})", "#1a65a6"),),
        rows=tuple(Row(f"{v.measured_on:%-d %B %Y}", (v.value,)) for v in values),
        dates=tuple(v.measured_on for v in values),
        row_header="Date",
        kind="line",
        unit=unit,
        references=(("Target", measure.target), ("Baseline", measure.baseline)),
        notes=(
            f"Baseline {measure.baseline.normalize():f} {unit}; "
            f"target {measure.target.normalize():f} {unit}.",
        ),
    )


def strategy_timeline(
    strategy: Strategy,
    *,
    milestones: list[Milestone],
    consultations: list,
    today: datetime.date,
) -> Timeline:
    """Consultation, the period, go-live, milestones met or missed, and the end, in
    date order. ``consultations`` are the published ones on this strategy (any
    objects with ``title``, ``opens_on``, ``closes_on``, ``outcome_published_on``:
    the consultations app sits above this one)."""
    events = []
    for c in consultations:
        events.append(Event(c.opens_on, f"Consultation opens: {c.title}", "consultation"))
        events.append(Event(c.closes_on, f"Consultation closes: {c.title}", "consultation"))
        if c.outcome_published_on:
            events.append(
                Event(c.outcome_published_on, f"Outcome published: {c.title}", "consultation")
            )
    events.append(Event(strategy.starts_on, "The strategy's period starts", "period"))
    if strategy.goes_live_on:
        events.append(Event(strategy.goes_live_on, "The strategy goes live", "period"))
    for m in milestones:
        if m.done_on:
            events.append(Event(m.done_on, m.title, "milestone", "met"))
        else:
            events.append(
                Event(m.due_on, m.title, "milestone", "missed" if m.due_on < today else "due")
            )
    events.append(Event(strategy.ends_on, "The strategy's period ends", "period"))
    return Timeline(
        id=f"timeline-{strategy.pk}",
        title=f"{strategy.title}: timeline",
        events=tuple(sorted(events, key=lambda e: e.on)),
        today=today,
    )
