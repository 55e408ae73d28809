"""The documents PACE renders, assembled from live data through the same selectors
as the web pages (``strategy.selectors``: what a reader may see, the roll-ups). One
function per document feeds both its web page and its PDF, so they cannot disagree;
each runs a fixed number of queries, whatever the size of the data."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from pace.core.access import is_officer
from pace.core.dates import financial_year_bounds, financial_year_label, financial_year_of
from partnerships.access import BodyAccess
from partnerships.models import Body, Decision
from strategy.models import (
    Action,
    ActionPlan,
    ExceptionReport,
    ProgressUpdate,
)
from strategy.selectors import (
    BodyRollup,
    Rollup,
    body_rollup,
    rollup_actions,
    rollups_below,
    visible_actions,
    visible_plans,
)

from .appendices import Appendix, AppendixPart, report_appendices
from .models import CabinetReport
from .text import HeadingContent, TextBlock, number_paragraphs, text_blocks


def can_see_draft_reports(user) -> bool:
    """Officers: staff who may view cabinet reports in the admin."""
    return is_officer(user, "reports.view_cabinetreport")


def published_reports() -> QuerySet[CabinetReport]:
    """Published cabinet reports, the latest meeting first: the list of reports and
    the home page's latest."""
    return CabinetReport.objects.published().order_by("-meeting_on", "-pk")


def cabinet_report_get(pk: int, *, user) -> CabinetReport:
    """A report the user may read: any published one; drafts for officers only
    (anyone else gets a 404, as if it did not exist)."""
    report = CabinetReport.objects.select_related("appendix_strategy").filter(pk=pk).first()
    if report is None or not (report.is_published or can_see_draft_reports(user)):
        raise Http404("No report found")
    return report


@dataclass
class ReportDocument:
    report: CabinetReport
    council_name: str
    headings: list[HeadingContent]
    appendices: list[Appendix]
    on: datetime.date  # the day the appendices were drawn

    @property
    def title(self) -> str:
        return self.report.title

    @property
    def author(self) -> str:
        return f"{self.report.report_of}, {self.council_name}"

    @property
    def filename(self) -> str:
        return f"{self.report.committee}-{self.report.meeting_on:%Y-%m-%d}-report-{self.report.pk}"


def report_decisions(report: CabinetReport) -> list[Decision]:
    """The decision log's records of what was decided on the report (its "decision
    taken"), on any of its published versions, in one query."""
    return list(
        Decision.objects.public()
        .filter(
            report__content_type=ContentType.objects.get_for_model(CabinetReport),
            report__object_id=report.pk,
        )
        .select_related("meeting__body")
        .order_by("decided_on", "pk")
    )


def cabinet_report_document(
    report: CabinetReport, *, on: datetime.date | None = None
) -> ReportDocument:
    """The report's numbered text and its appendices from live data. Appendices are
    public whoever reads them: a report is a public document."""
    on = on or timezone.localdate()
    return ReportDocument(
        report=report,
        council_name=settings.PACE_COUNCIL_NAME,
        headings=number_paragraphs(report.paragraphs.all()),
        appendices=report_appendices(report, on=on),
        on=on,
    )


def _with_latest_update(actions: QuerySet[Action]) -> QuerySet[Action]:
    """``actions`` (as ``strategy.selectors.visible_actions`` gives them to the
    reader) with their priority, owner and latest progress update's date and
    narrative (subqueries, so one query however many updates there are)."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by("-reported_on", "-pk")
    return actions.select_related("priority", "owner").annotate(
        latest_reported_on=Subquery(latest.values("reported_on")[:1]),
        latest_narrative=Subquery(latest.values("narrative")[:1]),
    )


@dataclass
class AnnualReportDocument:
    body: Body
    council_name: str
    ancestors: list[Body]
    year_start: datetime.date
    year_end: datetime.date
    rollup: BodyRollup
    below: list[BodyRollup]
    plans: list[ActionPlan]
    exceptions_raised: list[ExceptionReport]
    exceptions_received: list[ExceptionReport]
    full: bool  # members and officers: every action, not only public ones
    on: datetime.date
    #: The scorecards chosen for the report as presented (``scorecards``), public data.
    scorecards: tuple[AppendixPart, ...] = ()

    @property
    def title(self) -> str:
        return (
            f"{self.body.name}: annual progress report {financial_year_label(self.year_start.year)}"
        )

    @property
    def filename(self) -> str:
        return f"{self.body.slug}-annual-report-{self.year_start.year}"


def annual_report_has_content(
    body: Body, *, access: BodyAccess, on: datetime.date | None = None
) -> bool:
    """Whether ``body``'s annual progress report for the financial year to date
    (``body_annual_report_document``) would report anything to this reader: a plan
    of the body, or of a body accountable to it, in force this year; only published
    plans for a reader who does not see the body's own business. One query."""
    on = on or timezone.localdate()
    year_start, year_end = financial_year_bounds(financial_year_of(on))
    plans = ActionPlan.objects.filter(
        body__tree_id=body.tree_id,
        body__lft__gte=body.lft,
        body__rght__lte=body.rght,
        starts_on__lte=year_end,
        ends_on__gte=year_start,
    )
    if not access.can_see_confidential(body):
        plans = plans.published()
    return plans.exists()


