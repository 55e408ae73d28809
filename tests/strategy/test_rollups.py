"""Roll-ups of progress up the tree and across priorities, checked by hand."""

import datetime

import pytest
from django.utils.timezone import localdate as today

from partnerships.access import BodyAccess
from partnerships.models import BodyKind
from strategy import selectors, services
from strategy.models import ActionStatus, PlanStatus, Rag

from ..partnerships import factories as pf
from . import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_tree():
    """Leaders Board > Area Board > (AMG, Town). Actions and ratings:

    Leaders Board: green; Area Board: red, overdue unrated; AMG: amber, complete;
    Town: red (not public), green in a draft plan; cancelled one on the AMG."""
    bodies = pf.area()
    town = pf.body(BodyKind.TOWN_PARTNERSHIP, bodies["area_board"])
    strat = sf.strategy()
    p1, p2 = strat.priorities.all()[:2]
    owner = pf.person()
    pf.member(bodies["leaders"], owner)
    plans = {
        name: sf.plan(body, strat)
        for name, body in [
            ("leaders", bodies["leaders"]),
            ("board", bodies["area_board"]),
            ("amg", bodies["amg"]),
            ("town", town),
        ]
    }
    draft = sf.plan(town, strat, status=PlanStatus.DRAFT)

    def act(plan, rag=None, priority=p1, **kw):
        a = sf.action(plan, owner if plan.body == bodies["leaders"] else None, priority, **kw)
        if rag:
            services.progress_update_post(action=a, rag=rag, narrative="n")
        return a

    act(plans["leaders"], Rag.GREEN, p2)
    act(plans["board"], Rag.RED)
    # Overdue: past due; allowed because the due date is within the plan.
    act(plans["board"], None, due_on=today() - datetime.timedelta(days=3))
    act(plans["amg"], Rag.AMBER, p2)
    act(plans["amg"], Rag.GREEN, status=ActionStatus.COMPLETE)
    act(plans["amg"], Rag.RED, status=ActionStatus.CANCELLED)
    act(plans["town"], Rag.RED, is_public=False)
    act(draft, Rag.GREEN)
    for body in (*bodies.values(), town):
        body.refresh_from_db()
    return bodies, town, strat, (p1, p2)


def counts(rollup):
    return (rollup.red, rollup.amber, rollup.green, rollup.unrated, rollup.complete, rollup.overdue)


def test_body_rollups_for_an_officer_see_everything(small_tree):
    bodies, town, _, _ = small_tree
    everything = selectors.visible_actions(BodyAccess(pf.officer()))
    board = selectors.body_rollup(bodies["area_board"], actions=everything)
    assert counts(board.own) == (1, 0, 0, 1, 0, 1)
    # board (red, unrated overdue) + AMG (amber, complete) + town (red, draft green)
    assert counts(board.subtree) == (2, 1, 1, 1, 1, 1)
    top = selectors.body_rollup(bodies["leaders"], actions=everything)
    assert counts(top.own) == (0, 0, 1, 0, 0, 0)
    assert counts(top.subtree) == (2, 1, 2, 1, 1, 1)
    assert top.subtree.total == 7 and top.subtree.percent_complete == 14


def test_public_rollups_leave_out_private_and_draft_actions(small_tree):
    bodies, town, _, _ = small_tree
    public = selectors.visible_actions(None)
    board = selectors.body_rollup(bodies["area_board"], actions=public)
    assert counts(board.subtree) == (1, 1, 0, 1, 1, 1)
    assert counts(selectors.body_rollup(town, actions=public).own) == (0, 0, 0, 0, 0, 0)


def test_priority_rollups(small_tree):
    _, _, strat, (p1, p2) = small_tree
    public = selectors.priority_rollups(strat, actions=selectors.visible_actions(None))
    assert counts(public[p1.pk]) == (1, 0, 0, 1, 1, 1)
    assert counts(public[p2.pk]) == (0, 1, 1, 0, 0, 0)
    everything = selectors.priority_rollups(
        strat, actions=selectors.visible_actions(BodyAccess(pf.officer()))
    )
    assert counts(everything[p1.pk]) == (2, 0, 1, 1, 1, 1)


def test_a_member_sees_their_bodies_private_actions_in_rollups(small_tree):
    bodies, town, _, _ = small_tree
    member = pf.person(with_login=True)
    pf.member(town, member)
    mine = selectors.visible_actions(BodyAccess(member.user))
    assert counts(selectors.body_rollup(town, actions=mine).own) == (1, 0, 1, 0, 0, 0)
    # ...but not another body's.
    outsider = pf.person(with_login=True)
    pf.member(bodies["amg"], outsider)
    theirs = selectors.visible_actions(BodyAccess(outsider.user))
    assert counts(selectors.body_rollup(town, actions=theirs).own) == (0, 0, 0, 0, 0, 0)
