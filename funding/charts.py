"""The charts of ``/funding/``, from ``selectors.breakdowns``, drawn by
``pace.core.charts`` with their table twins."""

from decimal import Decimal

from pace.core.charts import ChartData, Row, Series, series

from .models import Mechanism


def by_year_chart(totals: dict[str, dict[str, Decimal]]) -> ChartData:
    """A column per financial year, stacked by how the money was awarded (only the
    mechanisms that were used)."""
    used = [m for m in Mechanism if any(m.value in year for year in totals.values())]
    return ChartData(
        id="grants-by-year",
        title="Grants by financial year and how they were awarded",
        series=series(*((m.value, m.label) for m in used)),
        rows=tuple(
            Row(year, tuple(by_mechanism.get(m.value, Decimal(0)) for m in used))
            for year, by_mechanism in totals.items()
        ),
        row_header="Financial year",
        kind="columns",
        money=True,
    )


def by_body_chart(rows: list[tuple[str, int, Decimal]]) -> ChartData:
    """A bar per deciding body (an Area Board for its area): the money it awarded."""
    return ChartData(
        id="grants-by-area",
        title="Grants by the area or board that decided them",
        series=(Series("total", "Awarded", "#1d70b8"),),
        rows=tuple(
            Row(f"{name} ({count} grant{'s' if count != 1 else ''})", (total,))
            for name, count, total in rows
        ),
        row_header="Decided by",
        money=True,
    )
