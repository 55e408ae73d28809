"""A section on each body's page linking to its annual progress report."""

from django.urls import reverse

from partnerships.panels import BodyPanel

from .models import AnnualReport


def annual_report_panel(request, body) -> BodyPanel:
    """The year to date's report (the link is the same for everyone; the PDF shows
    each reader what they may see) and the reports presented in earlier years, as
    they were presented: one query."""
    return BodyPanel(
        template="reports/_body_panel.html",
        context={
            "body": body,
            "url": reverse("reports:body-annual-report", args=[body.slug]),
            "presented": list(
                AnnualReport.objects.filter(body=body).select_related("presented_to")
            ),
        },
        order=90,
    )
