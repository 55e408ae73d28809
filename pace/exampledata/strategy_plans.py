"""The bodies' action plans, year by year, for every strategy from 2017: actions
owned by people who were members of the body at the time, progress updates every
quarter whose ratings change, red updates that raise exception reports (rising
as the daily escalation takes them, resolved at the next update, three left open
today, one of them risen to the Leaders Board), measures whose values come in with the
updates, actions completed, cancelled and left overdue. Everything is posted through
``strategy.services`` so the example keeps the rules a board member meets.

Volume is bounded: the last two years have plans for every kind of body, older years
for the Leaders Board, the thematic boards and the Area Management Groups only, so a
load ten years from now stays a few hundred actions. Each plan draws from its own
random generator, seeded from its body and year, so a load is reproducible."""

import datetime
import random
import zlib
from dataclasses import dataclass

from pace.core.dates import financial_year_bounds, financial_year_label, financial_year_of
from partnerships.models import Body, BodyKind, Membership, Person
from strategy import services
from strategy.models import (
    Action,
    ActionPlan,
    ActionStatus,
    Measure,
    PlanStatus,
    Strategy,
)

from .strategy_actions import CATALOGUE, CURRENT, YEAR_ONE, Kind, MeasureSpec, Written, days
from .strategy_progress import escalate_open_reports, post_updates

#: A plan stays adopted this long after its year ends, until its annual progress
#: report (agreement 5.5) has gone to the body above; then it is closed.
CLOSE_AFTER_DAYS = 90

#: (body kind, priorities its plans serve, actions a year for each body in the last
#: two years, and in older years, when only one Area Management Group a year has a
#: plan, so that a load ten years on stays a few hundred actions)
SHAPES = {
    BodyKind.LEADERS_BOARD: ((1, 2, 3, 4, 5, 6, 7), 7, 2),
    BodyKind.THEMATIC_BOARD: ((7, 6), 3, 1),
    BodyKind.THEMATIC_GROUP: ((4, 2), 2, 1),
    BodyKind.AREA_MANAGEMENT_GROUP: ((1, 3, 7, 4, 6), 3, 1),
    BodyKind.TOWN_PARTNERSHIP: ((3, 1), 1, 0),
}


@dataclass
class People:
    """Memberships held in memory, to find a body's members on a day without a
    query per plan."""

    bodies: dict[int, Body]
    rows: list[tuple[int, int, datetime.date, datetime.date | None]]
    by_slug: dict[str, Person]

    @classmethod
    def load(cls) -> "People":
        return cls(
            bodies=Body.objects.in_bulk(),
            rows=list(
                Membership.objects.values_list("person_id", "body_id", "starts_on", "ends_on")
            ),
            by_slug=Person.objects.in_bulk(field_name="slug"),
        )

    def members(self, body: Body, on: datetime.date, *, since: datetime.date) -> list[int]:
        """People who are members of ``body`` on ``on``, those who were also members
        on ``since`` first; members of the bodies below it when it has none."""

        def valid(start, end, day):
            return start <= day and (end is None or end >= day)

        for inside in (lambda b: b.pk == body.pk, lambda b: _below(body, b)):
            rows = [
                (person, start, end)
                for person, body_id, start, end in self.rows
                if inside(self.bodies[body_id]) and valid(start, end, on)
            ]
            if rows:
                longest = sorted({p for p, s, e in rows if valid(s, e, since)})
                return longest or sorted({p for p, _, _ in rows})
        return []

    def is_member(self, slug: str, body: Body, on: datetime.date) -> bool:
        person = self.by_slug.get(slug)
        return person is not None and any(
            p == person.pk and b == body.pk and s <= on and (e is None or e >= on)
            for p, b, s, e in self.rows
        )


def _below(top: Body, body: Body) -> bool:
    return body.tree_id == top.tree_id and top.lft < body.lft and body.rght < top.rght


def load(strategies: list[Strategy], today: datetime.date) -> None:
    """Plans for each financial year from April 2017 up to the current one, each
    delivering the strategy in force that year."""
    people = People.load()
    bodies = {kind: [] for kind in SHAPES}
    for body in sorted(people.bodies.values(), key=lambda b: (b.tree_id, b.lft)):
        if body.kind in SHAPES and body.ends_on is None:
            bodies[body.kind].append(body)
    # One town partnership an area, to keep the volume down.
    bodies[BodyKind.TOWN_PARTNERSHIP] = _first_per_parent(bodies[BodyKind.TOWN_PARTNERSHIP])
    this_year = financial_year_of(today)
    open_reds = [0]
    for year in range(2017, this_year + 1):
        starts_on, ends_on = financial_year_bounds(year)
        strategy = next((s for s in strategies if s.starts_on <= starts_on <= s.ends_on), None)
        if strategy is None:
            continue
        priorities = {p.position: p for p in strategy.priorities.all()}
        recent = year >= this_year - 1
        for kind, (serves, recent_count, older_count) in SHAPES.items():
            count = recent_count if recent else older_count
            # In older years one Area Management Group a year, in turn.
            chosen = bodies[kind]
            if not recent and kind == BodyKind.AREA_MANAGEMENT_GROUP and chosen:
                chosen = [chosen[year % len(chosen)]]
            for body in chosen if count else []:
                if body.starts_on and body.starts_on > ends_on:
                    continue  # set up since
                plan, created = _plan(body, strategy, year)
                if not created:
                    continue
                rng = random.Random(zlib.crc32(f"{body.slug}/{year}".encode()))
                kinds = _kinds(kind, serves, count, year, rng)
                for index, (position, what) in enumerate(kinds):
                    _action(
                        plan,
                        priorities[position],
                        what,
                        index=index,
                        rng=rng,
                        people=people,
                        today=today,
                        open_reds=open_reds,
                    )
                if year == this_year:
                    for written in (w for w in CURRENT if w.body == body.slug):
                        _written(plan, priorities, written, people=people, today=today)
                if ends_on < today - days(CLOSE_AFTER_DAYS):
                    _close(plan)
    escalate_open_reports(today)


