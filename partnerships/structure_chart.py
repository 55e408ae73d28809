"""The partnership structure as SVG charts, laid out from the tree: on the
structure page and in the cabinet report's appendix (``pace.reports.appendices``).

The geometry is worked out here and ``Chart.to_svg`` writes the SVG, escaping every
name and title (written in Python rather than a template: at a thousand bodies the
template's variable look-ups were most of a report's time). Two layouts:

- ``overview_chart``: a body at the top and the bodies accountable to it on either
  side of a spine below it (the seed's appendix 1);
- ``branch_charts``: a body and everything below it as an indented tree, cut into
  charts short enough for a page, the lines carried across the cuts.

Text is measured with an average character width for the stack in ``pdf.css``
(Liberation Sans, with Arial's metrics); names wrap onto a second line.
"""

import itertools
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from partnerships.selectors import TreeNode

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

    @property
    def svg(self) -> dict[str, str]:
        return {"width": _f(self.width), "height": _f(self.height)}

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
            '<g stroke="#0b0c0c" stroke-width="1.2" fill="none">',
        ]
        parts += [
            f'<line x1="{_f(s.x1)}" y1="{_f(s.y1)}" x2="{_f(s.x2)}" y2="{_f(s.y2)}"/>'
            for s in self.segments
        ]
        parts.append("</g>")
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
    return Box(x, y, width, height, lines, node.body.kind_label, level)


def overview_chart(root: TreeNode) -> Chart:
    """``root`` at the top; the bodies accountable to it in two columns either side
    of a spine, in the tree's order (left, right, left, ...)."""
    box_w, gap, margin = 250.0, 22.0, 2.0
    width = 2 * (box_w + gap) + 2 * margin
    spine = width / 2
    top = _box(root, spine - 140, margin, 280.0)
    chart = Chart(
        title=f"Structure chart: {root.body.name}",
        description=(
            f"{root.body.name} at the top, with the {len(root.children)} bodies "
            "accountable to it below."
        ),
        width=width,
        height=0,
        boxes=[top],
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
    return chart


def branch_charts(branch: TreeNode) -> list[Chart]:
    """``branch`` and all below it as an indented tree: each body on its own row,
    indented by its depth, joined to its parent by an elbow. Cut into charts no
    taller than ``PAGE_HEIGHT``."""
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
                Box(box.x, box.y - start, box.width, box.height, box.lines, box.kind, box.level)
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
        charts.append(chart)
    return charts


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
