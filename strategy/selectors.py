"""Reads of the strategy and its plans, with their joins applied, and the roll-ups of
progress up the tree and across priorities. Pages, dashboards, PDFs and exports call
these, so they cannot disagree."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from pace.core import fragments
from pace.core.access import is_officer
from pace.core.pagination import first_rows, page_by_key
from partnerships.access import BodyAccess
from partnerships.models import Body, in_subtree, subtree_q
from partnerships.routing import routing_prefetch
from strategy.models import (
    OPEN_ACTION_STATUSES,
    REMIND_DAYS_BEFORE,
    UPDATE_EVERY_DAYS,
    Action,
    ActionPlan,
    ActionStatus,
    ExceptionReport,
    ExceptionStatus,
    ExceptionStep,
    PlanStatus,
    Priority,
    ProgressUpdate,
    Rag,
    Strategy,
    StrategyStatus,
    next_update_due,
    overdue_q,
    published_plan_q,
)


@dataclass(frozen=True)
class Rollup:
    """How a set of actions is going. RAG counts are of open actions (not started or
    in progress) by their latest update; ``unrated`` have no update yet."""

    red: int = 0
    amber: int = 0
    green: int = 0
    unrated: int = 0
    complete: int = 0
    overdue: int = 0

    @property
    def open(self) -> int:
        return self.red + self.amber + self.green + self.unrated

    @property
    def total(self) -> int:
        return self.open + self.complete

    @property
    def percent_complete(self) -> int:
        return round(100 * self.complete / self.total) if self.total else 0

    def __add__(self, other: "Rollup") -> "Rollup":
        return Rollup(
            **{name: getattr(self, name) + getattr(other, name) for name in ROLLUP_FIELDS}
        )


ROLLUP_FIELDS = ("red", "amber", "green", "unrated", "complete", "overdue")


def _rollup_counts(prefix: str, condition: Q, today: datetime.date) -> dict[str, Count]:
    open_ = Q(status__in=OPEN_ACTION_STATUSES) & condition
    return {
        f"{prefix}red": Count("pk", filter=open_ & Q(latest_rag=Rag.RED)),
        f"{prefix}amber": Count("pk", filter=open_ & Q(latest_rag=Rag.AMBER)),
        f"{prefix}green": Count("pk", filter=open_ & Q(latest_rag=Rag.GREEN)),
        f"{prefix}unrated": Count("pk", filter=open_ & Q(latest_rag="")),
        f"{prefix}complete": Count("pk", filter=condition & Q(status=ActionStatus.COMPLETE)),
        f"{prefix}overdue": Count("pk", filter=condition & overdue_q(today)),
    }


def _rollup(row: dict, prefix: str = "") -> Rollup:
    return Rollup(**{field: row[f"{prefix}{field}"] or 0 for field in ROLLUP_FIELDS})


def visible_actions(access: BodyAccess | None) -> QuerySet[Action]:
    """Actions a reader may see: anonymous visitors and outsiders see public actions
    of adopted plans; members see all of their bodies' and the bodies below; officers
    see everything."""
    actions = Action.objects.all()
    if access is None or not access.user.is_authenticated:
        return actions.public()
    members_q = access.confidential_bodies_q(prefix="plan__body__")
    if members_q is None:
        return actions
    return actions.filter(Q(published_plan_q("plan__"), is_public=True) | members_q)


def rollup_actions(*, public_only: bool) -> QuerySet[Action]:
    """The actions of published plans: what reports count. ``public_only`` leaves out
    the actions only a body's members may see."""
    actions = Action.objects.filter(published_plan_q("plan__"))
    return actions.filter(is_public=True) if public_only else actions


@dataclass(frozen=True)
class BodyRollup:
    body: Body
    own: Rollup  # the body's own actions
    subtree: Rollup  # with those of every body accountable to it, all the way down

    @property
    def rows(self) -> list[tuple[str, Rollup]]:
        return [
            (f"{self.body.name} itself", self.own),
            ("With all the bodies accountable to it", self.subtree),
        ]


def body_rollup(
    body: Body, *, actions: QuerySet[Action], on: datetime.date | None = None
) -> BodyRollup:
    """The body's own actions and those of everything below it, in one query."""
    today = on or timezone.localdate()
    in_tree = actions.filter(subtree_q(body, "plan__body__")).exclude(status=ActionStatus.CANCELLED)
    row = in_tree.aggregate(
        **_rollup_counts("own_", Q(plan__body_id=body.pk), today),
        **_rollup_counts("all_", Q(), today),
    )
    return BodyRollup(body=body, own=_rollup(row, "own_"), subtree=_rollup(row, "all_"))


