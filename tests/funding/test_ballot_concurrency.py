"""The same resident's ballots sent at the same moment: one counts. Each casting is
held between its checks and its writes until the other has made its checks too, so
without the voter row's uniqueness both would be written; with it, the second waits
for the first to commit, fails on the constraint, and rolls back with its ballot."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from funding import services
from funding.models import Ballot, BudgetingVoter
from funding.services import ballots as ballot_services

from . import factories as ff

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: the test database of SQLite is in memory, where threads "
        "cannot wait for each other's writes. SQLite runs in production with IMMEDIATE "
        "transactions, which serialise writers.",
    ),
]


def _hold_between_check_and_write(monkeypatch, parties: int) -> None:
    barrier = threading.Barrier(parties, timeout=20)
    original = ballot_services._check_choice

    def check_then_wait(*args, **kwargs):
        chosen = original(*args, **kwargs)
        barrier.wait()
        return chosen

    monkeypatch.setattr(ballot_services, "_check_choice", check_then_wait)


def _run(workers) -> None:
    threads = [threading.Thread(target=w) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)


def test_two_simultaneous_ballots_from_one_resident_count_once(monkeypatch):
    world = ff.pb_world()
    budgeting_round = world["round"]
    projects = [ff.project(budgeting_round, cost="1000") for _ in range(2)]
    identity = services.voter_identity(budgeting_round.pk, email="sam@example.org")
    link = services.VotingLink(budgeting_round.pk, identity, "CW1")
    _hold_between_check_and_write(monkeypatch, 2)
    outcomes: list[str] = []

    def resident(project) -> None:
        try:
            services.ballot_cast_from_link(link=link, project_ids=[project.pk], on=ff.IN_VOTING)
            outcomes.append("counted")
        except services.AlreadyVoted:
            outcomes.append("already voted")
        finally:
            connection.close()

    _run([lambda p=p: resident(p) for p in projects])
    assert sorted(outcomes) == ["already voted", "counted"]
    assert Ballot.objects.count() == 1 and BudgetingVoter.objects.count() == 1
    assert Ballot.objects.get().choices.count() == 1


def test_the_ballot_form_sent_four_times_at_once_counts_once(monkeypatch):
    """Through the page itself: the link opened in four tabs, each sent at once."""
    world = ff.pb_world()
    budgeting_round = world["round"]
    today = timezone.localdate()
    project = ff.project(budgeting_round, cost="1000")
    # Voting open today (the page casts on today's date).
    budgeting_round.voting_opens_on = today - datetime.timedelta(days=1)
    budgeting_round.voting_closes_on = today + datetime.timedelta(days=1)
    budgeting_round.proposals_open_on = budgeting_round.proposals_close_on = None
    budgeting_round.save()
    token = services.ballot_link_token(
        services.VotingLink(
            budgeting_round.pk,
            services.voter_identity(budgeting_round.pk, email="sam@example.org"),
            "CW1",
        )
    )
    _hold_between_check_and_write(monkeypatch, 4)
    pages: list[str] = []

    def tab() -> None:
        try:
            response = Client().post(
                f"/funding/budgeting/ballot/{token}/", {"projects": [str(project.pk)]}
            )
            pages.append(response.content.decode())
        finally:
            connection.close()

    _run([tab] * 4)
    assert len(pages) == 4
    assert sum("Your vote is in" in page for page in pages) == 1
    assert sum("You have already voted" in page for page in pages) == 3
    assert Ballot.objects.count() == 1 and BudgetingVoter.objects.count() == 1
