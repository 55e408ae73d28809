"""The scorecards appendix of a cabinet report or an annual report: for each outcome
and priority the report chose, its indicators (and, for a priority, the measures of
the plans that serve it) with their latest value, target, status and direction of
travel, as ``strategy.indicators.selectors`` gives them to the public: a report is a
public document, whoever reads it.

It is drawn when the report is shown and kept with the rest of the report when the
report is published or presented (``services``), so a figure that changes later
reaches the published report only by a correction. Each scorecard costs a fixed
number of queries (``outcome_scorecard`` or ``priority_scorecard``), whatever the
number of indicators and values: the cost grows only with the scorecards chosen.
"""

import datetime
from collections.abc import Iterable

from strategy.indicators.selectors import outcome_scorecard, priority_scorecard
from strategy.models import Outcome, Priority

from .appendices import Appendix, AppendixPart, register_appendix_kind
from .models import CabinetReport

TEMPLATE = "reports/appendices/scorecard.html"
TITLE = "Scorecards"


def scorecard_parts(
    outcomes: Iterable[Outcome], priorities: Iterable[Priority], *, on: datetime.date
) -> tuple[AppendixPart, ...]:
    """A part per outcome, then per priority, each with its public scorecard."""
    parts = [
        AppendixPart(
            TEMPLATE,
            {"scorecard": outcome_scorecard(outcome, None), "on": on, "what": "outcome"},
            heading=f"Outcome {outcome.position}: {outcome.title}",
        )
        for outcome in outcomes
    ]
    parts += [
        AppendixPart(
            TEMPLATE,
            {"scorecard": priority_scorecard(priority, None), "on": on, "what": "priority"},
            heading=f"Priority {priority.letter}: {priority.title}",
        )
        for priority in priorities
    ]
    return tuple(parts)


def chosen_outcomes(report) -> list[Outcome]:
    return list(
        report.scorecard_outcomes.select_related("strategy").order_by(
            "strategy__starts_on", "strategy_id", "position"
        )
    )


def chosen_priorities(report) -> list[Priority]:
    return list(
        report.scorecard_priorities.select_related("strategy").order_by(
            "strategy__starts_on", "strategy_id", "position"
        )
    )


@register_appendix_kind("scorecards", order=40)
def scorecards(report: CabinetReport, *, on: datetime.date) -> list[Appendix]:
    """The chosen outcomes' and priorities' scorecards: two queries for the choice,
    then each scorecard's own."""
    outcomes, priorities = chosen_outcomes(report), chosen_priorities(report)
    if not (outcomes or priorities):
        return []
    return [Appendix(TITLE, scorecard_parts(outcomes, priorities, on=on))]
