"""The appendix registry and the structure charts drawn from the tree."""

import datetime
import re

import pytest

from pace.reports import appendices
from pace.reports.appendices import Appendix, AppendixPart, register_appendix_kind
from partnerships import structure_chart
from partnerships.models import BodyKind
from partnerships.selectors import structure_tree
from tests.partnerships import factories as f
from tests.reports import factories as rf

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 1, 1)


def test_appendices_come_in_the_registry_order_and_are_numbered():
    strategy = rf.strategy()
    f.area()
    report = rf.report(
        include_structure_chart=True,
        include_risk_log=True,
        appendix_strategy=strategy,
    )
    titles = [(a.number, a.title) for a in appendices.report_appendices(report, on=ON)]
    assert titles == [
        (1, "Partnership structure"),
        (2, "Bodies accountable to the boards"),
        (3, "Risk log"),
    ]
    assert [a.title for a in appendices.report_appendices(rf.report(), on=ON)] == []


def test_a_new_kind_of_appendix_is_one_more_entry(monkeypatch):
    monkeypatch.setattr(appendices, "_kinds", dict(appendices._kinds))
    seen = []

    @register_appendix_kind("grants", order=25)
    def grants(report, *, on):
        seen.append((report, on))
        return [Appendix("Grants", (AppendixPart("reports/_blocks.html", {"blocks": []}),))]

    strategy = rf.strategy()
    report = rf.report(include_project_plan=True, appendix_strategy=strategy)
    result = appendices.report_appendices(report, on=ON)
    assert [(a.label, a.title) for a in result] == [
        ("Appendix 1", "Project plan"),
        ("Appendix 2", "Grants"),
    ]
    assert seen == [(report, ON)]
    assert "grants" in [kind.key for kind in appendices.appendix_kinds()]


def test_overview_chart_puts_the_children_either_side_of_a_spine():
    leaders = f.body(BodyKind.LEADERS_BOARD, name="Leaders")
    for i in range(5):
        f.body(BodyKind.AREA_BOARD, leaders, name=f"Area {i}")
    (root,) = structure_tree()
    chart = structure_chart.overview_chart(root)
    top, *children = chart.boxes
    assert top.lines == ["Leaders"] and len(children) == 5
    spine = chart.width / 2
    assert [box.x < spine for box in children] == [True, False, True, False, True]
    for box in chart.boxes:
        assert box.x >= 0 and box.x + box.width <= chart.width
        assert box.y >= 0 and box.y + box.height <= chart.height
    # A spine and one connector a child.
    assert len(chart.segments) == 6


def test_a_long_branch_is_cut_into_page_sized_charts_with_every_body_once():
    leaders = f.body(BodyKind.LEADERS_BOARD)
    board = f.body(BodyKind.AREA_BOARD, leaders, name="Big Area Board")
    amg = f.body(BodyKind.AREA_MANAGEMENT_GROUP, board, name="Big AMG")
    for i in range(12):
        f.body(BodyKind.WORKING_GROUP, amg, name=f"Working group {i}")
    for i in range(25):
        f.body(BodyKind.TOWN_PARTNERSHIP, board, name=f"Town partnership number {i} " * 3)
    (root,) = structure_tree()
    (branch,) = [child for child in root.children if child.children]
    charts = structure_chart.branch_charts(branch)
    assert len(charts) >= 2
    names = [" ".join(box.lines) for chart in charts for box in chart.boxes]
    assert len(names) == 1 + 1 + 12 + 25
    assert names[0] == "Big Area Board" and names[1] == "Big AMG"
    for chart in charts:
        assert chart.height <= structure_chart.PAGE_HEIGHT + 20
        for s in chart.segments:
            assert min(s.y1, s.y2) >= 0 and max(s.y1, s.y2) <= chart.height
    # Long names wrap onto two lines at most, shortened if need be.
    assert max(len(box.lines) for chart in charts for box in chart.boxes) == 2
    assert len({chart.id for chart in charts}) == len(charts)


def test_names_in_the_svg_are_escaped():
    leaders = f.body(BodyKind.LEADERS_BOARD, name='Board <script>alert("x")</script>')
    f.body(BodyKind.AREA_BOARD, leaders, name="Area & Co")
    (root,) = structure_tree()
    svg = structure_chart.overview_chart(root).to_svg()
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Area &amp; Co" in svg
    assert re.search(r'<title id="chart-\d+-title">Structure chart: Board &lt;script', svg)
    listed = structure_chart.tree_list([root])
    assert "<script>" not in listed and "&lt;script&gt;" in listed
    assert "<li>Area &amp; Co" in listed


def test_the_structure_list_nests_as_the_tree_does():
    leaders = f.body(BodyKind.LEADERS_BOARD, name="Leaders")
    board = f.body(BodyKind.THEMATIC_BOARD, leaders, name="Board")
    f.body(BodyKind.THEMATIC_GROUP, board, name="Group")
    f.body(BodyKind.AREA_BOARD, leaders, name="Area")
    html = structure_chart.tree_list(structure_tree())
    assert html.count("<ul") == html.count("</ul>") == 3
    assert html.count("<li>") == html.count("</li>") == 4
    flat = re.sub(r"\s+", "", re.sub(r'<span class="pace-secondary">[^<]*</span>', "", html))
    assert re.sub(r'class="[^"]*"', "", flat) == (
        "<ul><li>Leaders<ul><li>Board<ul><li>Group</li></ul></li><li>Area</li></ul></li></ul>"
    )
