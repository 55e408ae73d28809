"""Publishing turn-the-curve reports from the admin: an action that publishes the
chosen drafts, and the "Publish a correction" page (``pace.core.publication_admin``)
for a published one, both through ``services.curve_report_publish``. Mixed into the
report's admin class (``admin.CurveReportAdmin``)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from pace.core.publication_admin import CorrectionAdmin

from . import services
from .models import CurveReport, CurveReportStatus


class CurveReportPublishing(CorrectionAdmin):
    correction_label = "report"
    actions = ["publish"]

    def publish_correction(self, obj: CurveReport, correction: str, by):
        return services.curve_report_publish(report=obj, by=by, correction=correction)

    def published_versions_of(self, obj: CurveReport) -> list:
        return services.curve_report_versions(obj)

    @admin.display(description="Read it")
    def publication(self, report: CurveReport) -> str:
        if report.pk is None:
            return "Save the report to preview it."
        slug = report.indicator.slug
        links = format_html(
            '<a href="{}">The web page</a> · <a href="{}">The PDF</a>',
            reverse("indicators:curve-report", args=[slug, report.pk]),
            reverse("indicators:curve-report-pdf", args=[slug, report.pk]),
        )
        if report.status != CurveReportStatus.PUBLISHED:
            return format_html(
                "{}<br>A draft: publish it with the action on the list of reports.", links
            )
        return format_html("{}<br>{}", links, self.correction_link(report))

    @admin.action(description="Publish the selected turn-the-curve reports", permissions=["change"])
    def publish(self, request, queryset) -> None:
        published = 0
        for report in queryset.select_related("indicator"):
            if report.status == CurveReportStatus.PUBLISHED:
                self.message_user(
                    request,
                    f"“{report.title}” is already published: change it by publishing a correction.",
                    level=messages.WARNING,
                )
                continue
            try:
                services.curve_report_publish(report=report, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"“{report.title}”: {' '.join(error.messages)}", level=messages.ERROR
                )
                continue
            published += 1
        if published:
            self.message_user(
                request, f"{published} report{'s' if published != 1 else ''} published."
            )
