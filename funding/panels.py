"""The "Grants received" section of a body's page (partnerships.panels)."""

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
