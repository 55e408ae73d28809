"""Writes to the strategy and action plans: posting progress, raising and resolving
exception reports. Views, the admin and commands call these."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from strategy.models import (
    Action,
    ExceptionReport,
    ExceptionStatus,
    ProgressUpdate,
    Rag,
)


def action_save(*, action: Action) -> Action:
    action.full_clean()
    action.save()
    return action


def progress_update_post(
    *,
    action: Action,
    rag: str,
    narrative: str,
    reported_on: datetime.date | None = None,
    measured_value: Decimal | None = None,
    by=None,
    submission_key: str = "",
) -> ProgressUpdate:
    """Post a progress update. A red update opens an exception report to the body the
    plan's body is accountable to, unless one is already open for the action. The
    same ``submission_key`` posted twice (a double click, a resent form) gives back
    the first update instead of a second."""
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
        posted_by=by if by is not None and by.is_authenticated else None,
        submission_key=submission_key,
    )
    update.full_clean()
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
        if update.rag == Rag.RED:
            _open_exception_report(action=action, update=update)
    return update


def _refresh_latest_rag(action: Action) -> None:
    latest = action.updates.order_by("-reported_on", "-pk").values_list("rag", flat=True).first()
    Action.objects.filter(pk=action.pk).update(latest_rag=latest or "")
    action.latest_rag = latest or ""


def _open_exception_report(*, action: Action, update: ProgressUpdate) -> ExceptionReport | None:
    if action.exception_reports.filter(status=ExceptionStatus.OPEN).exists():
        return None
    body = action.plan.body
    report = ExceptionReport.objects.create(
        action=action,
        opened_by_update=update,
        # The Leaders Board, at the top, answers for its own exceptions.
        addressed_to=body.parent or body,
        opened_on=update.reported_on,
    )
    # Its members are told by the worker once this commits (``notices``): they may
    # see the action whatever its privacy, since its body is accountable to theirs.
    from .notices import exception_announce

    transaction.on_commit(lambda: exception_announce.enqueue(report.pk))
    return report


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
