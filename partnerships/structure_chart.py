"""The partnership structure as SVG charts, laid out from the tree: on the
structure page and in the cabinet report's appendix (``pace.reports.appendices``).

The geometry is worked out here and ``Chart.to_svg`` writes the SVG, escaping every
name and title (written in Python rather than a template: at a thousand bodies the
template's variable look-ups were most of a report's time). Two layouts:

- ``overview_chart``: a body at the top and the bodies accountable to it on either
  side of a spine below it (the seed's appendix 1);
- ``branch_charts``: a body and everything below it as an indented tree, cut into
  charts short enough for a page, the lines carried across the cuts.

Given the relations between bodies (``selectors.structure_relations``), both draw
those between bodies on the same chart, each kind in its own line pattern, with a
legend (``chart_relations``); ``overview_charts`` draws a top body with nothing
below it (the Assembly) above the top body it has relations with, on one chart.

Text is measured with an average character width for the stack in ``pdf.css``
(Liberation Sans, with Arial's metrics); names wrap onto a second line.
"""

import itertools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from partnerships import chart_relations
from partnerships.chart_relations import RelationPath
from partnerships.selectors import RelationInTree, TreeNode

NAME_SIZE = 11  # px
KIND_SIZE = 9
LINE = 13  # height of a line of name text
PAD = 7
CHAR_WIDTH = 0.56  # average advance of Liberation Sans bold, in ems (conservative)
PAGE_HEIGHT = 760  # the tallest chart that fits an A4 page with its heading


def _f(value: float) -> str:
    """A coordinate for the SVG, as text: the template then needs no number filters
    (``floatformat`` on hundreds of coordinates was most of a cached download's time)."""
    return f"{value:.1f}".removesuffix(".0")


@dataclass
class Box:
    x: float
    y: float
    width: float
    height: float
    lines: list[str]
    kind: str
    level: int = 0
    pk: int = 0  # the body's: where relations' lines join

    @property
    def svg(self) -> dict[str, str]:
        return {
            "x": _f(self.x),
            "y": _f(self.y),
            "width": _f(self.width),
            "height": _f(self.height),
            "text_x": _f(self.x + PAD),
            "kind_y": _f(self.kind_y),
        }

    @property
    def name_ys(self) -> list[float]:
        return [self.y + PAD + NAME_SIZE + i * LINE for i in range(len(self.lines))]

    @property
    def name_lines(self) -> list[tuple[str, str]]:
        return [(line, _f(y)) for line, y in zip(self.lines, self.name_ys, strict=True)]

    @property
    def kind_y(self) -> float:
        return self.y + PAD + NAME_SIZE + len(self.lines) * LINE + 1


@dataclass
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def svg(self) -> dict[str, str]:
        return {"x1": _f(self.x1), "y1": _f(self.y1), "x2": _f(self.x2), "y2": _f(self.y2)}


