"""Builders for strategies, plans and actions."""

import datetime
import itertools

from django.utils.text import slugify
from django.utils.timezone import localdate as today

from strategy import services
from strategy.models import Action, ActionPlan, PlanStatus, Priority, Strategy, StrategyStatus

_seq = itertools.count(1)


def strategy(status=StrategyStatus.ADOPTED, priorities: int = 3) -> Strategy:
    n = next(_seq)
    made = Strategy.objects.create(
        title=f"Strategy {n}",
        slug=f"strategy-{n}",
        starts_on=datetime.date(2010, 4, 1),
        ends_on=datetime.date(2035, 3, 31),
        status=status,
        vision="A prosperous place.",
    )
    for i in range(1, priorities + 1):
        Priority.objects.create(
            strategy=made, position=i, title=f"Priority {i}", slug=f"priority-{i}"
        )
    return made


def plan(body, strat: Strategy | None = None, status=PlanStatus.ADOPTED, **fields) -> ActionPlan:
    strat = strat or strategy()
    fields.setdefault("starts_on", today() - datetime.timedelta(days=100))
    fields.setdefault("ends_on", today() + datetime.timedelta(days=265))
    fields.setdefault("title", f"{body.name} plan {next(_seq)}")
    made = ActionPlan(body=body, strategy=strat, status=status, **fields)
    made.full_clean()
    made.save()
    return made


def action(plan_: ActionPlan, owner=None, priority: Priority | None = None, **fields) -> Action:
    fields.setdefault("due_on", today() + datetime.timedelta(days=30))
    fields.setdefault("measure_of_success", "Something measurable")
    fields.setdefault("target", "A target")
    title = fields.pop("title", f"Action {next(_seq)}")
    return services.action_save(
        action=Action(
            plan=plan_,
            title=title,
            owner=owner,
            priority=priority or plan_.strategy.priorities.first(),
            **fields,
        )
    )


def slug(text: str) -> str:
    return slugify(text)