def body_rollups(
    bodies: list[Body], *, actions: QuerySet[Action], on: datetime.date | None = None
) -> list[BodyRollup]:
    """``body_rollup`` for several bodies in one query: counts per body over the union
    of their subtrees, added up within each body's range."""
    if not bodies:
        return []
    today = on or timezone.localdate()
    within = Q(pk__in=[])
    for body in bodies:
        within |= subtree_q(body, "plan__body__")
    rows = (
        actions.filter(within)
        .exclude(status=ActionStatus.CANCELLED)
        .values("plan__body_id", "plan__body__tree_id", "plan__body__lft", "plan__body__rght")
        .annotate(**_rollup_counts("", Q(), today))
        .order_by()
    )
    per_body = [
        (
            row["plan__body_id"],
            (row["plan__body__tree_id"], row["plan__body__lft"], row["plan__body__rght"]),
            _rollup(row),
        )
        for row in rows
    ]
    rollups = []
    for body in bodies:
        own = subtree = Rollup()
        for body_id, place, counts in per_body:
            if in_subtree(body, place):
                subtree += counts
                if body_id == body.pk:
                    own += counts
        rollups.append(BodyRollup(body=body, own=own, subtree=subtree))
    return rollups


def rollups_below(
    body: Body, *, actions: QuerySet[Action], on: datetime.date | None = None
) -> list[BodyRollup]:
    """A roll-up of each body directly accountable to ``body``: two queries."""
    on = on or timezone.localdate()
    children = list(body.get_children().current(on).order_by("lft"))
    return body_rollups(children, actions=actions, on=on)


def priority_rollups(strategy: Strategy, *, actions: QuerySet[Action]) -> dict[int, Rollup]:
    """Each priority's roll-up across all bodies, by priority id, in one query."""
    today = timezone.localdate()
    rows = (
        actions.filter(priority__strategy=strategy)
        .exclude(status=ActionStatus.CANCELLED)
        .values("priority_id")
        .annotate(**_rollup_counts("", Q(), today))
        .order_by()
    )
    return {row["priority_id"]: _rollup(row) for row in rows}


def visible_priority_rollups(strategy: Strategy, access: BodyAccess) -> dict[int, Rollup]:
    """``priority_rollups`` of the actions ``access`` may see. The same for everyone
    who may see the same actions, so kept until the data changes
    (``pace.core.fragments``): the front page and the strategy's page show them, and
    at county scale they are a count of 17,000 actions."""
    return fragments.cached(
        "priority-rollups",
        reader=access,
        key=(strategy.pk,),
        build=lambda: priority_rollups(strategy, actions=visible_actions(access)),
    )


def can_see_draft_strategies(user) -> bool:
    """Officers (staff who may view strategies) see drafts; nobody else does."""
    return is_officer(user, "strategy.view_strategy")


def strategies_visible(user) -> QuerySet[Strategy]:
    """Strategies ``user`` may read: a draft is officers' work until it goes out for
    consultation (``StrategyStatus.CONSULTATION``) or is adopted."""
    strategies = Strategy.objects.all()
    if not can_see_draft_strategies(user):
        strategies = strategies.exclude(status=StrategyStatus.DRAFT)
    return strategies


def current_strategy(on: datetime.date | None = None) -> Strategy | None:
    """The adopted strategy the partnership works to on ``on`` (today): the latest
    adopted one whose period has begun and not ended. A strategy whose period has
    ended is never the current one."""
    return (
        Strategy.objects.in_force(on or timezone.localdate())
        .select_related("owner")
        .order_by("-starts_on")
        .first()
    )


def latest_ended_strategy(on: datetime.date | None = None) -> Strategy | None:
    """The adopted strategy that ended last before ``on`` (today), for a home page
    with no strategy in force to say so and point to the record."""
    return (
        Strategy.objects.filter(
            status=StrategyStatus.ADOPTED, ends_on__lt=on or timezone.localdate()
        )
        .order_by("-ends_on")
        .first()
    )


def strategy_priorities(strategy: Strategy) -> QuerySet[Priority]:
    """The strategy's priorities in order, each with the board that leads it."""
    return strategy.priorities.select_related("strategy", "lead_body").order_by("position")


