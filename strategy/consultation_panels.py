"""Sections this app adds to a body's page (see ``partnerships.panels``)."""

from partnerships.panels import BodyPanel

from .consultation_selectors import body_consultations


def consultations_panel(request, body) -> BodyPanel | None:
    """The body's published consultations, in one query."""
    consultations = list(body_consultations(body)[:10])
    if not consultations:
        return None
    return BodyPanel(
        template="strategy/_body_consultations_panel.html",
        context={"body": body, "consultations": consultations},
        order=50,
    )
