"""What funding adds to a body's page (partnerships.panels): the grants a body
received, and for an Area Board the grants it decided and the participatory
budgeting rounds it ran."""

from django.utils import timezone

from pace.core import fragments
from partnerships.models import BodyKind
from partnerships.panels import BodyPanel

from . import selectors


def grants_panel(request, body) -> BodyPanel | None:
    """One query, whatever the number of grants."""
    grants = selectors.body_grants(body)
    if not grants:
        return None
    return BodyPanel(
        template="funding/_body_grants.html",
        context={"grants": grants, "total": sum(g.amount for g in grants), "body": body},
        order=60,
    )


def area_board_panel(request, body) -> BodyPanel | None:
    """An Area Board's decisions on money: two queries (the grants it decided with
    their count and total, and its rounds), none when they are kept; none for any
    other kind of body."""
    if body.kind != BodyKind.AREA_BOARD:
        return None
    today = timezone.localdate()
    # Public grants and rounds, the same for every reader: kept until the data
    # changes (pace.core.fragments).
    decided, rounds = fragments.cached(
        "area-board-funding",
        reader=fragments.EVERYONE,
        key=(body.pk,),
        build=lambda: (
            selectors.body_decided_grants(body),
            [(r, r.phase(today)) for r in selectors.body_rounds(body)],
        ),
    )
    return BodyPanel(
        template="funding/_area_board_funding.html",
        context={"decided": decided, "rounds": rounds, "body": body},
        order=61,
    )