def body_annual_report_document(
    body: Body,
    *,
    access: BodyAccess,
    on: datetime.date | None = None,
    scorecards: tuple[AppendixPart, ...] = (),
) -> AnnualReportDocument:
    """A body's annual progress report for the financial year to date (agreement
    5.5): its plans in force this year with their actions and ratings, the
    roll-up of the bodies below it, and the exception reports it raised and
    received. Anonymous visitors see only public actions of adopted plans.
    ``scorecards``: the parts of a scorecards appendix (``scorecards.scorecard_parts``),
    for the report as presented."""
    on = on or timezone.localdate()
    full = access.can_see_confidential(body)
    year_start, year_end = financial_year_bounds(financial_year_of(on))
    plans = ActionPlan.objects.filter(
        body=body, starts_on__lte=year_end, ends_on__gte=year_start
    ).select_related("strategy")
    if not full:
        plans = plans.published()
    plans = plans.order_by("starts_on", "pk").prefetch_related(
        Prefetch(
            "actions",
            queryset=_with_latest_update(visible_actions(access)),
            to_attr="visible_actions",
        )
    )
    exceptions = ExceptionReport.objects.select_related(
        "action__plan__body", "addressed_to"
    ).filter(opened_on__gte=year_start, opened_on__lte=year_end)
    exceptions = exceptions.filter(action__in=visible_actions(access))
    raised_or_received = list(
        exceptions.filter(Q(action__plan__body=body) | Q(addressed_to=body)).order_by(
            "-opened_on", "-pk"
        )
    )
    return AnnualReportDocument(
        body=body,
        council_name=settings.PACE_COUNCIL_NAME,
        ancestors=list(body.get_ancestors()),
        year_start=year_start,
        year_end=year_end,
        rollup=body_rollup(body, actions=rollup_actions(public_only=not full), on=on),
        below=rollups_below(body, actions=rollup_actions(public_only=not full), on=on),
        plans=list(plans),
        exceptions_raised=[e for e in raised_or_received if e.action.plan.body_id == body.pk],
        # A Leaders Board answers for its own exceptions: those are listed once, as raised.
        exceptions_received=[
            e
            for e in raised_or_received
            if e.addressed_to_id == body.pk and e.action.plan.body_id != body.pk
        ],
        full=full,
        on=on,
        scorecards=scorecards,
    )


@dataclass
class PlanDocument:
    plan: ActionPlan
    council_name: str
    actions: list[Action]
    rollup: Rollup  # the plan's actions, counted as its web page counts them
    full: bool  # members and officers: every action, not only public ones
    on: datetime.date

    @property
    def title(self) -> str:
        return f"{self.plan.title} ({self.plan.body.name})"

    @property
    def summary(self) -> list[TextBlock]:
        return text_blocks(self.plan.summary)

    @property
    def rows(self) -> list[tuple[str, Rollup]]:
        return [("The plan's actions", self.rollup)]

    @property
    def filename(self) -> str:
        return f"action-plan-{self.plan.pk}"


def action_plan_get(pk: int, *, access: BodyAccess) -> ActionPlan:
    """A plan the reader may see, as its web page finds it (``visible_plans``): a
    draft is only for the members of its body (and the bodies above) and officers;
    anyone else gets a 404."""
    plan = visible_plans(access).select_related("body", "strategy").filter(pk=pk).first()
    if plan is None:
        raise Http404("No action plan found")
    return plan


def action_plan_document(
    plan: ActionPlan, *, access: BodyAccess, on: datetime.date | None = None
) -> PlanDocument:
    """The plan's actions the reader may see and their roll-up, from the same
    selectors as the plan's web page."""
    on = on or timezone.localdate()
    actions = visible_actions(access).filter(plan=plan)
    return PlanDocument(
        plan=plan,
        council_name=settings.PACE_COUNCIL_NAME,
        actions=list(_with_latest_update(actions).order_by("priority__position", "due_on", "pk")),
        rollup=body_rollup(plan.body, actions=actions, on=on).own,
        full=access.can_see_confidential(plan.body),
        on=on,
    )
