"""A section on each body's page linking to its annual progress report."""

from django.urls import reverse

from partnerships.panels import BodyPanel


def annual_report_panel(request, body) -> BodyPanel:
    """No queries: the link is the same for everyone; the PDF shows each reader
    what they may see."""
    return BodyPanel(
        template="reports/_body_panel.html",
        context={"body": body, "url": reverse("reports:body-annual-report", args=[body.slug])},
        order=90,
    )
