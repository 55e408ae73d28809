"""Sections this app adds to a body's page (see ``partnerships.panels``)."""

from pace.core.pagination import first_rows
from partnerships.panels import BodyPanel

from .selectors import body_consultations

#: Consultations a body's page lists, the most recent first.
CONSULTATIONS_SHOWN = 10


def consultations_panel(request, body) -> BodyPanel | None:
    """The body's published consultations, in one query."""
    consultations, more = first_rows(body_consultations(body), CONSULTATIONS_SHOWN)
    if not consultations:
        return None
    return BodyPanel(
        template="consultations/_body_consultations_panel.html",
        context={"body": body, "consultations": consultations, "more": more},
        order=50,
    )
