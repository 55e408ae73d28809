"""A set of actions' rating mix at each quarter end, from the updates on record."""

import datetime

import pytest
from django.utils.timezone import localdate as today

from strategy.models import Action, ActionStatus, ProgressUpdate, Rag
from strategy.trends import quarter_ends, rating_history

from ..partnerships import factories as pf
from . import factories as sf

pytestmark = pytest.mark.django_db


def test_quarter_ends_are_the_last_eight_before_this_quarter():
    d = datetime.date
    assert quarter_ends(d(2026, 12, 2)) == [
        d(2024, 12, 31),
        d(2025, 3, 31),
        d(2025, 6, 30),
        d(2025, 9, 30),
        d(2025, 12, 31),
        d(2026, 3, 31),
        d(2026, 6, 30),
        d(2026, 9, 30),
    ]
    assert quarter_ends(d(2026, 1, 1), 2) == [d(2025, 9, 30), d(2025, 12, 31)]
    assert quarter_ends(d(2026, 3, 31), 1) == [d(2025, 12, 31)]


def update(action, rag, on):
    ProgressUpdate.objects.create(action=action, rag=rag, narrative="n", reported_on=on)


def test_each_quarter_counts_the_latest_rating_on_that_day(django_assert_num_queries):
    ends = quarter_ends(today())
    body = pf.body()
    plan = sf.plan(
        body,
        starts_on=ends[0] - datetime.timedelta(days=10),
        ends_on=today() + datetime.timedelta(days=100),
    )
    late_plan = sf.plan(
        body,
        starts_on=ends[5] + datetime.timedelta(days=1),
        ends_on=today() + datetime.timedelta(days=100),
    )
    turned = sf.action(plan, title="Turned green")
    update(turned, Rag.RED, ends[1])  # on the day counts
    update(turned, Rag.AMBER, ends[2] - datetime.timedelta(days=5))
    update(turned, Rag.GREEN, ends[4] + datetime.timedelta(days=1))  # after the day: not yet
    never = sf.action(plan, title="Never rated")
    cancelled = sf.action(plan, title="Cancelled", status=ActionStatus.CANCELLED)
    update(cancelled, Rag.RED, ends[0])
    sf.action(late_plan, title="Started late")
    with django_assert_num_queries(1):
        history = rating_history(Action.objects.all())
    assert [on for on, _ in history] == ends
    mix = [(r.red, r.amber, r.green, r.unrated) for _, r in history]
    assert mix[0] == (0, 0, 0, 2)
    assert mix[1] == (1, 0, 0, 1)
    assert mix[2] == mix[3] == mix[4] == (0, 1, 0, 1)
    assert mix[5] == (0, 0, 1, 1)
    # The late plan's action counts from the first quarter end its plan ran.
    assert mix[6] == mix[7] == (0, 0, 1, 2)
    assert never.pk  # counted as not rated throughout


def test_actions_of_a_plan_that_had_ended_are_not_counted():
    ends = quarter_ends(today())
    plan = sf.plan(pf.body(), starts_on=ends[0] - datetime.timedelta(days=400), ends_on=ends[3])
    action = sf.action(plan, due_on=ends[3])
    update(action, Rag.GREEN, ends[0])
    history = rating_history(Action.objects.all())
    assert [r.green for _, r in history] == [1, 1, 1, 1, 0, 0, 0, 0]
