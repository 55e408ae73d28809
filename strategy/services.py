"""Writes to the strategy and action plans: posting progress, raising and resolving
exception reports. Views, the admin and commands call these."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships import routing
from partnerships.models import Body, in_subtree
from strategy.models import (
    Action,
    ActionStatus,
    ExceptionReport,
    ExceptionStatus,
    ExceptionStep,
    ExceptionStepKind,
    Measure,
    MeasureValue,
    ProgressUpdate,
    Rag,
)


def action_save(*, action: Action) -> Action:
    action.full_clean()
    action.save()
    return action


def update_measure(action: Action, measure: Measure | None) -> Measure | None:
    """The measure a value posted in an update on ``action`` is a reading of: the
    one named, which must be the action's, or the action's only measure. ``None``
    when the action has no measure (the value then stays on the update alone)."""
    if measure is not None:
        if measure.action_id != action.pk:
            raise ValidationError(
                {"measure": ValidationError("Choose one of this action's measures.", code="other")}
            )
        return measure
    measures = list(Measure.objects.filter(action=action)[:2])
    if len(measures) > 1:
        raise ValidationError(
            {
                "measure": ValidationError(
                    "Choose the measure the value is for.", code="measure_required"
                )
            }
        )
    return measures[0] if measures else None


def progress_update_post(
    *,
    action: Action,
    rag: str,
    narrative: str,
    reported_on: datetime.date | None = None,
    measured_value: Decimal | None = None,
    measure: Measure | None = None,
    status: str | None = None,
    by=None,
    submission_key: str = "",
) -> ProgressUpdate:
    """Post a progress update. A red update opens an exception report to the body the
    plan's body is accountable to, unless one is already open for the action. The
    same ``submission_key`` posted twice (a double click, a resent form) gives back
    the first update instead of a second.

    The update may change the action's ``status`` (``Action.check_status_change``:
    complete it, cancel it, reopen it); an update on an action not started starts
    it. A ``measured_value`` is a reading of ``measure`` (``update_measure``) and
    lands on that measure's series, dated with the update."""
    if submission_key:
        existing = ProgressUpdate.objects.filter(
            action=action, submission_key=submission_key
        ).first()
        if existing is not None:
            return existing
    update = ProgressUpdate(
        action=action,
        rag=rag,
        narrative=narrative,
        reported_on=reported_on or timezone.localdate(),
        measured_value=measured_value,
        measure=update_measure(action, measure) if measured_value is not None else None,
        posted_by=by if by is not None and by.is_authenticated else None,
        submission_key=submission_key,
    )
    update.full_clean()
    if status is not None:
        action.check_status_change(status)
    try:
        with transaction.atomic():
            # Lock the action so concurrent red updates raise one report between them.
            action = (
                Action.objects.select_for_update().select_related("plan__body").get(pk=action.pk)
            )
            # Read again under the lock: the same form sent twice at once waits here
            # for the first to commit, then finds its update.
            if submission_key:
                existing = action.updates.filter(submission_key=submission_key).first()
                if existing is not None:
                    return existing
            update.action = action
            update.save()
            _refresh_latest_rag(action)
            _status_follow_update(action, status)
            _record_measured_value(update)
            if rag == Rag.RED:
                _open_exception_report(action=action, update=update)
    except IntegrityError:
        existing = ProgressUpdate.objects.filter(
            action=action, submission_key=submission_key
        ).first()
        if submission_key and existing is not None:
            return existing
        raise
    return update


def progress_update_change(*, update: ProgressUpdate) -> ProgressUpdate:
    """Change a posted update (an officer's correction in the admin, or a restore
    from its history) with the rules of posting one: the action's rating follows
    its latest update, and an update made red opens an exception report unless one
    is already open for the action."""
    update.full_clean()
    with transaction.atomic():
        action = (
            Action.objects.select_for_update().select_related("plan__body").get(pk=update.action_id)
        )
        update.action = action
        update.save()
        _refresh_latest_rag(action)
        _record_measured_value(update)
        if update.rag == Rag.RED:
            _open_exception_report(action=action, update=update)
    return update


def _status_follow_update(action: Action, status: str | None) -> None:
    """Leave ``action`` (locked) in ``status``, or started if it was not: checked
    again under the lock, then saved with the action's own rules (``action_save``)."""
    if status is None or status == ActionStatus.NOT_STARTED:
        if action.status != ActionStatus.NOT_STARTED:
            return
        # Started by the update itself, which has been posted whatever else may be
        # wrong with the action (an owner who has since left is for an officer to
        # put right, and must not stop progress being reported): saved as it is.
        action.status = ActionStatus.IN_PROGRESS
        action.save(update_fields=["status"])
        return
    if status == action.status:
        return
    action.check_status_change(status)
    action.status = status
    try:
        action_save(action=action)
    except ValidationError as error:
        # A rule of the action itself (its owner has left the body, say) stops the
        # change: said on the status, where the member asked for it.
        raise ValidationError(
            {
                "status": ValidationError(
                    "The action's status cannot change until an officer puts this right: %(why)s",
                    code="action_invalid",
                    params={"why": " ".join(error.messages)},
                )
            }
        ) from error


def _record_measured_value(update: ProgressUpdate) -> None:
    """Put the update's measured value on its measure's series, dated with the
    update: one value a day, so a later update of the same day replaces it."""
    if update.measured_value is None or update.measure_id is None:
        return
    MeasureValue.objects.update_or_create(
        measure_id=update.measure_id,
        measured_on=update.reported_on,
        defaults={"value": update.measured_value},
    )


