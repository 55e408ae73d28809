"""What the strategy tells people, in the worker and on the schedule:

- an exception report goes to the members of the body it is addressed to
  (``exception_announce``, queued when a red update opens it);
- an exception report also goes to the other bodies its body reports to, and one
  left unresolved rises to the next body after the period the addressed body's terms
  of reference set, up to the Leaders Board (``partnerships.routing``; agreement 5.4
  and the boards' roles);
- an action's owner is reminded before its next progress update falls due, and told
  when it is overdue (``UPDATE_EVERY_DAYS`` after the last, a quarter: Plan, Do,
  Review);
- a body's members are told of risk reviews and milestones falling due on its
  strategy.

Messages about a body's private business carry the audience ``member:<body>``: the
worker sends them only to who is still a member on the day it sends."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django_tasks import task

from pace.notifications.models import Kind
from pace.notifications.schedule import duty
from pace.notifications.services import notice_send
from partnerships.models.terms import DEFAULT_ESCALATE_AFTER_DAYS
from partnerships.notices import member_audience
from partnerships.selectors import member_recipients, person_recipient

from . import selectors, services
from .models import (
    OPEN_ACTION_STATUSES,
    REMIND_DAYS_BEFORE,
    Action,
    ExceptionReport,
    ExceptionStatus,
    ExceptionStep,
    ExceptionStepKind,
    Milestone,
    PlanStatus,
    Risk,
    Strategy,
)
from .models import next_update_due as _next_update_due

# When progress updates fall due is the models' rule (``models.progress``), shared
# with the member's task list; ``UPDATE_EVERY_DAYS`` and ``REMIND_DAYS_BEFORE``
# come from there.
#: Days ahead that a risk review or milestone is told of.
PLAN_DATES_DAYS_AHEAD = 7


def _step_notice(report: ExceptionReport, step: ExceptionStep) -> int:
    """Tell the members of the body a step took ``report`` to. One topic per body and
    step, so a step is told once however often the worker or the duty runs."""
    action = report.action
    body = action.plan.body
    escalated = step.kind == ExceptionStepKind.ESCALATED
    copied = step.kind == ExceptionStepKind.COPIED
    topic = f"exception:{report.pk}:{step.to_body_id}"
    if step.kind != ExceptionStepKind.RAISED:
        topic += f":{step.kind}"
    return notice_send(
        recipients=member_recipients(step.to_body, on=step.on),
        kind=Kind.EXCEPTIONS,
        topic=topic,
        subject=f"{'Escalated e' if escalated else 'E'}xception report: {action.title} "
        f"({body.name})",
        template="notifications/exception_report",
        context={
            "report": report,
            "action": action,
            "body": body,
            "step": step,
            "escalated": escalated,
            "copied": copied,
        },
        url=action.get_absolute_url(),
        audience=member_audience(step.to_body),
    )


@task()
def exception_announce(report_id: int) -> str:
    """Tell the bodies a report was raised to and sent to (``services``)."""
    report = ExceptionReport.objects.select_related("action__plan__body", "addressed_to").get(
        pk=report_id
    )
    if report.status != ExceptionStatus.OPEN:
        return "resolved before it was sent"
    steps = report.steps.exclude(kind=ExceptionStepKind.ESCALATED).select_related("to_body")
    return f"{sum(_step_notice(report, step) for step in steps)} members told"


def exception_report_escalate(*, report: ExceptionReport, on: datetime.date) -> bool:
    """Send an open report up to the next body (``services.exception_report_escalate``)
    and tell that body's members, in one transaction. False when it was not due."""
    with transaction.atomic():
        step = services.exception_report_escalate(report=report, on=on)
        if step is None:
            return False
        _step_notice(step.report, step)
    return True


@duty(
    "exception report escalation",
    at=datetime.time(6, 30),
    description="Sends an exception report left unresolved for the days the terms of "
    f"reference of the body it is addressed to set (else {DEFAULT_ESCALATE_AFTER_DAYS}) up "
    "to the next body, and tells its members, up to the Leaders Board.",
)
def exception_reports_escalate(on: datetime.date) -> str:
    """Safe to run twice a day, or for a day already run: a report escalated on
    ``on`` has waited nothing since, and each step is recorded once."""
    due = [
        report
        for report in selectors.exception_reports_for_escalation()
        if services.exception_report_escalation_due(report, on) is not None
    ]
    escalated = sum(exception_report_escalate(report=report, on=on) for report in due)
    return f"{escalated} exception reports escalated"


