"""Writes to cabinet reports. The admin and the example data call these.

A published report is a record: publishing keeps the report as it then stands
(``pace.core.publication``), and the public page and PDF serve that copy however
the data its appendices are drawn from changes. A change to a published report
reaches the public only as a correction, which says what it changed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from pace.core.dates import financial_year_bounds
from pace.core.models import PublishedVersion
from pace.core.publication import published_versions, version_publish

from .models import AnnualReport, CabinetReport, ReportParagraph, ReportStatus

#: The name of a report's document among its published versions.
DOCUMENT = "report"


def report_versions(report: CabinetReport) -> list[PublishedVersion]:
    return published_versions(report, DOCUMENT)


def _freeze(report: CabinetReport, *, by=None, correction: str = "") -> PublishedVersion:
    from .selectors import cabinet_report_document

    doc = cabinet_report_document(report)
    return version_publish(
        record=report,
        document=DOCUMENT,
        title=doc.title,
        author=doc.author,
        html=render_to_string("reports/_report_body.html", {"doc": doc}),
        by=by,
        correction=correction,
    )


@transaction.atomic
def cabinet_report_freeze(*, report: CabinetReport) -> PublishedVersion:
    """The first version of a report published before versions were kept (or saved
    as published without ``cabinet_report_publish``): kept as it stands now."""
    versions = report_versions(report)
    return versions[-1] if versions else _freeze(report)


@transaction.atomic
def cabinet_report_save(*, report: CabinetReport) -> CabinetReport:
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_paragraph_save(*, paragraph: ReportParagraph) -> ReportParagraph:
    """Save a paragraph. A sub-paragraph always sits in its paragraph's section."""
    if paragraph.parent_id and not paragraph.section:
        paragraph.section = paragraph.parent.section
    paragraph.full_clean()
    paragraph.save()
    return paragraph


@transaction.atomic
def cabinet_report_publish(*, report: CabinetReport, by=None) -> CabinetReport:
    """Publish the report: from now on the public see it as it stands now."""
    report.status = ReportStatus.PUBLISHED
    cabinet_report_save(report=report)
    if not report_versions(report):
        _freeze(report, by=by)
        _announce("cabinet", report.pk)
    return report


def _announce(kind: str, pk: int) -> None:
    """Subscribers are told by the worker once this commits (``notices``)."""
    from .notices import report_announce

    transaction.on_commit(lambda: report_announce.enqueue(kind, pk))


@transaction.atomic
def cabinet_report_correct(*, report: CabinetReport, correction: str, by=None) -> PublishedVersion:
    """Publish the report as it now stands as a correction of its published
    version; ``correction`` says what changed. The earlier versions stay public."""
    if not report.is_published:
        raise ValidationError(
            {"correction": "A draft report is not published: publish it instead."},
            code="not_published",
        )
    cabinet_report_freeze(report=report)
    return _freeze(report, by=by, correction=correction)


# Annual reports -------------------------------------------------------------------

#: The name of an annual report's document among its published versions.
ANNUAL_REPORT = "annual-report"


def annual_report_versions(report: AnnualReport) -> list[PublishedVersion]:
    return published_versions(report, ANNUAL_REPORT)


def _freeze_annual_report(
    report: AnnualReport, *, on, by=None, correction: str = ""
) -> PublishedVersion:
    from django.contrib.auth.models import AnonymousUser

    from partnerships.access import BodyAccess

    from .scorecards import chosen_outcomes, chosen_priorities, scorecard_parts
    from .selectors import body_annual_report_document

    _, year_end = financial_year_bounds(report.year)
    day = min(on, year_end)
    # The year as it stood on the day, as the public may read it, with the chosen
    # scorecards' figures as they stand on the day it is kept.
    doc = body_annual_report_document(
        report.body,
        access=BodyAccess(AnonymousUser()),
        on=day,
        scorecards=scorecard_parts(chosen_outcomes(report), chosen_priorities(report), on=on),
    )
    return version_publish(
        record=report,
        document=ANNUAL_REPORT,
        title=doc.title,
        author=doc.council_name,
        html=render_to_string("reports/_annual_report_body.html", {"doc": doc}),
        by=by,
        correction=correction,
    )


@transaction.atomic
def annual_report_present(
    *, report: AnnualReport, by=None, scorecard_outcomes=None, scorecard_priorities=None
) -> AnnualReport:
    """Record a body's annual report as presented, and keep it as it stood on the
    day it was presented, with the scorecards chosen (``scorecard_outcomes``,
    ``scorecard_priorities``: outcomes and priorities, or None to keep those set)."""
    report.full_clean()
    report.save()
    if scorecard_outcomes is not None:
        report.scorecard_outcomes.set(scorecard_outcomes)
    if scorecard_priorities is not None:
        report.scorecard_priorities.set(scorecard_priorities)
    if not annual_report_versions(report):
        _freeze_annual_report(report, on=report.presented_on, by=by)
        _announce("annual", report.pk)
    return report


@transaction.atomic
def annual_report_correct(*, report: AnnualReport, correction: str, by=None) -> PublishedVersion:
    """Publish the year's report as the data now stands as a correction of the
    presented one; ``correction`` says what changed."""
    return _freeze_annual_report(report, on=timezone.localdate(), by=by, correction=correction)