def _refresh_latest_rag(action: Action) -> None:
    latest = action.updates.order_by("-reported_on", "-pk").values_list("rag", flat=True).first()
    Action.objects.filter(pk=action.pk).update(latest_rag=latest or "")
    action.latest_rag = latest or ""


def _open_exception_report(*, action: Action, update: ProgressUpdate) -> ExceptionReport | None:
    """Raise the report where the relations say (``partnerships.routing``): to the
    body above the action's body (itself at the top, which answers for its own), and
    also to each other body the action's body reports to that may see the action. A
    relation carries reports, not access: a report on a private action goes only to
    bodies it is accountable to, all the way up."""
    if action.exception_reports.filter(status=ExceptionStatus.OPEN).exists():
        return None
    body = action.plan.body
    on = update.reported_on
    addressee = routing.exception_addressee(body, on)
    report = ExceptionReport.objects.create(
        action=action, opened_by_update=update, addressed_to=addressee, opened_on=on
    )
    steps = [
        ExceptionStep(
            report=report, kind=ExceptionStepKind.RAISED, from_body=body, to_body=addressee, on=on
        )
    ]
    public = Action.objects.public().filter(pk=action.pk).exists()
    for recipient in routing.report_recipients(body, on):
        if recipient.pk != addressee.pk and (public or in_subtree(recipient, body)):
            steps.append(
                ExceptionStep(
                    report=report,
                    kind=ExceptionStepKind.COPIED,
                    from_body=body,
                    to_body=recipient,
                    on=on,
                )
            )
    for step in steps:  # saved one by one, so each is in the history
        step.save()
    # Its members are told by the worker once this commits (``notices``): they may
    # see the action whatever its privacy, since its body is accountable to theirs.
    from .notices import exception_announce

    transaction.on_commit(lambda: exception_announce.enqueue(report.pk))
    return report


def exception_report_escalation_due(
    report: ExceptionReport, on: datetime.date
) -> tuple[Body, int] | None:
    """Where ``report`` rises on ``on``, and the days it has waited, if it is due to:
    open, unresolved for the days the addressed body's terms set since it reached
    that body, with a next body to go to that it has not been to already. ``None``
    otherwise. Costs no query when the report was read with ``escalation_reports``'s
    joins."""
    if report.status != ExceptionStatus.OPEN:
        return None
    addressed = report.addressed_to
    waited = (on - (report.escalated_on or report.opened_on)).days
    if waited < routing.escalate_after_days(addressed):
        return None
    above = routing.escalation_next(addressed, on)
    if above is None or above.pk == report.action.plan.body_id:
        return None
    return above, waited


def exception_report_escalate(
    *, report: ExceptionReport, on: datetime.date
) -> ExceptionStep | None:
    """Send ``report``, left unresolved, up to the next body (``routing.escalation_next``)
    once it has waited the addressed body's ``escalate_after_days``, and record the
    step. Read again under a lock, so two runs at once, or twice in a day, escalate it
    once: ``None`` when it is not due (or resolved, or at the top)."""
    with transaction.atomic():
        report = (
            ExceptionReport.objects.select_for_update(of=("self",))
            .select_related("action__plan__body", "addressed_to__parent")
            .get(pk=report.pk)
        )
        due = exception_report_escalation_due(report, on)
        if due is None:
            return None
        above, waited = due
        if report.steps.filter(to_body=above).exclude(kind=ExceptionStepKind.COPIED).exists():
            return None  # been there: never round in a circle
        step = ExceptionStep.objects.create(
            report=report,
            kind=ExceptionStepKind.ESCALATED,
            from_body=report.addressed_to,
            to_body=above,
            on=on,
            waited_days=waited,
        )
        report.addressed_to = above
        report.escalated_on = on
        report.full_clean()
        report.save()
    return step


def exception_report_resolve(
    *, report: ExceptionReport, resolution: str, by=None, on: datetime.date | None = None
) -> ExceptionReport:
    """Resolve an exception report, recording who resolved it and when."""
    report.status = ExceptionStatus.RESOLVED
    report.resolution = resolution
    report.resolved_on = on or timezone.localdate()
    report.resolved_by = by if by is not None and by.is_authenticated else None
    report.full_clean()
    report.save()
    return report


def exception_report_reopen(*, report: ExceptionReport) -> ExceptionReport:
    """Open a resolved exception report again: it is no longer resolved by anyone."""
    report.status = ExceptionStatus.OPEN
    report.resolved_on = None
    report.resolved_by = None
    report.full_clean()
    report.save()
    return report


def exception_report_change(*, report: ExceptionReport, by=None) -> ExceptionReport:
    """An officer's edit of an exception report (the admin, or a restore): resolving
    it records who resolved it and when, opening it again clears that, anything else
    is saved as it is, checked."""
    was = ExceptionReport.objects.filter(pk=report.pk).values_list("status", flat=True).first()
    if report.status == ExceptionStatus.RESOLVED and (
        was != ExceptionStatus.RESOLVED or report.resolved_by_id is None
    ):
        return exception_report_resolve(
            report=report, resolution=report.resolution, by=by, on=report.resolved_on
        )
    if report.status == ExceptionStatus.OPEN and was == ExceptionStatus.RESOLVED:
        return exception_report_reopen(report=report)
    report.full_clean()
    report.save()
    return report


def decision_priorities_set(*, decision, priorities) -> None:
    """File a decision of the log (``partnerships.services.decision_record``)
    against the strategy's priorities it serves: the decision log's filter."""
    decision.priorities.set(priorities)
