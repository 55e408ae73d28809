"""The shared charts: one structure drawn and tabulated, accessible without script."""

import datetime
import re
from decimal import Decimal

from django.template.loader import render_to_string

from pace.core.chart_lines import Event, Timeline
from pace.core.charts import RATING_SERIES, ChartData, Row, Series, nice_ceiling, series

from ..charts import assert_chart_matches_table, read_chart


def rag_chart(**fields) -> ChartData:
    fields.setdefault(
        "rows",
        (Row("A) Jobs & <skills>", (1, 2, 3, 0, 4)), Row("B) Health", (0, 0, 0, 0, 0))),
    )
    return ChartData(
        id="t", title="Progress", series=RATING_SERIES, row_header="Priority", **fields
    )


def test_the_bars_and_the_table_show_the_same_figures():
    html = render_to_string("includes/chart.html", {"chart": rag_chart()})
    figures = assert_chart_matches_table(html, "t")
    assert figures[(0, "red")] == 1 and figures[(0, "complete")] == 4
    assert figures[(1, "green")] == 0
    reader = read_chart(html, "t")
    assert reader.svg_totals == {0: 10, 1: 0} == reader.table_totals


def test_a_chart_is_an_image_named_by_its_title_with_its_figures_in_words():
    svg = str(rag_chart().svg)
    assert 'role="img"' in svg and 'aria-labelledby="t-title t-desc"' in svg
    assert '<title id="t-title">Progress</title>' in svg
    assert "A) Jobs &amp; &lt;skills&gt;: 1 red, 2 amber, 3 green, 4 complete" in svg
    assert "B) Health: none" in svg
    assert "<script" not in svg and "<skills>" not in svg


def test_each_series_has_its_own_pattern_as_well_as_its_colour():
    svg = str(rag_chart().svg)
    patterns = re.findall(r'<pattern id="t-(\w+)"[^>]*>(.*?)</pattern>', svg)
    assert [key for key, _ in patterns] == [s.key for s in RATING_SERIES]
    assert len({body for _, body in patterns}) == len(RATING_SERIES)
    # The legend names every series beside its swatch.
    for s in RATING_SERIES:
        assert f">{s.label}</text>" in svg


def test_an_empty_chart_says_so():
    chart = rag_chart(rows=(Row("A", (0, 0, 0, 0, 0)),))
    assert chart.is_empty and "nothing to show yet" in chart.summary


def test_money_columns_by_year():
    chart = ChartData(
        id="m",
        title="Grants",
        series=series(("direct", "Direct grant"), ("pb", "Participatory budgeting")),
        rows=(
            Row("2016/17", (Decimal("72000"), Decimal("400000"))),
            Row("2017/18", (Decimal("8000.50"), Decimal(0))),
        ),
        row_header="Financial year",
        kind="columns",
        money=True,
    )
    html = render_to_string("includes/chart.html", {"chart": chart})
    figures = assert_chart_matches_table(html, "m")
    assert figures[(1, "direct")] == Decimal("8000.50")
    assert "£72,000" in html and "£8,000.50" in html and "£472,000" in html
    assert ">£500k</text>" in html and ">£472k</text>" in html  # the axis is short


def test_a_line_against_its_target_and_baseline():
    d = datetime.date
    chart = ChartData(
        id="l",
        title="Walkers",
        series=(Series("value", "People", "#1a65a6"),),
        rows=(Row("1 April 2025", (Decimal(10),)), Row("1 July 2025", (Decimal(25),))),
        dates=(d(2025, 4, 1), d(2025, 7, 1)),
        row_header="Date",
        kind="line",
        references=(("Target", Decimal(60)), ("Baseline", Decimal(5))),
        notes=("Target 60 people.",),
    )
    html = render_to_string("includes/chart.html", {"chart": chart})
    figures = assert_chart_matches_table(html, "l")
    assert figures == {(0, "value"): 10, (1, "value"): 25}
    assert 'data-reference="Target" data-value="60"' in html
    assert "Target 60 people." in html


def test_a_timeline_marks_today_and_says_what_was_missed():
    d = datetime.date
    timeline = Timeline(
        id="tl",
        title="Strategy",
        events=(
            Event(d(2017, 1, 1), "Consultation opens", "consultation"),
            Event(d(2017, 6, 1), "Plan agreed", "milestone", "missed"),
            Event(d(2030, 1, 1), "Ends", "period"),
        ),
        today=d(2026, 12, 1),
    )
    html = render_to_string("includes/timeline.html", {"timeline": timeline})
    svg_dates = re.findall(r'data-event="\d+" data-date="([\d-]+)"', html)
    table_dates = re.findall(r'<td class="govuk-table__cell" data-date="[\d-]+">([^<]+)</td>', html)
    assert svg_dates == ["2017-01-01", "2017-06-01", "2030-01-01"]
    assert [datetime.datetime.strptime(t, "%d %B %Y").date().isoformat() for t in table_dates] == (
        svg_dates
    )
    assert "Plan agreed (missed)" in html and "Today, 1 December 2026" in html
    # Today falls between the milestone and the end.
    assert html.index("Today, 1 December") < html.index(">Ends</text>")


def test_axes_end_at_round_numbers():
    assert [nice_ceiling(v) for v in (0, 3, 7, 12, 240, 472000)] == [1, 5, 10, 20, 250, 500000]