@dataclass
class Chart:
    title: str
    description: str
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    id: str = ""
    paths: list[RelationPath] = field(default_factory=list)
    #: The line styles the legend names ("tree" and relation kinds), and where it starts.
    legend: list[str] = field(default_factory=list)
    legend_y: float = 0.0

    @property
    def svg(self) -> dict[str, str]:
        return {"width": _f(self.width), "height": _f(self.height)}

    def shift(self, dx: float) -> None:
        """Move everything drawn ``dx`` to the right (to make room on the left)."""
        if not dx:
            return
        for box in self.boxes:
            box.x += dx
        for s in self.segments:
            s.x1 += dx
            s.x2 += dx
        self.paths = [path.shifted(dx, 0) for path in self.paths]

    def to_svg(self) -> SafeString:
        """The chart as an SVG image. Its title is its text alternative in the PDF and
        on the page; the list that follows the chart gives the structure in full."""
        cid, width, height = escape(self.id), _f(self.width), _f(self.height)
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="pace-chart" role="img" '
            f'aria-labelledby="{cid}-title {cid}-desc" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" '
            'font-family="Liberation Sans, Arial, DejaVu Sans, sans-serif">',
            f'<title id="{cid}-title">{escape(self.title)}</title>',
            f'<desc id="{cid}-desc">{escape(self.description)}</desc>',
            *chart_relations.svg_defs(cid, sorted({p.kind for p in self.paths} | {*self.legend})),
            '<g stroke="#0b0c0c" stroke-width="1.2" fill="none">',
        ]
        parts += [
            f'<line x1="{_f(s.x1)}" y1="{_f(s.y1)}" x2="{_f(s.x2)}" y2="{_f(s.y2)}"/>'
            for s in self.segments
        ]
        parts.append("</g>")
        parts += chart_relations.svg_paths(cid, self.paths)
        for box in self.boxes:
            text_x = _f(box.x + PAD)
            fill = "#d2e2f1" if box.level == 0 else "#ffffff"
            parts.append(
                f'<g><rect x="{_f(box.x)}" y="{_f(box.y)}" width="{_f(box.width)}" '
                f'height="{_f(box.height)}" rx="3" fill="{fill}" stroke="#0b0c0c" '
                'stroke-width="1.2"/>'
            )
            parts += [
                f'<text x="{text_x}" y="{_f(y)}" font-size="{NAME_SIZE}" font-weight="bold" '
                f'fill="#0b0c0c">{escape(line)}</text>'
                for line, y in zip(box.lines, box.name_ys, strict=True)
            ]
            parts.append(
                f'<text x="{text_x}" y="{_f(box.kind_y)}" font-size="{KIND_SIZE}" '
                f'fill="#383f43">{escape(box.kind)}</text></g>'
            )
        if self.legend:
            parts += chart_relations.svg_legend(cid, self.legend, self.legend_y)
        parts.append("</svg>")
        # Safe: the markup is fixed, numbers are formatted here and every text escaped.
        return mark_safe("\n".join(parts))  # noqa: S308


@lru_cache(maxsize=8192)
def _wrap(name: str, width: float) -> tuple[str, ...]:
    """A name's lines in a box ``width`` wide. Kept per process: ``textwrap`` was
    most of the time of a report's charts at a thousand bodies, and the names are
    the same from one rendering to the next."""
    chars = max(8, int((width - 2 * PAD) / (NAME_SIZE * CHAR_WIDTH)))
    lines = textwrap.wrap(name, chars) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), chars, placeholder="…")]
    return tuple(lines)


def _box(node: TreeNode, x: float, y: float, width: float, level: int = 0) -> Box:
    lines = list(_wrap(node.body.name, width))
    height = PAD * 2 + len(lines) * LINE + KIND_SIZE + 3
    return Box(x, y, width, height, lines, node.body.kind_label, level, node.body.pk)


