"""Progress on an example action: a Plan update as it starts, a review every quarter
until it is done or until today, ratings that wander (a red one raises an exception
report to the body above, resolved at the next update that is not red, and rising
meanwhile as the daily escalation would have taken it), and the measure's value
posted with each update so that it lands on the measure's series."""

import datetime
import random
from decimal import Decimal

from partnerships import routing
from strategy import services
from strategy.models import ActionStatus, ExceptionReport, ExceptionStatus, Measure, Rag

from .strategy_actions import days

#: Open exception reports left on the day of loading by the generated actions, at
#: most, besides the one written out in ``strategy_actions.CURRENT``.
OPEN_REDS = 1

NARRATIVES = {
    Rag.GREEN: [
        "On track: the work planned for the quarter is done.",
        "Going well; partners have committed staff time.",
        "Ahead of plan after a strong quarter.",
        "Milestones met; next steps agreed at the last meeting.",
    ],
    Rag.AMBER: [
        "Some slippage: a partner's staffing gap has slowed the work.",
        "Behind plan in one area; a recovery plan is agreed.",
        "Funding confirmed late, so the start was delayed.",
        "Take-up lower than expected; publicity is being stepped up.",
    ],
    Rag.RED: [
        "Off track: the lead partner has withdrawn its resources. Help needed from the board.",
        "Stalled: the venue fell through and no alternative has been found.",
        "Targets will be missed without more funding; raised with the board above.",
    ],
}
RESOLUTIONS = [
    "Partners agreed to share staff time; the action is back on track.",
    "The board found a new venue and moved the dates.",
    "Extra funding agreed from the partners' pooled budget.",
    "Target revised and agreed; the board is assured by the recovery plan.",
]
NEXT_RATING = {
    Rag.GREEN: ((Rag.GREEN, 6), (Rag.AMBER, 3), (Rag.RED, 1)),
    Rag.AMBER: ((Rag.GREEN, 4), (Rag.AMBER, 4), (Rag.RED, 2)),
    Rag.RED: ((Rag.GREEN, 3), (Rag.AMBER, 6), (Rag.RED, 1)),
}


def post_updates(action, outcome, measure, *, rng, today, open_reds) -> None:
    """Plan, then a review every quarter, until the action is done or today."""
    start = action.plan.starts_on
    finish = None
    if outcome != ActionStatus.IN_PROGRESS:
        finish = max(action.due_on - days(rng.randint(0, 20)), start + days(1))
    stop = min(today, finish or action.plan.ends_on)
    dates = [start + days(rng.randint(5, 20))]
    dates += [start + days(91 * q - rng.randint(0, 10)) for q in range(1, 5)]
    dates = sorted({d for d in dates if d < stop})
    if finish and finish <= today:
        dates.append(max(finish, dates[-1] + days(1) if dates else finish))
    rating = rng.choice([Rag.GREEN, Rag.GREEN, Rag.AMBER])
    open_report = None
    for n, day in enumerate(dates, 1):
        last = n == len(dates)
        done = last and finish is not None and finish <= today
        if done:
            rating = Rag.GREEN if outcome == ActionStatus.COMPLETE else Rag.AMBER
        elif n > 1:
            rating = _next(rating, rng)
        if rating == Rag.RED and last and day > today - days(91):
            # A red that would still be open today: only so many of those.
            if open_reds[0] >= OPEN_REDS:
                rating = Rag.AMBER
            else:
                open_reds[0] += 1
        if open_report is not None and rating != Rag.RED:
            escalate_until(open_report, day)
            services.exception_report_resolve(
                report=open_report, resolution=rng.choice(RESOLUTIONS), on=day
            )
            open_report = None
        narrative = rng.choice(NARRATIVES[rating])
        if done:
            narrative = (
                "Complete: the target was met and reported to the board."
                if outcome == ActionStatus.COMPLETE
                else "Cancelled: overtaken by a partner's own programme."
            )
        value = _value(measure, n / len(dates) if done else n / (len(dates) + 2), rng)
        update = services.progress_update_post(
            action=action,
            rag=rating,
            narrative=narrative,
            reported_on=day,
            measured_value=value,
            status=outcome if done else None,
        )
        if rating == Rag.RED:
            open_report = getattr(update, "exception_report", None) or open_report
    if open_report is not None and action.plan.ends_on < today:
        # Closed with the year: the annual progress report answered it.
        escalate_until(open_report, action.plan.ends_on)
        services.exception_report_resolve(
            report=open_report,
            resolution="Carried into next year's plan; reported in the annual progress report.",
            on=action.plan.ends_on,
        )


def escalate_until(report: ExceptionReport, until: datetime.date) -> None:
    """Take an open report up the chain as the daily duty
    (``strategy.notices.exception_reports_escalate``) would have before ``until``:
    to the next body each time it has waited the period of the body it is with."""
    while True:
        report = ExceptionReport.objects.select_related("addressed_to__parent").get(pk=report.pk)
        if report.status != ExceptionStatus.OPEN:
            return
        since = report.escalated_on or report.opened_on
        due = since + datetime.timedelta(days=routing.escalate_after_days(report.addressed_to))
        if due >= until or services.exception_report_escalate(report=report, on=due) is None:
            return


def escalate_open_reports(today: datetime.date) -> None:
    """The open reports of the day of loading, taken as far as the duty would have
    taken them by this morning."""
    for report in ExceptionReport.objects.filter(status=ExceptionStatus.OPEN).order_by("pk"):
        escalate_until(report, today + datetime.timedelta(days=1))


def _next(rating: str, rng: random.Random) -> str:
    options, weights = zip(*NEXT_RATING[rating], strict=True)
    return rng.choices(options, weights=weights)[0]


def _value(measure: Measure | None, share: float, rng: random.Random) -> Decimal | None:
    """A reading ``share`` of the way from the baseline to the target, give or take."""
    if measure is None:
        return None
    wobble = Decimal(str(round(rng.uniform(0.9, 1.05), 2)))
    value = measure.baseline + (measure.target - measure.baseline) * Decimal(str(share)) * wobble
    return max(value, Decimal("0")).quantize(Decimal("0.01"))
