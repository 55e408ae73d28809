"""The typed relations between bodies (``RelationKind``) on the structure charts.

Each kind of relation has its own line pattern and, for the one-way kinds, an arrow
pointing at the body the relation is towards (the body reported to, giving guidance,
commissioning); "works with", said of both alike, has none. The pattern and the
arrow tell the kinds apart without colour, which is only a second cue (WCAG 1.4.1);
every colour has a contrast of at least 3:1 on white (1.4.11). A legend under the
chart names each line, and ``relations_list`` gives the relations as sentences: the
chart's text twin.

Lines are routed outside the boxes, so they never cross a name: out of a box's
outer edge to a lane of their own beside the chart, along it, and into the other
box; between the two columns of an overview chart, round the bottom. ``route``
works on a chart ``structure_chart`` has laid out and widens it for the lanes.
"""

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .models import RelationKind
from .relations import relation_sentence

R = RelationKind

LANE = 9.0  # px between two lanes (and from the boxes to the first)
LEGEND_ROW = 16.0
LEGEND_SIZE = 10


@dataclass(frozen=True)
class LineStyle:
    colour: str
    dash: str  # SVG stroke-dasharray; "" for a solid line
    legend: str
    arrow: bool = True


#: "tree" is the tree's own line: accountable to, and commissioned by, the body above.
STYLES: dict[str, LineStyle] = {
    "tree": LineStyle("#0b0c0c", "", "Accountable to: joins a body to the one above it", False),
    R.COMMISSIONED_BY: LineStyle(
        "#1d70b8", "10 3 2 3", "Commissioned by: dash and dot, arrow to the commissioner"
    ),
    R.REPORTS_TO: LineStyle("#d4351c", "6 3", "Reports to: dashes, arrow to the body reported to"),
    R.TAKES_GUIDANCE_FROM: LineStyle(
        "#00703c", "1.5 3", "Takes guidance from: dots, arrow to the body that guides"
    ),
    R.WORKS_WITH: LineStyle(
        "#4c2c92", "14 4", "Works with: long dashes, no arrow (said of both)", arrow=False
    ),
}


