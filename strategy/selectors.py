"""Reads of the strategy and action plans, with their joins applied. Pages, PDFs and
exports of the same thing call the same selector, so they cannot disagree.

Roll-ups count the actions of adopted plans, less cancelled ones: what is being
delivered now. ``public_only`` leaves out the actions only a body's members may
see. Each roll-up is one aggregate query, whatever the number of actions or bodies.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, fields

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from partnerships.models import Body

from .models import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionStatus,
    PlanStatus,
    Priority,
    Rag,
    Strategy,
)


@dataclass(frozen=True)
class RagCounts:
    red: int = 0
    amber: int = 0
    green: int = 0
    not_rated: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green + self.not_rated

    def __add__(self, other: "RagCounts") -> "RagCounts":
        return RagCounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


@dataclass(frozen=True)
class BodyRollup:
    body: Body
    own: RagCounts  # the body's own actions
    subtree: RagCounts  # the body's and those of every body accountable to it, all the way down

    @property
    def rows(self) -> list[tuple[str, RagCounts]]:
        return [
            (f"{self.body.name} itself", self.own),
            ("With all the bodies accountable to it", self.subtree),
        ]


@dataclass(frozen=True)
class PriorityRollup:
    priority: Priority
    counts: RagCounts


COUNT_NAMES = tuple(f.name for f in fields(RagCounts))


def _live_q(prefix: str = "", *, public_only: bool) -> Q:
    q = Q(**{f"{prefix}plan__status": PlanStatus.ADOPTED}) & ~Q(
        **{f"{prefix}status": ActionStatus.CANCELLED}
    )
    if public_only:
        q &= Q(**{f"{prefix}is_public": True})
    return q


def _counts(prefix: str, *, on: datetime.date, within: Q | None = None, out: str = "") -> dict:
    """Conditional counts of red/amber/green/not rated/overdue actions, as keyword
    arguments for ``aggregate`` or ``annotate``. ``prefix`` reaches the action from
    the queried model ("" from Action, "actions__" from Priority)."""
    within = within if within is not None else Q()
    conditions = {
        "red": Q(**{f"{prefix}latest_rag": Rag.RED}),
        "amber": Q(**{f"{prefix}latest_rag": Rag.AMBER}),
        "green": Q(**{f"{prefix}latest_rag": Rag.GREEN}),
        "not_rated": Q(**{f"{prefix}latest_rag": ""}),
        "overdue": Q(
            **{f"{prefix}due_on__lt": on, f"{prefix}status__in": list(OPEN_ACTION_STATUSES)}
        ),
    }
    return {
        f"{out}{name}": Count(f"{prefix}pk", filter=within & condition)
        for name, condition in conditions.items()
    }


def _subtree_q(body: Body, prefix: str = "plan__body__") -> Q:
    return Q(
        **{
            f"{prefix}tree_id": body.tree_id,
            f"{prefix}lft__gte": body.lft,
            f"{prefix}rght__lte": body.rght,
        }
    )


def rollup_actions(*, public_only: bool) -> QuerySet[Action]:
    """The actions that roll-ups count."""
    return Action.objects.filter(_live_q(public_only=public_only))


def body_rollup(body: Body, *, public_only: bool, on: datetime.date | None = None) -> BodyRollup:
    """How ``body``'s own actions and those of its whole subtree are rated: one query."""
    on = on or timezone.localdate()
    row = (
        rollup_actions(public_only=public_only)
        .filter(_subtree_q(body))
        .aggregate(
            **_counts("", on=on, within=Q(plan__body=body), out="own_"),
            **_counts("", on=on, out="all_"),
        )
    )
    return BodyRollup(
        body=body,
        own=RagCounts(**{name: row[f"own_{name}"] for name in COUNT_NAMES}),
        subtree=RagCounts(**{name: row[f"all_{name}"] for name in COUNT_NAMES}),
    )


def body_rollups(
    bodies: Sequence[Body], *, public_only: bool, on: datetime.date | None = None
) -> list[BodyRollup]:
    """``body_rollup`` for several bodies at once, in one query: the counts are taken
    per body over the union of their subtrees, then added up within each range."""
    if not bodies:
        return []
    on = on or timezone.localdate()
    within = Q()
    for body in bodies:
        within |= _subtree_q(body)
    rows = (
        rollup_actions(public_only=public_only)
        .filter(within)
        .values("plan__body_id", "plan__body__tree_id", "plan__body__lft")
        .annotate(**_counts("", on=on))
        .order_by()
    )
    per_body = [
        (
            row["plan__body_id"],
            row["plan__body__tree_id"],
            row["plan__body__lft"],
            RagCounts(**{name: row[name] for name in COUNT_NAMES}),
        )
        for row in rows
    ]
    rollups = []
    for body in bodies:
        own = subtree = RagCounts()
        for body_id, tree_id, lft, counts in per_body:
            if tree_id == body.tree_id and body.lft <= lft < body.rght:
                subtree += counts
                if body_id == body.pk:
                    own += counts
        rollups.append(BodyRollup(body=body, own=own, subtree=subtree))
    return rollups


def rollups_below(
    body: Body, *, public_only: bool, on: datetime.date | None = None
) -> list[BodyRollup]:
    """A roll-up of each body directly accountable to ``body`` (and in force on
    ``on``), over its own subtree: two queries."""
    on = on or timezone.localdate()
    children = list(body.get_children().current(on).order_by("lft"))
    return body_rollups(children, public_only=public_only, on=on)


def priority_rollups(
    strategy: Strategy, *, public_only: bool, on: datetime.date | None = None
) -> list[PriorityRollup]:
    """How the actions under each of ``strategy``'s priorities are rated: one query."""
    on = on or timezone.localdate()
    priorities = Priority.objects.filter(strategy=strategy).annotate(
        **_counts("actions__", on=on, within=_live_q("actions__", public_only=public_only))
    )
    return [
        PriorityRollup(
            priority=priority,
            counts=RagCounts(**{name: getattr(priority, name) for name in COUNT_NAMES}),
        )
        for priority in priorities.order_by("position")
    ]