def overview_chart(
    root: TreeNode,
    relations: Sequence[RelationInTree] = (),
    beside: Sequence[TreeNode] = (),
) -> Chart:
    """``root`` at the top; the bodies accountable to it in two columns either side
    of a spine, in the tree's order (left, right, left, ...). ``beside``: other top
    bodies with nothing below them, drawn in a row above ``root`` (the Assembly, which
    the Leaders Board reports to and takes guidance from). The ``relations`` between
    bodies on the chart are drawn with a legend."""
    box_w, gap, margin = 250.0, 22.0, 2.0
    width = 2 * (box_w + gap) + 2 * margin
    spine = width / 2
    tops = [_box(node, 0, margin, box_w) for node in beside]
    x = spine - (len(tops) * box_w + (len(tops) - 1) * 2 * gap) / 2
    for box in tops:
        box.x, x = x, x + box_w + 2 * gap
    width = max(width, x - 2 * gap + margin)
    above = max((box.height for box in tops), default=0)
    for box in tops:
        box.height = above
    top = _box(root, spine - 140, margin + (above + 36 if tops else 0), 280.0)
    names = ", ".join(node.body.name for node in beside)
    chart = Chart(
        title=f"Structure chart: {root.body.name}",
        description=(
            (f"{names} above, then " if beside else "")
            + f"{root.body.name} at the top, with the {len(root.children)} bodies "
            "accountable to it below."
            + (
                " Patterned lines with arrows show the other relations between them, "
                "named in the legend under the chart."
                if relations
                else ""
            )
        ),
        width=width,
        height=0,
        boxes=[*tops, top],
        id=f"chart-{root.body.pk}",
    )
    y = top.y + top.height + 20
    last_mid = top.y + top.height
    for left, right in itertools.zip_longest(root.children[::2], root.children[1::2]):
        row = [_box(left, spine - gap - box_w, y, box_w, 1)]
        if right is not None:
            row.append(_box(right, spine + gap, y, box_w, 1))
        height = max(box.height for box in row)
        for box in row:
            box.height = height
            mid = box.y + height / 2
            edge = box.x + box.width if box.x < spine else box.x
            chart.segments.append(Segment(edge, mid, spine, mid))
            last_mid = mid
        chart.boxes += row
        y += height + 12
    if root.children:
        chart.segments.insert(0, Segment(spine, top.y + top.height, spine, last_mid))
    chart.height = y - 12 + margin if root.children else top.y + top.height + margin
    if relations:
        _relations_on_overview(chart, top, tops, relations)
    return chart


def _relations_on_overview(chart: Chart, top: Box, tops: list[Box], relations) -> None:
    """Lines between the top body and those drawn above it go straight up or down
    between the two; every other line goes round the outside (``route``)."""
    above = {box.pk: box for box in tops}
    straight = [
        r
        for r in relations
        if {r.from_pk, r.to_pk} & above.keys() and top.pk in {r.from_pk, r.to_pk}
    ]
    for box in tops:
        mine = [r for r in straight if box.pk in (r.from_pk, r.to_pk)]
        lo, hi = max(box.x, top.x) + 20, min(box.x + box.width, top.x + top.width) - 20
        for i, relation in enumerate(mine):
            x = lo + (hi - lo) * (i + 1) / (len(mine) + 1)
            ends = [(x, top.y), (x, box.y + box.height)]
            if relation.from_pk == box.pk:
                ends.reverse()
            chart.paths.append(RelationPath(relation.kind, ends))
    centre = chart.width / 2

    def side_of(box: Box) -> str:
        if box is top or box.pk in above:
            return "either"
        return "left" if box.x < centre else "right"

    chart_relations.route(chart, [r for r in relations if r not in straight], side_of=side_of)
    chart_relations.add_legend(chart)


def overview_charts(roots: list[TreeNode], relations: Sequence[RelationInTree] = ()) -> list[Chart]:
    """An overview chart of each top body, where a top body with nothing below it
    that has relations with one that has (the Assembly and the Leaders Board) is
    drawn above that one rather than alone."""
    partners: dict[int, list[TreeNode]] = {}
    placed: set[int] = set()
    with_children = [root for root in roots if root.children]
    for root in roots:
        if root.children:
            continue
        ends = [(r.from_pk, r.to_pk) for r in relations if root.body.pk in (r.from_pk, r.to_pk)]
        pks = {pk for pair in ends for pk in pair}
        host = next((other for other in with_children if other.body.pk in pks), None)
        if host is not None:
            partners.setdefault(host.body.pk, []).append(root)
            placed.add(root.body.pk)
    return [
        overview_chart(root, relations, partners.get(root.body.pk, ()))
        for root in roots
        if root.body.pk not in placed
    ]