def _first_per_parent(bodies: list[Body]) -> list[Body]:
    seen, first = set(), []
    for body in bodies:
        if body.parent_id not in seen:
            seen.add(body.parent_id)
            first.append(body)
    return first


def _plan(body: Body, strategy: Strategy, year: int) -> tuple[ActionPlan, bool]:
    starts_on, ends_on = financial_year_bounds(year)
    label = financial_year_label(year)
    if body.kind == BodyKind.LEADERS_BOARD:
        title = f"Partnership action plan {label}"
        if year == strategy.starts_on.year:
            title += " (year one)"
    elif body.kind == BodyKind.AREA_MANAGEMENT_GROUP:
        title = f"{body.name}: Area Plan {label}"
    else:
        title = f"{body.name} action plan {label}"
    return ActionPlan.objects.get_or_create(
        body=body,
        strategy=strategy,
        starts_on=starts_on,
        defaults={
            "title": title,
            "ends_on": ends_on,
            "status": PlanStatus.ADOPTED,
            "summary": f"What {body.name} will do in {label} to deliver {strategy.title}.",
        },
    )


def _kinds(kind, serves, count, year, rng) -> list[tuple[int, Kind]]:
    """``count`` actions for the priorities ``serves``, in turn, each drawn from the
    priority's catalogue; the Leaders Board's year one is the seeds' own."""
    if kind == BodyKind.LEADERS_BOARD and year == 2017:
        return list(YEAR_ONE.items())
    chosen = []
    for i in range(count):
        position = serves[(i + year) % len(serves)]
        options = [k for k in CATALOGUE[position] if k not in (c for _, c in chosen)]
        chosen.append((position, rng.choice(options)))
    return chosen


def _action(plan, priority, what: Kind, *, index, rng, people, today, open_reds) -> None:
    start, end = plan.starts_on, plan.ends_on
    current = start <= today <= end
    if current:
        # The current year's in turn: due later, done, overdue, due within the month.
        slot = index % 4
        offset = [
            rng.randint(31, 200),
            -rng.randint(10, 60),
            -rng.randint(3, 40),
            rng.randint(0, 28),
        ][slot]
        due_on = min(max(today + days(offset), start + days(1)), end)
        outcome = ActionStatus.COMPLETE if slot == 1 else ActionStatus.IN_PROGRESS
    else:
        due_on = min(start + days(rng.randint(150, 364)), end)
        outcome = rng.choices(
            [ActionStatus.COMPLETE, ActionStatus.IN_PROGRESS, ActionStatus.CANCELLED],
            weights=[16, 3, 1],
        )[0]
    owners = people.members(plan.body, min(today, end), since=start)
    action = services.action_save(
        action=Action(
            plan=plan,
            priority=priority,
            title=what.title,
            owner_id=owners[rng.randrange(len(owners))] if owners else None,
            due_on=due_on,
            status=ActionStatus.NOT_STARTED,
            is_public=plan.body.kind == BodyKind.LEADERS_BOARD or rng.random() < 0.85,
            measure_of_success=what.success,
            target=what.target,
        )
    )
    measure = _measure(action, what.measure) if what.measure and rng.random() < 0.6 else None
    post_updates(action, outcome, measure, rng=rng, today=today, open_reds=open_reds)


def _measure(action: Action, spec: MeasureSpec) -> Measure:
    measure = Measure(
        action=action,
        title=spec.title,
        unit=spec.unit,
        baseline=spec.baseline,
        target=spec.target,
        direction=spec.direction,
    )
    measure.full_clean()
    measure.save()
    return measure


def _written(plan, priorities, written: Written, *, people, today) -> None:
    """One of ``strategy_actions.CURRENT``, owned by the person it names while they
    are a member, otherwise by a member of the body."""
    if written.owner and people.is_member(written.owner, plan.body, today):
        owner = people.by_slug[written.owner].pk
    else:
        owners = people.members(plan.body, today, since=plan.starts_on)
        owner = owners[len(written.title) % len(owners)] if owners else None
    due_on = min(max(today + days(written.due_in), plan.starts_on), plan.ends_on)
    action = services.action_save(
        action=Action(
            plan=plan,
            priority=priorities[written.priority],
            title=written.title,
            owner_id=owner,
            due_on=due_on,
            status=written.status,
            is_public=written.public,
            measure_of_success=written.success,
            target=written.target,
        )
    )
    measure = _measure(action, written.measure) if written.measure else None
    for i, (days_ago, rag, narrative) in enumerate(written.updates):
        services.progress_update_post(
            action=action,
            rag=rag,
            narrative=narrative,
            reported_on=max(today - days(days_ago), plan.starts_on),
            measured_value=written.values[i] if measure else None,
        )


def _close(plan: ActionPlan) -> None:
    plan.status = PlanStatus.CLOSED
    plan.full_clean()
    plan.save()
