"""The anonymised ballots of a round as open data, once its voting has closed: each
ballot's random id and the projects it chose, with the projects' costs and the
round's money, which is all the published rule needs. Anyone can count the votes
and apply the rule (``/funding/budgeting/rule/``) and get the results page.

Nothing about voters is in them: no address, no postcode, no time, no channel.
Built from ``selectors.round_results`` and ``selectors.round_ballots``, as the
results page is."""

import csv
import io

from django.urls import reverse

from pace.core.spreadsheets import safe_cell

from .selectors import RoundResults


def _money(value) -> str:
    return f"{value:.2f}"


def ballots_package(
    results: RoundResults, ballots: list[tuple[str, list[int]]], site_url: str
) -> dict:
    budgeting_round = results.round
    return {
        "round": {
            "id": budgeting_round.pk,
            "name": budgeting_round.name,
            "area_board": budgeting_round.area_board.name,
            "theme": budgeting_round.theme,
            "money": _money(budgeting_round.amount),
            "currency": "GBP",
            "ballot_kind": budgeting_round.ballot_kind,
            "max_choices": budgeting_round.max_choices,
            "voting_opens_on": budgeting_round.voting_opens_on.isoformat(),
            "voting_closes_on": budgeting_round.voting_closes_on.isoformat(),
            "url": site_url + budgeting_round.get_absolute_url(),
        },
        "rule": {
            "url": site_url + reverse("funding:budgeting-rule"),
            "order": "most votes first; equal votes, the lower cost first; equal cost, the "
            "lower project id first",
            "selection": "a project with at least one vote is selected when its cost is no "
            "more than the money left, which it then reduces; otherwise it is skipped",
        },
        "projects": [
            {
                "id": row.project.pk,
                "title": row.project.title,
                "cost": _money(row.project.cost),
                # Votes counted before PACE kept ballots, to add to the ballots' count.
                "recorded_votes": row.recorded_votes,
            }
            for row in sorted(results.rows, key=lambda r: r.project.pk)
        ],
        "ballots": [{"id": ballot_id, "projects": projects} for ballot_id, projects in ballots],
        "results": [
            {
                "rank": row.rank,
                "project_id": row.project.pk,
                "votes": row.votes,
                "selected": row.outcome == "selected",
            }
            for row in results.rows
        ],
    }


def ballots_csv(results: RoundResults, ballots: list[tuple[str, list[int]]]) -> str:
    """One row a choice: ballot id, project id, its title and cost. A title a resident
    typed that starts like a formula is kept from running as one (``safe_cell``)."""
    projects = {row.project.pk: row.project for row in results.rows}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["ballot_id", "project_id", "project_title", "project_cost"])
    for ballot_id, chosen in ballots:
        for project_id in chosen:
            project = projects[project_id]
            writer.writerow([ballot_id, project_id, safe_cell(project.title), _money(project.cost)])
    return out.getvalue()
