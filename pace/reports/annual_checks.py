"""The annual cycle's check of annual reports (agreement 5.5; Executive Board role
(5), Thematic Groups role (3)): the thematic partnerships and the Local Area
Partnerships (Area Boards) give the Leaders Board an annual progress report, and
the Leaders Board gives one to the Assembly at its Annual Assembly in the autumn.
A financial year's reports fall due by the end of the October after it ends; the
check is of the latest year whose reports have fallen due, for each reporting body
in being for the whole of that year. Two queries. ``pace.site.governance`` shows it
beside the partnership's own checks (``partnerships.governance_checks``)."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from pace.core.dates import financial_year_bounds, financial_year_label, financial_year_of
from partnerships.models import Body, BodyKind

from .models import AnnualReport

#: The kinds of body that give an annual progress report (agreement 5.5).
REPORTING_KINDS = (
    BodyKind.LEADERS_BOARD,
    BodyKind.THEMATIC_BOARD,
    BodyKind.THEMATIC_GROUP,
    BodyKind.AREA_BOARD,
)
#: A year's reports fall due on this day of the year after it ends (by the
#: Annual Assembly in October, which receives the Leaders Board's).
DUE_MONTH_DAY = (10, 31)


def reports_due_on(year: int) -> datetime.date:
    """When the annual reports for financial year ``year`` (2025 for 2025/26) are due."""
    return datetime.date(year + 1, *DUE_MONTH_DAY)


def year_checked(on: datetime.date) -> int:
    """The latest financial year whose annual reports have fallen due by ``on``."""
    year = financial_year_of(on) - 1
    return year if reports_due_on(year) < on else year - 1


@dataclass
class AnnualReportCheck:
    body: Body
    report: AnnualReport | None

    @property
    def missing(self) -> bool:
        return self.report is None


@dataclass
class AnnualReportsCheck:
    year: int
    due_on: datetime.date
    rows: list[AnnualReportCheck]

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    @property
    def missing(self) -> list[AnnualReportCheck]:
        return [row for row in self.rows if row.missing]


def annual_reports_check(*, on: datetime.date | None = None) -> AnnualReportsCheck:
    """Each reporting body in being on ``on`` and for the whole of the year checked,
    and its annual report for that year as presented (None when it is not). Two
    queries."""
    on = on or timezone.localdate()
    year = year_checked(on)
    starts, _ = financial_year_bounds(year)
    bodies = list(
        Body.objects.current(on)
        .filter(kind__in=REPORTING_KINDS)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=starts))
        .order_by("tree_id", "lft")
    )
    reports = {
        r.body_id: r
        for r in AnnualReport.objects.filter(body__in=bodies, year=year).select_related(
            "presented_to"
        )
    }
    return AnnualReportsCheck(
        year=year,
        due_on=reports_due_on(year),
        rows=[AnnualReportCheck(body=b, report=reports.get(b.pk)) for b in bodies],
    )
