"""A "turn the curve" report as a web page and a tagged PDF.

A draft is read only by members of its body (and of the bodies above it) and
officers, drawn from live data. A published report is a record: the page and the
PDF show a version as it was published (``services.curve_report_publish``), with
the indicator's figures, chart and status of that day, the latest by default or
``?version=<n>``; every version is listed, each later one saying what it
corrected."""

from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe

from pace.core.cache import cache_params
from pace.core.pdf import cached_pdf, pdf_response, render_html
from pace.core.publication import version_chosen, version_pdf_response
from partnerships.access import body_access

from . import selectors, services
from .models import CurveReportStatus


def _number(request) -> int | None:
    asked = request.GET.get("version", "")
    if not asked:
        return None
    if not asked.isdigit():
        raise Http404("No such version")
    return int(asked)


def _versions(report) -> list:
    return services.curve_report_versions(report) or [services.curve_report_freeze(report=report)]


def _is_published(report) -> bool:
    return report.status == CurveReportStatus.PUBLISHED


@cache_params("version")
def curve_report(request, slug: str, pk: int):
    """Template: indicators/curve_report.html. A published report: version,
    version_html (as published), versions. A draft: doc (``selectors.CurveDocument``)."""
    report = selectors.curve_report_get(slug=slug, pk=pk, access=body_access(request))
    indicator = report.indicator
    context = {
        "report": report,
        "indicator": indicator,
        "breadcrumbs": [
            ("Indicators", "/indicators/"),
            (indicator.title, indicator.get_absolute_url()),
            (report.title, None),
        ],
        "nav_section": "strategy",
    }
    number = _number(request)
    if _is_published(report):
        versions = _versions(report)
        version = version_chosen(versions, number)
        context |= {
            "version": version,
            "versions": versions,
            # Rendered by the report's own template when it was published, where
            # every text a member typed was escaped.
            "version_html": mark_safe(version.html),  # noqa: S308
        }
    elif number is not None:
        raise Http404("A draft has no published versions")
    else:
        context["doc"] = selectors.curve_report_document(report)
    return render(request, "indicators/curve_report.html", context)


@cache_params("version")
def curve_report_pdf(request, slug: str, pk: int):
    """The report as a tagged PDF: a published version exactly as kept, or a
    draft's, drawn from live data."""
    report = selectors.curve_report_get(slug=slug, pk=pk, access=body_access(request))
    number = _number(request)
    if _is_published(report):
        version = version_chosen(_versions(report), number)
        return version_pdf_response(
            version, filename=f"turn-the-curve-{slug}-{report.pk}-v{version.number}.pdf"
        )
    if number is not None:
        raise Http404("A draft has no published versions")
    doc = selectors.curve_report_document(report)
    html = render_html(
        template="pdf/curve_report.html", context={"doc": doc}, title=doc.title, author=doc.author
    )
    pdf = cached_pdf(html=html, name=f"curve-reports/{report.pk}")
    return pdf_response(pdf, filename=f"turn-the-curve-{slug}-{report.pk}-draft.pdf")
