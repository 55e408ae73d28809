"""Reports on the web and as PDFs. Each page and its PDF are fed by the same
function in ``selectors``; PDFs come through ``pace.core.pdf.cached_pdf``, rendered once
for each state of the document and of the data it draws on."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from pace.core.cache import cache_params
from pace.core.pdf import cached_pdf, pdf_response, render_html
from pace.core.publication import version_chosen, version_pdf_response
from pace.reports.models import AnnualReport
from partnerships.access import body_access
from partnerships.kept_pages import kept_for_scope
from partnerships.models import Body

from . import live, selectors, services


@cache_params("page")
@kept_for_scope
def report_list(request):
    """Published reports, newest meeting first. Template: reports/report_list.html."""
    reports = selectors.published_reports()
    page = Paginator(reports, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/report_list.html",
        {"page": page, "breadcrumbs": [("Reports", None)], "nav_section": "reports"},
    )


def _versions(report) -> list:
    """A published report's versions; the first is kept now if it never was (a
    report published before versions were kept)."""
    versions = services.report_versions(report)
    return versions or [services.cabinet_report_freeze(report=report)]


@kept_for_scope
def report_detail(request, pk: int, number: int | None = None):
    """A report as an accessible web page: the same content as its PDF. A published
    report shows a version as it was published (the latest by default), with every
    version listed; a draft is drawn from live data, for officers only. Template:
    reports/report_detail.html."""
    report = selectors.cabinet_report_get(pk, user=request.user)
    context = {
        "report": report,
        "breadcrumbs": [("Reports", "/reports/"), (report.title, None)],
        "nav_section": "reports",
    }
    if report.is_published:
        versions = _versions(report)
        version = version_chosen(versions, number)
        context |= {
            "decisions": selectors.report_decisions(report),
            "version": version,
            "versions": versions,
            # Rendered by the report's own template when it was published, where
            # every text an officer typed was escaped.
            "version_html": mark_safe(version.html),  # noqa: S308
        }
    elif number is not None:
        raise Http404("A draft has no published versions")
    else:
        context["doc"] = selectors.cabinet_report_document(report)
    return render(request, "reports/report_detail.html", context)


def report_pdf(request, pk: int, number: int | None = None):
    """A report's PDF: a published version exactly as stored when it was published,
    or a draft's, drawn from live data."""
    report = selectors.cabinet_report_get(pk, user=request.user)
    if report.is_published:
        version = version_chosen(_versions(report), number)
        return version_pdf_response(
            version, filename=f"{slugify(report.title)[:80]}-{report.pk}-v{version.number}.pdf"
        )
    if number is not None:
        raise Http404("A draft has no published versions")
    doc = selectors.cabinet_report_document(report)
    html = render_html(
        template="pdf/cabinet_report.html",
        context={"doc": doc},
        title=doc.title,
        author=doc.author,
    )
    pdf = cached_pdf(html=html, name=f"reports/{report.pk}")
    return pdf_response(pdf, filename=f"{slugify(doc.filename)}.pdf")


def body_annual_report_pdf(request, slug: str):
    """A body's annual progress report (agreement 5.5). Members of the body (and of
    the bodies above it) and officers see every action; anyone else sees the public
    actions of adopted plans (a copy the worker keeps current, ``live``)."""
    body = get_object_or_404(Body, slug=slug)
    doc, pdf = live.body_annual_report(body, access=body_access(request))
    return pdf_response(pdf, filename=f"{doc.filename}.pdf")


def annual_report_presented_pdf(request, slug: str, year: int, number: int | None = None):
    """A body's annual report as presented (or a later correction), exactly as kept."""
    report = get_object_or_404(
        AnnualReport.objects.select_related("body"), body__slug=slug, year=year
    )
    versions = services.annual_report_versions(report)
    if not versions:
        raise Http404("Not kept")
    version = version_chosen(versions, number)
    return version_pdf_response(
        version, filename=f"{slug}-annual-report-{year}-v{version.number}.pdf"
    )


def action_plan_pdf(request, pk: int):
    """An action plan. A draft plan is a 404 for anyone but its body's members (and
    those of the bodies above) and officers, who also see its private actions."""
    access = body_access(request)
    plan = selectors.action_plan_get(pk, access=access)
    doc, pdf = live.action_plan(plan, access=access)
    return pdf_response(pdf, filename=f"{doc.filename}.pdf")
