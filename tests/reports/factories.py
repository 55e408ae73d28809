"""Builders for strategies, plans, actions and cabinet reports, going through the
same services as the site so the rules apply."""

import datetime
import itertools

from django.utils.text import slugify
from django.utils.timezone import localdate as today

from pace.reports import services as report_services
from pace.reports.models import CabinetReport, ReportParagraph, ReportStatus
from pace.reports.text import ReportSection
from strategy import services
from strategy.models import (
    Action,
    ActionPlan,
    ActionStatus,
    Milestone,
    PlanStatus,
    Priority,
    Risk,
    Strategy,
)

_seq = itertools.count(1)


def strategy(title: str | None = None, *, priorities: int = 2) -> Strategy:
    title = title or f"Strategy {next(_seq)}"
    made = Strategy.objects.create(
        title=title,
        slug=slugify(title),
        starts_on=datetime.date(2017, 4, 1),
        ends_on=datetime.date(2030, 3, 31),
    )
    for i in range(1, priorities + 1):
        Priority.objects.create(strategy=made, position=i, title=f"Priority {i}", slug=f"p{i}")
    return made


def plan(body, strategy_: Strategy, *, status=PlanStatus.ADOPTED, title=None) -> ActionPlan:
    return ActionPlan.objects.create(
        body=body,
        strategy=strategy_,
        title=title or f"Plan {next(_seq)} of {body.name}",
        starts_on=today() - datetime.timedelta(days=100),
        ends_on=today() + datetime.timedelta(days=265),
        status=status,
    )


def action(
    plan_: ActionPlan,
    *,
    title: str | None = None,
    rag: str | None = None,
    due_in: int = 30,
    status=ActionStatus.IN_PROGRESS,
    is_public: bool = True,
) -> Action:
    made = services.action_save(
        action=Action(
            plan=plan_,
            priority=plan_.strategy.priorities.first(),
            title=title or f"Action {next(_seq)}",
            measure_of_success="Done well",
            target="All of it",
            due_on=today() + datetime.timedelta(days=due_in),
            status=status,
            is_public=is_public,
        )
    )
    if rag:
        services.progress_update_post(
            action=made, rag=rag, narrative=f"Rated {rag}", reported_on=today()
        )
        made.refresh_from_db()
    return made


def report(*, status=ReportStatus.PUBLISHED, **fields) -> CabinetReport:
    values = {
        "committee": "Cabinet",
        "meeting_on": datetime.date(2016, 7, 12),
        "report_of": "Steph Cordon – Head of Communities",
        "title": f"Report {next(_seq)}",
        "portfolio_holder": "Cllr Paul Bates, Communities and Health",
        "contact_name": "Steph Cordon",
        "contact_designation": "Head of Communities",
        "contact_telephone": "01270 686 401",
        "contact_email": "steph.cordon@example.org",
        "status": status,
        **fields,
    }
    bodies = values.pop("summary_bodies", [])
    made = report_services.cabinet_report_save(report=CabinetReport(**values))
    made.summary_bodies.set(bodies)
    return made


def paragraph(
    report_: CabinetReport,
    text: str = "Some text.",
    *,
    section=ReportSection.SUMMARY,
    position: int = 1,
    parent: ReportParagraph | None = None,
) -> ReportParagraph:
    return report_services.report_paragraph_save(
        paragraph=ReportParagraph(
            report=report_,
            section=section,
            position=position,
            parent=parent,
            text=text,
        )
    )


def milestone(strategy_: Strategy, title: str, due_on: datetime.date) -> Milestone:
    return Milestone.objects.create(strategy=strategy_, title=title, due_on=due_on, lead="Team")


def risk(strategy_: Strategy, title: str, likelihood: int = 3, impact: int = 4) -> Risk:
    return Risk.objects.create(
        strategy=strategy_,
        title=title,
        likelihood=likelihood,
        impact=impact,
        owner="Head of Communities",
        mitigation="Watch it",
        review_on=datetime.date(2016, 10, 31),
    )
