"""Roll-ups of progress ratings: own and subtree counts, what the public sees, and
a fixed number of queries whatever the data's size."""

import pytest

from partnerships.models import Body, BodyKind
from strategy.models import ActionStatus, PlanStatus, Rag
from strategy.selectors import (
    Rollup,
    body_rollup,
    body_rollups,
    priority_rollups,
    rollup_actions,
    rollups_below,
)
from tests.partnerships import factories as f
from tests.reports import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    bodies = f.area()
    strategy = rf.strategy()
    leaders_plan = rf.plan(bodies["leaders"], strategy)
    rf.action(leaders_plan, rag=Rag.GREEN)
    board_plan = rf.plan(bodies["area_board"], strategy)
    rf.action(board_plan, rag=Rag.AMBER)
    amg_plan = rf.plan(bodies["amg"], strategy)
    rf.action(amg_plan, rag=Rag.RED)
    rf.action(amg_plan)  # not yet rated
    rf.action(amg_plan, due_in=-5)  # overdue, not rated
    rf.action(amg_plan, rag=Rag.GREEN, is_public=False)  # members only
    rf.action(amg_plan, rag=Rag.RED, status=ActionStatus.CANCELLED)  # not counted
    draft = rf.plan(bodies["amg"], strategy, status=PlanStatus.DRAFT)
    rf.action(draft, rag=Rag.RED)  # a draft plan is not being delivered yet
    return fresh(bodies), strategy


def fresh(bodies: dict) -> dict:
    """The bodies as stored: tree writes move other bodies' lft/rght."""
    return {name: Body.objects.get(pk=body.pk) for name, body in bodies.items()}


def test_own_and_subtree_counts(tree):
    bodies, _ = tree
    rollup = body_rollup(bodies["area_board"], actions=rollup_actions(public_only=False))
    assert rollup.own == Rollup(amber=1)
    assert rollup.subtree == Rollup(red=1, amber=1, green=1, unrated=2, overdue=1)
    assert rollup.subtree.total == 5
    top = body_rollup(bodies["leaders"], actions=rollup_actions(public_only=False))
    assert top.own == Rollup(green=1)
    assert top.subtree == Rollup(red=1, amber=1, green=2, unrated=2, overdue=1)


def test_the_public_roll_up_leaves_out_members_only_actions(tree):
    bodies, _ = tree
    public = body_rollup(bodies["amg"], actions=rollup_actions(public_only=True))
    members = body_rollup(bodies["amg"], actions=rollup_actions(public_only=False))
    assert public.own == Rollup(red=1, unrated=2, overdue=1)
    assert members.own == Rollup(red=1, green=1, unrated=2, overdue=1)


def test_many_bodies_at_once_agree_with_one_at_a_time(tree):
    bodies, _ = tree
    chosen = [bodies["leaders"], bodies["area_board"], bodies["amg"], bodies["assembly"]]
    together = body_rollups(chosen, actions=rollup_actions(public_only=True))
    assert together == [
        body_rollup(body, actions=rollup_actions(public_only=True)) for body in chosen
    ]
    assert body_rollups([], actions=rollup_actions(public_only=True)) == []


def test_the_bodies_below(tree):
    bodies, _ = tree
    below = rollups_below(bodies["area_board"], actions=rollup_actions(public_only=True))
    assert [r.body for r in below] == [bodies["amg"], bodies["assembly"]]
    assert below[0].subtree == Rollup(red=1, unrated=2, overdue=1)
    assert below[1].subtree == Rollup()


def test_priority_roll_ups(tree):
    _, strategy = tree
    first, second = strategy.priorities.order_by("position")
    rollups = priority_rollups(strategy, actions=rollup_actions(public_only=True))
    assert rollups[first.pk] == Rollup(red=1, amber=1, green=1, unrated=2, overdue=1)
    assert second.pk not in rollups  # no actions yet
    members = priority_rollups(strategy, actions=rollup_actions(public_only=False))
    assert members[first.pk].green == 2


def test_roll_ups_take_a_fixed_number_of_queries(tree, django_assert_num_queries):
    bodies, strategy = tree
    for _ in range(5):
        extra = f.body(BodyKind.TOWN_PARTNERSHIP, bodies["area_board"])
        extra_plan = rf.plan(extra, strategy)
        for rag in (Rag.RED, Rag.GREEN, None):
            rf.action(extra_plan, rag=rag)
    bodies = fresh(bodies)
    with django_assert_num_queries(1):
        body_rollup(bodies["leaders"], actions=rollup_actions(public_only=True))
    with django_assert_num_queries(1):
        body_rollups(list(bodies.values()), actions=rollup_actions(public_only=True))
    with django_assert_num_queries(2):
        below = rollups_below(bodies["area_board"], actions=rollup_actions(public_only=True))
    assert len(below) == 7
    with django_assert_num_queries(1):
        priority_rollups(strategy, actions=rollup_actions(public_only=True))
