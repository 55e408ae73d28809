"""Reading a chart and its table twin back from a rendered page, so a test can
check that they show the same figures (``templates/includes/chart.html``)."""

import re
from decimal import Decimal
from html.parser import HTMLParser


def number(text: str) -> Decimal:
    """A figure as the table writes it: ``£8,000``, ``1,250.50``, ``3``."""
    cleaned = re.sub(r"[£,\s]", "", text)
    return Decimal(cleaned)


class _Reader(HTMLParser):
    def __init__(self, chart_id: str) -> None:
        super().__init__()
        self.chart_id = chart_id
        self.in_svg = self.in_table = False
        self.svg: dict[tuple[int, str], Decimal] = {}
        self.svg_totals: dict[int, Decimal] = {}
        self.table: dict[tuple[int, str], Decimal] = {}
        self.table_totals: dict[int, Decimal] = {}
        self.row = -1
        self.cell: tuple[str, str] | None = None  # (kind, series)
        self.text = ""
        self.svg_title = ""
        self._in_title = False
        self.found_svg = self.found_table = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and a.get("data-chart") == self.chart_id:
            self.in_svg = self.found_svg = True
        elif tag == "table" and a.get("data-chart-table") == self.chart_id:
            self.in_table = self.found_table = True
        elif self.in_svg:
            if tag == "title":
                self._in_title = True
            if "data-series" in a and "data-value" in a:
                key = (int(a["data-row"]), a["data-series"])
                self.svg[key] = Decimal(a["data-value"])
            if "data-total" in a:
                self.svg_totals[int(a["data-row"])] = Decimal(a["data-total"])
        elif self.in_table:
            if tag == "tr" and "data-row" in a:
                self.row = int(a["data-row"])
            elif tag == "td" and "data-series" in a:
                self.cell, self.text = ("value", a["data-series"]), ""
            elif tag == "td" and "data-total" in a:
                self.cell, self.text = ("total", ""), ""

    def handle_endtag(self, tag):
        if tag == "svg" and self.in_svg:
            self.in_svg = False
        elif tag == "title":
            self._in_title = False
        elif tag == "table" and self.in_table:
            self.in_table = False
        elif tag == "td" and self.cell is not None:
            kind, key = self.cell
            if kind == "value":
                self.table[(self.row, key)] = number(self.text)
            else:
                self.table_totals[self.row] = number(self.text)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.text += data
        if self._in_title:
            self.svg_title += data


def read_chart(html: str, chart_id: str) -> _Reader:
    reader = _Reader(chart_id)
    reader.feed(html)
    assert reader.found_svg, f"no chart {chart_id} on the page"
    assert reader.found_table, f"no table twin of {chart_id} on the page"
    return reader


def assert_chart_matches_table(html: str, chart_id: str) -> dict[tuple[int, str], Decimal]:
    """The chart's figures (a bar, a column or a point each) are the table's; the
    table's other cells are zero, which draw nothing. The figures, by (row, series)."""
    r = read_chart(html, chart_id)
    assert r.svg == {key: value for key, value in r.table.items() if value or key in r.svg}
    assert all(value == 0 for key, value in r.table.items() if key not in r.svg)
    # A total the chart writes is the table's Total column, or the row's one figure.
    for row, total in r.svg_totals.items():
        values = [v for (n, _), v in r.table.items() if n == row]
        assert total == r.table_totals.get(row, sum(values)), (row, total)
    return r.table