def branch_charts(branch: TreeNode, relations: Sequence[RelationInTree] = ()) -> list[Chart]:
    """``branch`` and all below it as an indented tree: each body on its own row,
    indented by its depth, joined to its parent by an elbow. Cut into charts no
    taller than ``PAGE_HEIGHT``. The ``relations`` between two bodies on the same
    chart are drawn on its right, with a legend; the text twin lists them all."""
    indent, box_w, gap, margin = 26.0, 330.0, 8.0, 2.0
    rows: list[tuple[Box, Box | None]] = []  # (box, parent's box)

    def walk(node: TreeNode, depth: int, parent: Box | None, y: float) -> float:
        box = _box(node, margin + depth * indent, y, box_w, depth)
        rows.append((box, parent))
        y += box.height + gap
        for child in node.children:
            y = walk(child, depth + 1, box, y)
        return y

    walk(branch, 0, None, margin)
    depth = max(box.level for box, _ in rows)
    width = margin * 2 + depth * indent + box_w

    # Lines in the coordinates of one tall chart: from each parent a vertical line
    # at its left edge plus half an indent, down to its last child's middle.
    segments: list[Segment] = []
    last_child_mid: dict[int, float] = {}
    for box, parent in rows:
        if parent is not None:
            x = parent.x + indent / 2
            mid = box.y + box.height / 2
            segments.append(Segment(x, mid, box.x, mid))
            last_child_mid[id(parent)] = mid
    for box, _ in rows:
        if id(box) in last_child_mid:
            x = box.x + indent / 2
            segments.append(Segment(x, box.y + box.height, x, last_child_mid[id(box)]))

    # Cut at row boundaries into page-sized charts, clipping the vertical lines.
    cuts: list[tuple[float, float, list[Box]]] = []
    for box, _ in rows:
        if cuts and box.y + box.height - cuts[-1][0] <= PAGE_HEIGHT:
            start, _end, boxes = cuts[-1]
            cuts[-1] = (start, box.y + box.height + gap, [*boxes, box])
        else:
            start = box.y - (gap if cuts else margin)
            cuts.append((start, box.y + box.height + gap, [box]))
    charts = []
    for i, (start, end, boxes) in enumerate(cuts, 1):
        part = f" (part {i} of {len(cuts)})" if len(cuts) > 1 else ""
        chart = Chart(
            title=f"Structure chart: {branch.body.name}{part}",
            description=(
                f"{branch.body.name} and the bodies accountable to it, each indented "
                "under the body it is accountable to."
            ),
            width=width,
            height=end - start,
            id=f"chart-{branch.body.pk}-{i}",
        )
        for box in boxes:
            chart.boxes.append(
                Box(
                    box.x,
                    box.y - start,
                    box.width,
                    box.height,
                    box.lines,
                    box.kind,
                    box.level,
                    box.pk,
                )
            )
        for s in segments:
            top, bottom = min(s.y1, s.y2), max(s.y1, s.y2)
            if bottom < start or top > end:
                continue
            chart.segments.append(
                Segment(
                    s.x1,
                    max(s.y1, start) - start,
                    s.x2,
                    min(s.y2, end) - start,
                )
            )
        if relations:
            chart_relations.route(chart, relations, side_of=lambda box: "right")
            chart_relations.add_legend(chart)
        charts.append(chart)
    return charts


def names_in(nodes: list[TreeNode]) -> dict[int, str]:
    """Each body's name by its key, for the bodies in ``nodes`` and below them."""
    names, stack = {}, list(nodes)
    while stack:
        node = stack.pop()
        names[node.body.pk] = node.body.name
        stack += node.children
    return names


def tree_list(nodes: list[TreeNode]) -> SafeString:
    """Bodies as a nested bulleted list, without links so that it reads the same in a
    PDF: the structure the charts draw, as text. Walked without recursion, as deep
    trees may be; every name escaped."""
    parts = ['<ul class="govuk-list govuk-list--bullet pace-tree-list">']
    stack = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            parts.append("</ul></li>" if stack else "</ul>")
            continue
        body = node.body
        parts.append(
            f'<li>{escape(body.name)} <span class="pace-secondary">'
            f"({escape(body.kind_label)})</span>"
        )
        if node.children:
            parts.append('<ul class="govuk-list govuk-list--bullet pace-tree-list">')
            stack.append(iter(node.children))
        else:
            parts.append("</li>")
    # Safe: the markup is fixed and every name went through escape().
    return mark_safe("\n".join(parts))  # noqa: S308