def next_update_due(action: Action) -> datetime.date:
    """When ``action``'s next progress update is due: a quarter after its last one,
    or after its plan started (``last_reported`` annotated by ``actions_reporting``)."""
    return _next_update_due(action.last_reported, action.plan.starts_on)


def actions_reporting():
    """Open actions with an owner in plans in force, with their last update's date."""
    return (
        Action.objects.filter(
            status__in=OPEN_ACTION_STATUSES, plan__status=PlanStatus.ADOPTED, owner__isnull=False
        )
        .annotate(last_reported=Max("updates__reported_on"))
        .select_related("plan__body", "owner__user")
        .order_by("pk")
    )


@duty(
    "progress update reminders",
    at=datetime.time(6, 15),
    description=f"Reminds an action's owner {REMIND_DAYS_BEFORE} days before its next "
    "progress update is due, and tells them when it is overdue.",
)
def progress_reminders(on: datetime.date) -> str:
    reminded = overdue = 0
    for action in actions_reporting().iterator(chunk_size=500):
        due = next_update_due(action)
        if due > on + datetime.timedelta(days=REMIND_DAYS_BEFORE):
            continue
        recipient = person_recipient(action.owner)
        if recipient is None:
            continue
        late = due < on
        url = reverse("strategy:update-create", args=[action.pk])
        told = notice_send(
            recipients=[recipient],
            kind=Kind.REMINDERS,
            topic=f"progress-{'overdue' if late else 'due'}:{action.pk}:{due:%Y%m%d}",
            subject=f"Progress update {'overdue' if late else 'due'}: {action.title}",
            template="notifications/notice",
            context={
                "lead": f"The next progress update on “{action.title}” "
                f"({action.plan.body.name}) {'was' if late else 'is'} due on "
                f"{due:%-d %B %Y}. Give its rating and say what has been done and what "
                "happens next.",
                "url": url,
                "action_label": "Post the progress update",
                "reason": "you own this action",
            },
            url=url,
            audience=member_audience(action.plan.body),
        )
        if late:
            overdue += told
        else:
            reminded += told
    return f"{reminded} reminders, {overdue} overdue notices"


@duty(
    "risk reviews and milestones",
    at=datetime.time(6, 45),
    description=f"Tells the members of a strategy's body of risk reviews and milestones "
    f"falling due in the next {PLAN_DATES_DAYS_AHEAD} days, and of those overdue, for the "
    "strategies still being prepared or in force.",
)
def plan_dates_due(on: datetime.date) -> str:
    horizon = on + datetime.timedelta(days=PLAN_DATES_DAYS_AHEAD)
    live = Strategy.objects.live(on).filter(owner__isnull=False)
    risks = Risk.objects.filter(review_on__lte=horizon, strategy__in=live)
    milestones = Milestone.objects.filter(
        due_on__lte=horizon, done_on__isnull=True, strategy__in=live
    )
    told = 0
    by_body: dict = {}
    for risk in risks.select_related("strategy__owner"):
        by_body.setdefault(risk.strategy.owner, []).append(
            (
                f"risk:{risk.pk}:{risk.review_on:%Y%m%d}",
                f"Risk review: {risk.title}",
                risk.review_on,
                risk.strategy,
            )
        )
    for milestone in milestones.select_related("strategy__owner"):
        by_body.setdefault(milestone.strategy.owner, []).append(
            (
                f"milestone:{milestone.pk}:{milestone.due_on:%Y%m%d}",
                f"Milestone: {milestone.title}",
                milestone.due_on,
                milestone.strategy,
            )
        )
    for body, dates in by_body.items():
        recipients = member_recipients(body, on=on)
        for topic, title, when, strategy in dates:
            url = strategy.get_absolute_url()
            told += notice_send(
                recipients=recipients,
                kind=Kind.PLAN_DATES,
                topic=topic,
                subject=f"{title}, {'was due' if when < on else 'due'} {when:%-d %B %Y}",
                template="notifications/notice",
                context={
                    "lead": f"{title}, in the plan for “{strategy.title}”, "
                    f"{'was due on' if when < on else 'is due on'} {when:%-d %B %Y}.",
                    "url": url,
                    "action_label": f"See {strategy.title}",
                    "reason": f"you are a member of {body.name}",
                },
                url=url,
                audience=member_audience(body),
            )
    return f"{told} members told"


__all__ = ["exception_announce", "exception_report_escalate"]
