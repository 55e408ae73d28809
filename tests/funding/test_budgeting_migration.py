"""The migration from typed vote totals to ballots keeps what existed: each
project's totals become its ``recorded_votes`` (the record of a round counted
before PACE kept ballots), and the projects already entered stay on the ballot."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

#: The partnership's tables as they stood then too: columns added to them since (a
#: body's contact) have no default for rows the old models write.
PARTNERSHIPS_THEN = ("partnerships", "0013_agenda_decisions_into_the_log")
BEFORE = [("funding", "0005_report_grant_funds_moved_out"), PARTNERSHIPS_THEN]
AFTER = [("funding", "0006_budgeting_ballots"), PARTNERSHIPS_THEN]


def _apps_at(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps


def test_typed_totals_are_kept_as_recorded_votes():
    old = _apps_at(BEFORE)
    try:
        body = old.get_model("partnerships", "Body")
        leaders = body.objects.create(
            name="Leaders", slug="leaders", kind="leaders_board", lft=1, rght=4, tree_id=1, level=0
        )
        board = body.objects.create(
            name="Area",
            slug="area",
            kind="area_board",
            parent=leaders,
            lft=2,
            rght=3,
            tree_id=1,
            level=1,
        )
        organisation = old.get_model("partnerships", "Organisation").objects.create(
            name="Group", slug="group", sector="vcf"
        )
        fund = old.get_model("funding", "Fund").objects.create(
            name="PB",
            budget_holder="Public Health",
            financial_year="2017/18",
            amount=Decimal("400000"),
            mechanism="participatory_budgeting",
            decided_by=leaders,
            approved_by="Cabinet",
            approved_on=datetime.date(2016, 7, 12),
        )
        budgeting_round = old.get_model("funding", "BudgetingRound").objects.create(
            fund=fund,
            area_board=board,
            name="Round",
            theme="health",
            amount=Decimal("140000"),
            voting_opens_on=datetime.date(2017, 6, 1),
            voting_closes_on=datetime.date(2017, 6, 30),
        )
        project = old.get_model("funding", "BudgetingProject").objects.create(
            round=budgeting_round,
            title="Allotments",
            proposed_by=organisation,
            description="d",
            cost=Decimal("12500"),
            votes=412,
        )
        new = _apps_at(AFTER)
        migrated = new.get_model("funding", "BudgetingProject").objects.get(pk=project.pk)
        assert migrated.recorded_votes == 412
        assert migrated.status == "feasible"
        assert migrated.proposed_cost is None and migrated.proposer_email == ""
        migrated_round = new.get_model("funding", "BudgetingRound").objects.get(
            pk=budgeting_round.pk
        )
        assert migrated_round.ballot_kind == "knapsack"
        assert migrated_round.proposals_open_on is None
    finally:
        call_command("migrate", verbosity=0)


def test_a_backup_taken_before_ballots_restores_its_typed_totals():
    """``pace_restore`` rewrites an older backup (``pace.core.backup_layout``) the way
    the migration rewrote the database."""
    import gzip
    import json
    from pathlib import Path

    from pace.core.backup_layout import upgrade

    path = Path(__file__).resolve().parents[1] / "data/backups/backup-before-layout.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        rows = upgrade(json.load(stream))
    projects = [r["fields"] for r in rows if r["model"] == "funding.budgetingproject"]
    history = [r["fields"] for r in rows if r["model"] == "funding.historicalbudgetingproject"]
    assert projects and history
    for fields in projects + history:
        assert "votes" not in fields and fields["status"] == "feasible"
    assert {f["title"]: f["recorded_votes"] for f in projects}[
        "Grow Well allotment sessions"
    ] == 412