def _f(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


@dataclass
class RelationPath:
    """A relation drawn as a polyline from the body that holds it to the other."""

    kind: str
    points: list[tuple[float, float]]

    @property
    def style(self) -> LineStyle:
        return STYLES[self.kind]

    def shifted(self, dx: float, dy: float) -> "RelationPath":
        return RelationPath(self.kind, [(x + dx, y + dy) for x, y in self.points])


def route(chart, relations, *, side_of) -> None:
    """Draw on ``chart`` each of ``relations`` (``RelationInTree``) whose two bodies
    both have a box on it. ``side_of(box)`` says from which edge a box's lines leave:
    "left", "right", or "either" (a box alone in its row, free on both sides). The
    chart is widened for the lanes and lengthened for the tracks along its bottom."""
    boxes = {box.pk: box for box in chart.boxes if box.pk}
    drawn = [r for r in relations if r.from_pk in boxes and r.to_pk in boxes]
    if not drawn:
        return
    # Which edge each end leaves from; a free box follows the other end.
    ends: list[tuple[object, str, object, str]] = []
    for relation in drawn:
        a, b = boxes[relation.from_pk], boxes[relation.to_pk]
        side_a, side_b = side_of(a), side_of(b)
        if side_a == "either":
            side_a = "left" if side_b == "either" else side_b
        if side_b == "either":
            side_b = side_a
        ends.append((a, side_a, b, side_b))
    # Spread the lines leaving one edge of a box down its height.
    at_edge: dict[tuple[int, str], list[int]] = {}
    for i, (a, side_a, b, side_b) in enumerate(ends):
        at_edge.setdefault((id(a), side_a), []).append(i)
        at_edge.setdefault((id(b), side_b), []).append(i)

    def attach(box, side: str, i: int) -> tuple[float, float]:
        row = at_edge[id(box), side]
        y = box.y + box.height * (row.index(i) + 1) / (len(row) + 1)
        return (box.x if side == "left" else box.x + box.width, y)

    left = min(box.x for box in chart.boxes)
    right = max(box.x + box.width for box in chart.boxes)
    bottom = max(box.y + box.height for box in chart.boxes)
    lanes = {"left": 0, "right": 0}
    tracks = 0
    paths = []
    for i, (a, side_a, b, side_b) in enumerate(ends):
        start, end = attach(a, side_a, i), attach(b, side_b, i)
        lanes[side_a] += 1
        x_a = left - LANE * lanes["left"] if side_a == "left" else right + LANE * lanes["right"]
        if side_a == side_b:
            points = [start, (x_a, start[1]), (x_a, end[1]), end]
        else:
            lanes[side_b] += 1
            tracks += 1
            x_b = left - LANE * lanes["left"] if side_b == "left" else right + LANE * lanes["right"]
            y = bottom + LANE * tracks
            points = [start, (x_a, start[1]), (x_a, y), (x_b, y), (x_b, end[1]), end]
        paths.append(RelationPath(drawn[i].kind, points))
    # Make room: the lanes on the left push everything right.
    shift = max(0.0, LANE * (lanes["left"] + 1) - left)
    chart.shift(shift)
    chart.paths += [path.shifted(shift, 0) for path in paths]
    chart.width = max(chart.width + shift, right + shift + LANE * (lanes["right"] + 1))
    chart.height = max(chart.height, bottom + LANE * (tracks + 1))


def add_legend(chart) -> None:
    """A legend under ``chart`` naming its lines: the tree's, if it has any, and each
    kind of relation drawn."""
    kinds = (["tree"] if chart.segments else []) + [
        kind for kind in STYLES if kind != "tree" and any(p.kind == kind for p in chart.paths)
    ]
    if not chart.paths:
        return  # the tree's lines alone need no legend (the page says what they are)
    chart.legend = kinds
    chart.legend_y = chart.height + 8
    chart.height = chart.legend_y + LEGEND_ROW * len(kinds) + 2
    longest = max(len(STYLES[kind].legend) for kind in kinds)
    chart.width = max(chart.width, 40 + LEGEND_SIZE * 0.55 * longest)


def _stroke(style: LineStyle) -> str:
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return f'stroke="{style.colour}" stroke-width="1.6"{dash}'


def svg_defs(cid: str, kinds: list[str]) -> list[str]:
    """An arrowhead per kind drawn with one, in its colour."""
    parts = []
    for kind in kinds:
        style = STYLES[kind]
        if style.arrow:
            parts.append(
                f'<marker id="{cid}-arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" '
                'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
                f'<path d="M0,0 L10,5 L0,10 z" fill="{style.colour}"/></marker>'
            )
    return ["<defs>", *parts, "</defs>"] if parts else []


def _marker(cid: str, kind: str) -> str:
    return f' marker-end="url(#{cid}-arrow-{kind})"' if STYLES[kind].arrow else ""


def svg_paths(cid: str, paths: list[RelationPath]) -> list[str]:
    return [
        f'<path class="pace-relation pace-relation--{path.kind}" data-relation="{path.kind}" '
        f'd="M{" L".join(f"{_f(x)},{_f(y)}" for x, y in path.points)}" fill="none" '
        f"{_stroke(path.style)}{_marker(cid, path.kind)}/>"
        for path in paths
    ]


def svg_legend(cid: str, kinds: list[str], y: float) -> list[str]:
    parts = ['<g class="pace-chart-legend">']
    for i, kind in enumerate(kinds):
        style = STYLES[kind]
        row = y + LEGEND_ROW * i + LEGEND_ROW / 2
        parts.append(
            f'<path d="M4,{_f(row)} L34,{_f(row)}" fill="none" {_stroke(style)}'
            f"{_marker(cid, kind)}/>"
            f'<text x="40" y="{_f(row + 3.5)}" font-size="{LEGEND_SIZE}" fill="#0b0c0c">'
            f"{escape(style.legend)}</text>"
        )
    parts.append("</g>")
    return parts


def relations_list(relations, names: dict[int, str]) -> SafeString:
    """The relations between the bodies in ``names`` (pk to name) as a list of
    sentences, without links so that it reads the same in a PDF; every name escaped.
    Empty when there are none."""
    items = [
        relation_sentence(names[r.from_pk], r.kind, names[r.to_pk])
        for r in relations
        if r.from_pk in names and r.to_pk in names
    ]
    if not items:
        return mark_safe("")
    parts = ['<ul class="govuk-list govuk-list--bullet pace-relation-list">']
    parts += [f"<li>{escape(item)}</li>" for item in items]
    parts.append("</ul>")
    # Safe: the markup is fixed and every sentence went through escape().
    return mark_safe("\n".join(parts))  # noqa: S308
