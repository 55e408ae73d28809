"""Reads of funding, with their joins applied: funds and awards with the officers'
checks (``awards``), and participatory budgeting with its results (``budgeting``).
The public pages, the body panel, the open-data exports, the officers' checks and
the admin call these, so they cannot disagree."""

from .awards import (
    MONEY,
    Conflict,
    Totals,
    award_for_viewer,
    body_grants,
    conflicts_for,
    fund_with_spend,
    funding_totals,
    is_funding_officer,
    mfa_threshold,
    public_awards,
    subsidy_window_label,
    with_checks,
)
from .budgeting import (
    ResultRow,
    RoundResults,
    ballot_projects,
    fund_rounds,
    project_public,
    round_ballots,
    round_districts,
    round_get,
    round_projects,
    round_results,
    rounds_listed,
)

__all__ = [
    "MONEY",
    "Conflict",
    "ResultRow",
    "RoundResults",
    "Totals",
    "award_for_viewer",
    "ballot_projects",
    "body_grants",
    "conflicts_for",
    "fund_rounds",
    "fund_with_spend",
    "funding_totals",
    "is_funding_officer",
    "mfa_threshold",
    "project_public",
    "public_awards",
    "round_ballots",
    "round_districts",
    "round_get",
    "round_projects",
    "round_results",
    "rounds_listed",
    "subsidy_window_label",
    "with_checks",
]