def strategy_record(user) -> QuerySet[Strategy]:
    """Every strategy ``user`` may read, latest first, for the list of strategies
    past and present (``Strategy.standing`` says where each stands)."""
    return strategies_visible(user).order_by("-starts_on", "-pk")


def action_list(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Actions with what a list of them shows."""
    return actions.select_related(
        "plan__body", "plan__strategy", "priority__strategy", "owner"
    ).order_by("due_on", "pk")


def action_table_page(
    actions: QuerySet[Action], *, number: str | int | None, per_page: int
) -> Page:
    """Page ``number`` of ``actions`` by due date, with what the table of them shows
    (strategy/_action_table.html): each action's body and owner. Found by key first
    (``page_by_key``), so a late page costs what the first does."""
    return page_by_key(
        actions.order_by("due_on", "pk"),
        rows=Action.objects.select_related("plan__body", "owner"),
        number=number,
        per_page=per_page,
    )


def visible_plans(access: BodyAccess | None) -> QuerySet[ActionPlan]:
    plans = ActionPlan.objects.select_related("body", "strategy")
    if access is None or not access.user.is_authenticated:
        return plans.published()
    members_q = access.confidential_bodies_q()
    if members_q is None:
        return plans
    return plans.filter(published_plan_q() | members_q)


def exception_steps() -> Prefetch:
    """An exception report's chain, in order (``ExceptionStep``), for
    ``prefetch_related``: one query for a whole list of reports."""
    return Prefetch(
        "steps", queryset=ExceptionStep.objects.select_related("to_body").order_by("on", "pk")
    )


def open_exception_reports(
    *,
    addressed_to: QuerySet[Body] | list[Body],
    actions: QuerySet[Action],
    with_chain: bool = True,
) -> QuerySet[ExceptionReport]:
    """Open exception reports on ``actions`` that reached any of ``addressed_to``:
    addressed to it now, raised or escalated to it on the way, or sent to it as a body
    the action's body reports to (``partnerships.routing``); ``with_chain``, each
    with its steps (one query more)."""
    reached = ExceptionStep.objects.filter(report=OuterRef("pk"), to_body__in=addressed_to)
    reports = (
        ExceptionReport.objects.filter(status=ExceptionStatus.OPEN, action__in=actions)
        .filter(Q(addressed_to__in=addressed_to) | Exists(reached))
        .select_related("action__plan__body", "addressed_to", "opened_by_update")
        .order_by("-opened_on", "-pk")
    )
    return reports.prefetch_related(exception_steps()) if with_chain else reports


def exception_reports_for_escalation() -> QuerySet[ExceptionReport]:
    """Open exception reports with what deciding their escalation reads
    (``services.exception_report_escalation_due``): the addressed body, its parent,
    its reporting relations and terms, in four queries however many there are."""
    return (
        ExceptionReport.objects.filter(status=ExceptionStatus.OPEN)
        .select_related("action__plan", "addressed_to__parent")
        .prefetch_related(*routing_prefetch("addressed_to__"))
        .order_by("pk")
    )


@dataclass(frozen=True)
class UpdateDue:
    """An action whose next progress update is due (or overdue) on a day."""

    action: Action
    due_on: datetime.date
    overdue: bool


def updates_due(actions: QuerySet[Action], *, on: datetime.date, count: int) -> tuple[list, bool]:
    """Of ``actions``, the open ones of plans in force whose next progress update is
    due within ``REMIND_DAYS_BEFORE`` days of ``on`` or overdue (the rule of the
    owners' reminders, ``models.next_update_due``), longest waiting first: the first
    ``count`` as ``UpdateDue`` and whether there are more, in one query."""
    last = (
        ProgressUpdate.objects.filter(action=OuterRef("pk"))
        .order_by("-reported_on")
        .values("reported_on")[:1]
    )
    waiting_since = on + datetime.timedelta(days=REMIND_DAYS_BEFORE - UPDATE_EVERY_DAYS)
    rows, more = first_rows(
        actions.filter(status__in=OPEN_ACTION_STATUSES, plan__status=PlanStatus.ADOPTED)
        .annotate(last_reported=Subquery(last))
        .annotate(since=Coalesce(F("last_reported"), F("plan__starts_on")))
        .filter(since__lte=waiting_since)
        .select_related("plan__body", "owner")
        .order_by("since", "due_on", "pk"),
        count,
    )
    due = []
    for action in rows:
        due_on = next_update_due(action.last_reported, action.plan.starts_on)
        due.append(UpdateDue(action=action, due_on=due_on, overdue=due_on < on))
    return due, more
