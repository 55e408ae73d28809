"""Two officers approving awards at the same moment cannot overspend a fund."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from funding.models import AwardStatus, GrantAward

from . import factories as ff

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: the test database of SQLite is in memory, where threads share "
    "one cache and cannot wait for each other's write lock. SQLite runs in production with "
    "IMMEDIATE transactions, which serialise writers without a row lock.",
)


def test_concurrent_awards_cannot_overspend_a_fund(transactional_db, monkeypatch):
    fund = ff.fund(amount="10000")
    # Hold each writer between its check and its save, so that without the fund's row
    # lock both would read "£10,000 left" and both would save.
    original = GrantAward.fund_limit_error

    def slow_check(self, *, spent_by_others):
        error = original(self, spent_by_others=spent_by_others)
        threading.Event().wait(0.3)
        return error

    monkeypatch.setattr(GrantAward, "fund_limit_error", slow_check)
    barrier = threading.Barrier(3)
    outcomes: list[str] = []

    def officer(n: int) -> None:
        try:
            barrier.wait()
            ff.award(fund, amount="4000", title=f"Concurrent {n}")
            outcomes.append("saved")
        except ValidationError as error:
            assert "is left" in error.message_dict["amount"][0]
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=officer, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "saved", "saved"]
    spent = GrantAward.objects.filter(fund=fund, status=AwardStatus.APPROVED)
    assert sum(a.amount for a in spent) == Decimal("8000")


def test_the_same_approval_sent_twice_at_once_approves_once(transactional_db):
    """A double click, or two officers approving the same award at the same moment:
    one approval, one entry in the award's history."""
    from funding import services

    award = ff.award(ff.fund(amount="10000"), status=AwardStatus.PROPOSED)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def officer() -> None:
        try:
            barrier.wait()
            results.append(services.award_approve(award=award).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=officer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [AwardStatus.APPROVED, AwardStatus.APPROVED]
    assert GrantAward.objects.count() == 1
    assert [r.history_type for r in award.history.order_by("history_id")] == ["+", "~"]
    assert award.history.filter(status=AwardStatus.APPROVED).count() == 1
