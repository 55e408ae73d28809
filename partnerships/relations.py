"""The words for typed relations between bodies (``RelationKind``), from each end.

A relation reads one way from the body that holds it ("Reports to the Assembly")
and the other way from the body it points at ("Receives reports from the Leaders
Board"); "works with" reads the same from both. The body page, the structure
chart's legend and text twin, and the open data all take their words from here.
"""

from .models import RelationKind

R = RelationKind

#: Headings, in the order a body's page lists them: what the body does, then what
#: is done towards it.
OUTGOING: dict[str, str] = {
    R.COMMISSIONED_BY: "Commissioned by",
    R.REPORTS_TO: "Reports to",
    R.TAKES_GUIDANCE_FROM: "Takes guidance from",
    R.WORKS_WITH: "Works with",
}
INCOMING: dict[str, str] = {
    R.COMMISSIONED_BY: "Commissions",
    R.REPORTS_TO: "Receives reports from",
    R.TAKES_GUIDANCE_FROM: "Gives guidance to",
    R.WORKS_WITH: "Works with",
}


def relation_heading(kind: str, *, outgoing: bool) -> str:
    return (OUTGOING if outgoing else INCOMING)[kind]


def relation_sentence(from_name: str, kind: str, to_name: str) -> str:
    """ "Cheshire East Leaders Board reports to Cheshire East Assembly"."""
    return f"{from_name} {OUTGOING[kind].lower()} {to_name}"
