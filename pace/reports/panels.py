"""A section on each body's page linking to its annual progress report."""

from django.urls import reverse

from partnerships.access import body_access
from partnerships.panels import BodyPanel

from . import selectors
from .models import AnnualReport


def annual_report_panel(request, body) -> BodyPanel | None:
    """The year to date's report, offered only when it would report something to
    this reader (the PDF shows each reader what they may see), and the reports
    presented in earlier years, as they were presented: two queries. No section
    when there is neither."""
    has_content = selectors.annual_report_has_content(body, access=body_access(request))
    presented = list(AnnualReport.objects.filter(body=body).select_related("presented_to"))
    if not has_content and not presented:
        return None
    return BodyPanel(
        template="reports/_body_panel.html",
        context={
            "body": body,
            "url": reverse("reports:body-annual-report", args=[body.slug]) if has_content else "",
            "presented": presented,
        },
        order=90,
    )
