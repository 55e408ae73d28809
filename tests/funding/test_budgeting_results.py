"""The published results rule (``funding.results``) and the results counted from the
ballots (``selectors.round_results``)."""

from decimal import Decimal

import pytest

from funding import selectors
from funding.models import BudgetingProject
from funding.results import NO_VOTES, SELECTED, SKIPPED, Entry, apply_rule

from . import factories as ff


def _rule(money, *entries):
    return [
        (o.entry.project_id, o.outcome, o.left_after)
        for o in apply_rule([Entry(pk, Decimal(cost), votes) for pk, cost, votes in entries], money)
    ]


def test_most_votes_first_while_the_money_lasts():
    assert _rule(Decimal("10000"), (1, "3000", 5), (2, "4000", 9), (3, "3000", 7)) == [
        (2, SELECTED, Decimal("6000")),
        (3, SELECTED, Decimal("3000")),
        (1, SELECTED, Decimal("0")),
    ]


def test_a_project_that_no_longer_fits_is_skipped_and_a_cheaper_later_one_taken():
    """The greedy choice: A (50 votes, £6,000) is selected; B (40 votes) would take
    £5,000 of the £4,000 left, so it is skipped; C (30 votes, £3,000) still fits.
    Taking projects strictly in order until one does not fit would stop at B and
    leave £4,000 unspent."""
    assert _rule(Decimal("10000"), (1, "6000", 50), (2, "5000", 40), (3, "3000", 30)) == [
        (1, SELECTED, Decimal("4000")),
        (2, SKIPPED, Decimal("4000")),
        (3, SELECTED, Decimal("1000")),
    ]


def test_exactly_the_money_left_fits():
    assert _rule(Decimal("10000"), (1, "6000", 2), (2, "4000", 1))[-1] == (
        2,
        SELECTED,
        Decimal("0"),
    )


def test_equal_votes_cheaper_first_then_the_lower_number():
    ordered = _rule(Decimal("1"), (3, "500", 4), (1, "500", 4), (2, "100", 4))
    assert [pk for pk, _, _ in ordered] == [2, 1, 3]


def test_a_project_without_votes_is_never_selected():
    assert _rule(Decimal("10000"), (1, "10", 0), (2, "20", 1)) == [
        (2, SELECTED, Decimal("9980")),
        (1, NO_VOTES, Decimal("9980")),
    ]


@pytest.mark.django_db
def test_the_results_are_counted_from_the_ballots_and_the_rule_skips_what_no_longer_fits():
    world = ff.pb_world(amount="10000")
    budgeting_round = world["round"]
    a = ff.project(budgeting_round, cost="6000", title="A")
    b = ff.project(budgeting_round, cost="5000", title="B")
    c = ff.project(budgeting_round, cost="3000", title="C")
    ff.project(budgeting_round, cost="1", title="D")
    # A: 4 votes, B: 3, C: 2, D: none. A leaves £4,000; B (£5,000) no longer fits
    # and is skipped; C (£3,000), further down, still does.
    for chosen in [[a, c], [a, c], [a], [a], [b], [b], [b]]:
        ff.vote(budgeting_round, chosen)
    during = selectors.round_results(budgeting_round, on=ff.IN_VOTING)
    assert not during.published
    results = selectors.round_results(budgeting_round, on=ff.AFTER_VOTING)
    assert results.published and results.ballots == 7 and results.voters_online == 7
    assert [(r.project.title, r.votes, r.outcome) for r in results.rows] == [
        ("A", 4, SELECTED),
        ("B", 3, SKIPPED),
        ("C", 2, SELECTED),
        ("D", 0, NO_VOTES),
    ]
    assert results.money_left == Decimal("1000")
    assert results.selected_ids == {a.pk, c.pk}
    assert results.rows[1].left_before == Decimal("4000")
    assert results.money_selected == Decimal("9000")


@pytest.mark.django_db
def test_votes_recorded_before_ballots_were_kept_still_count():
    """A round migrated from the typed totals (``recorded_votes``) keeps its results."""
    world = ff.pb_world(amount="10000")
    budgeting_round = world["round"]
    a = ff.project(budgeting_round, cost="6000", title="A")
    b = ff.project(budgeting_round, cost="6000", title="B")
    BudgetingProject.objects.filter(pk=a.pk).update(recorded_votes=10)
    BudgetingProject.objects.filter(pk=b.pk).update(recorded_votes=11)
    ff.vote(budgeting_round, [a])
    results = selectors.round_results(budgeting_round, on=ff.AFTER_VOTING)
    assert results.has_recorded_votes
    assert [(r.project.title, r.votes, r.recorded_votes, r.outcome) for r in results.rows] == [
        ("A", 11, 10, SELECTED),
        ("B", 11, 11, SKIPPED),
    ]
