# Over 400 lines, as one piece: one bulk load, in the order its inserts must run.
"""A large synthetic partnership, for benchmarks and for tests that pages do not
grow with the data.

Rows go in with ``bulk_create`` (thousands per statement) rather than through the
services, which validate one row at a time; the rules the services would enforce
are kept by construction instead:

- every body sits under a kind of body that ``ALLOWED_PARENT_KINDS`` allows, and
  working groups have an end date; the tree is loaded with django-mptt's updates
  disabled and rebuilt once, inside the tree lock (``tree_write``);
- each body has one chair and at most ten current members, and an Area Management
  Group's chair represents a partner organisation, not the council;
- every action's owner is a current member of the plan's body, its priority is one
  of the plan's strategy's, it is due within its plan, and its ``latest_rag`` is
  that of its latest progress update; an open action whose latest update is red
  has one open exception report, addressed to the body above;
- approved and paid awards never add up to more than their fund; commissioning
  funds (whose awards need outcome targets) are not used.

The bodies hang under the existing Leaders Board and the plans serve the current
strategy, when there are any (``load_example_data`` first gives every page type
something to show), so the site stays one partnership.
"""

import datetime
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from funding.models import (
    AwardStatus,
    Fund,
    GrantAward,
    Mechanism,
    ResourceCommitment,
    ResourceKind,
)
from pace.core.dates import financial_year_label, financial_year_of
from partnerships.models import (
    AgendaItem,
    Body,
    BodyKind,
    Decision,
    Declaration,
    InterestType,
    Meeting,
    MeetingKind,
    Membership,
    Organisation,
    Person,
    Role,
    Sector,
    Ward,
)
from partnerships.services.meetings import meeting_minutes_freeze
from partnerships.services.tree import tree_write
from strategy import selectors as strategy_selectors
from strategy.models import (
    Action,
    ActionPlan,
    ActionStatus,
    ExceptionReport,
    ExceptionStatus,
    Outcome,
    PlanStatus,
    Priority,
    ProgressUpdate,
    Rag,
    Strategy,
    StrategyStatus,
)

K = BodyKind
BATCH = 2000
MEMBERS_PER_BODY = 5  # a chair and four members; an Area Management Group allows ten

#: One "block" of the structure, repeated until there are enough bodies: a thematic
#: board with its groups and a working group, and an Area Board with its Area
#: Assembly, Area Management Group, town partnerships and a working group. Each
#: entry is (kind, index of its parent within the block, or None for the top).
BLOCK: list[tuple[str, int | None]] = [
    (K.THEMATIC_BOARD, None),
    (K.THEMATIC_GROUP, 0),
    (K.THEMATIC_GROUP, 0),
    (K.THEMATIC_GROUP, 0),
    (K.WORKING_GROUP, 1),
    (K.WORKING_GROUP, 2),
    (K.AREA_BOARD, None),
    (K.AREA_ASSEMBLY, 6),
    (K.AREA_MANAGEMENT_GROUP, 6),
    (K.TOWN_PARTNERSHIP, 6),
    (K.TOWN_PARTNERSHIP, 6),
    (K.TOWN_PARTNERSHIP, 6),
    (K.TOWN_PARTNERSHIP, 6),
    (K.WORKING_GROUP, 8),
]


@dataclass
class Sizes:
    bodies: int = 1000
    actions: int = 20000
    updates: int = 100000
    awards: int = 5000
    meetings: int = 2000


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def _spread(total: int, over: int) -> list[int]:
    """``total`` shared as evenly as possible over ``over`` slots."""
    if over <= 0:
        return []
    share, rest = divmod(total, over)
    return [share + (1 if i < rest else 0) for i in range(over)]


class Builder:
    def __init__(self, sizes: Sizes, *, prefix: str, seed: int = 2016) -> None:
        self.sizes = sizes
        self.prefix = prefix
        self.random = random.Random(seed)
        self.today = timezone.localdate()
        self.report = Report()

    def _timed(self, name: str, step) -> None:
        start = time.perf_counter()
        count = step()
        self.report.seconds[name] = time.perf_counter() - start
        self.report.counts[name] = count

    def build(self) -> Report:
        with transaction.atomic():
            self._timed("organisations", self.organisations)
            with tree_write():
                self._timed("bodies", self.bodies)
            self._timed("people and memberships", self.memberships)
            self._timed("strategy", self.strategy)
            self._timed("plans and actions", self.actions)
            self._timed("progress updates", self.updates)
            self._timed("exception reports", self.exception_reports)
            self._timed("meetings", self.meetings)
            self._timed("funds and awards", self.awards)
            self._timed("wards and partners' resources", self.wards_and_resources)
        return self.report

    # --- Organisations and bodies ---------------------------------------------

    def organisations(self) -> int:
        council = Organisation.objects.filter(is_council=True).first()
        sectors = [s for s in Sector.values if s != Sector.PUBLIC]
        made = Organisation.objects.bulk_create(
            Organisation(
                name=f"{self.prefix.title()} partner organisation {i}",
                slug=f"{self.prefix}-partner-{i}",
                sector=sectors[i % len(sectors)],
            )
            for i in range(1, 101)
        )
        if council is None:
            council = Organisation.objects.create(
                name=f"{self.prefix.title()} Council",
                slug=f"{self.prefix}-council",
                sector=Sector.PUBLIC,
                is_council=True,
            )
        self.council = council
        self.partners = made
        return len(made)

    def bodies(self) -> int:
        top = Body.objects.filter(kind=K.LEADERS_BOARD, parent=None).order_by("pk").first()
        made = []
        if top is None:
            top = Body.objects.create(
                name=f"{self.prefix.title()} Leaders Board",
                slug=f"{self.prefix}-leaders-board",
                kind=K.LEADERS_BOARD,
                is_illustrative=True,
            )
            made.append(top)
        wanted = self.sizes.bodies - len(made)
        plan: list[tuple[str, int | None]] = []  # (kind, index of the parent in plan)
        while len(plan) < wanted:
            base = len(plan)
            for kind, parent in BLOCK:
                if len(plan) == wanted:
                    break
                plan.append((kind, None if parent is None else base + parent))
        ends = self.today + datetime.timedelta(days=365)
        bodies = [
            Body(
                name=f"{BodyKind(kind).label} {i + 1}",
                slug=f"{self.prefix}-{kind.replace('_', '-')}-{i + 1}",
                kind=kind,
                remit=f"The {BodyKind(kind).label.lower()} of part {i // len(BLOCK) + 1}.",
                area_name=f"Area {i // len(BLOCK) + 1}",
                ends_on=ends if kind == K.WORKING_GROUP else None,
                is_illustrative=True,
                lft=0,
                rght=0,
                tree_id=top.tree_id,
                level=0,
            )
            for i, (kind, _) in enumerate(plan)
        ]
        # Parents first, a level at a time, so that each parent has its key before its
        # children are written; one rebuild then sets every body's place in the tree.
        depths = [self._depth(plan, i) for i in range(len(plan))]
        with Body.objects.disable_mptt_updates():
            for depth in sorted(set(depths)):
                level = []
                for i, (_, parent) in enumerate(plan):
                    if depths[i] == depth:
                        bodies[i].parent = top if parent is None else bodies[parent]
                        level.append(bodies[i])
                Body.objects.bulk_create(level, batch_size=BATCH)
        Body.objects.partial_rebuild(top.tree_id)
        self.top = top
        self.bodies_made = made + bodies
        return len(self.bodies_made)

    @staticmethod
    def _depth(plan, i: int) -> int:
        depth = 0
        while plan[i][1] is not None:
            i = plan[i][1]
            depth += 1
        return depth

    # --- People ---------------------------------------------------------------

    def memberships(self) -> int:
        starts = self.today - datetime.timedelta(days=730)
        people = Person.objects.bulk_create(
            (
                Person(
                    name=f"Member {b}-{seat} {self.prefix.title()}",
                    slug=f"{self.prefix}-member-{b}-{seat}",
                    public_title="Board member",
                    is_illustrative=True,
                )
                for b in range(len(self.bodies_made))
                for seat in range(MEMBERS_PER_BODY)
            ),
            batch_size=BATCH,
        )
        memberships = []
        self.members: dict[int, list[Person]] = {}
        for b, body in enumerate(self.bodies_made):
            seats = people[b * MEMBERS_PER_BODY : (b + 1) * MEMBERS_PER_BODY]
            self.members[body.pk] = seats
            for seat, person in enumerate(seats):
                partner = self.partners[(b + seat) % len(self.partners)]
                memberships.append(
                    Membership(
                        person=person,
                        body=body,
                        role=Role.CHAIR if seat == 0 else Role.MEMBER,
                        # An Area Management Group's chair comes from a partner,
                        # never the council; others represent either.
                        organisation=partner if seat == 0 or seat % 2 else self.council,
                        starts_on=starts,
                    )
                )
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        return len(memberships)

    # --- Strategy, plans, actions, updates ---------------------------------------

    def strategy(self) -> int:
        strategy = strategy_selectors.current_strategy()
        if strategy is None:
            strategy = Strategy.objects.create(
                title=f"{self.prefix.title()} strategy",
                slug=f"{self.prefix}-strategy",
                starts_on=self.today - datetime.timedelta(days=700),
                ends_on=self.today + datetime.timedelta(days=1500),
                status=StrategyStatus.ADOPTED,
                vision="A place where everyone can thrive.",
                owner=self.top,
            )
            Outcome.objects.bulk_create(
                Outcome(strategy=strategy, position=i, title=f"Outcome {i}") for i in range(1, 6)
            )
            Priority.objects.bulk_create(
                Priority(strategy=strategy, position=i, title=f"Priority {i}", slug=f"p-{i}")
                for i in range(1, 8)
            )
        self.strategy_ = strategy
        self.priorities = list(strategy.priorities.order_by("position"))
        return 1

    def actions(self) -> int:
        per_body = _spread(self.sizes.actions, len(self.bodies_made))
        starts = self.today - datetime.timedelta(days=365)
        ends = self.today + datetime.timedelta(days=700)
        plans = ActionPlan.objects.bulk_create(
            (
                ActionPlan(
                    body=body,
                    strategy=self.strategy_,
                    title=f"{body.name} action plan",
                    starts_on=starts,
                    ends_on=ends,
                    # One plan in ten is still a draft: its actions are not public.
                    status=PlanStatus.DRAFT if b % 10 == 9 else PlanStatus.ADOPTED,
                    summary="What the body will do for the strategy's priorities.",
                )
                for b, body in enumerate(self.bodies_made)
                if per_body[b]
            ),
            batch_size=BATCH,
        )
        plan_of = {plan.body_id: plan for plan in plans}
        updates = _spread(self.sizes.updates, self.sizes.actions)
        rnd = self.random
        self.rags: list[list[str]] = []
        actions = []
        n = 0
        statuses = (
            [ActionStatus.IN_PROGRESS] * 12
            + [ActionStatus.NOT_STARTED] * 3
            + [ActionStatus.COMPLETE] * 4
            + [ActionStatus.CANCELLED]
        )
        for b, body in enumerate(self.bodies_made):
            for _ in range(per_body[b]):
                rags = rnd.choices([Rag.GREEN, Rag.AMBER, Rag.RED], weights=[6, 3, 1], k=updates[n])
                self.rags.append(rags)
                status = statuses[n % len(statuses)]
                if not rags and status == ActionStatus.IN_PROGRESS:
                    status = ActionStatus.NOT_STARTED
                actions.append(
                    Action(
                        plan=plan_of[body.pk],
                        priority=self.priorities[n % len(self.priorities)],
                        title=f"Action {n + 1} of {body.name}",
                        description="What will be done, by whom and by when.",
                        owner=self.members[body.pk][n % MEMBERS_PER_BODY],
                        measure_of_success="A measurable change in the priority's indicator.",
                        target=f"{rnd.randint(5, 95)}% by the end of the plan",
                        due_on=self.today + datetime.timedelta(days=rnd.randint(-300, 690)),
                        status=status,
                        is_public=n % 10 != 7,
                        latest_rag=rags[-1] if rags else "",
                    )
                )
                n += 1
        self.actions_made = Action.objects.bulk_create(actions, batch_size=BATCH)
        return len(actions)

    def updates(self) -> int:
        made = 0
        batch: list[ProgressUpdate] = []
        self.last_updates: dict[int, ProgressUpdate] = {}
        for action, rags in zip(self.actions_made, self.rags, strict=True):
            for i, rag in enumerate(rags):
                update = ProgressUpdate(
                    action=action,
                    reported_on=self.today - datetime.timedelta(days=30 * (len(rags) - i)),
                    rag=rag,
                    narrative=f"Plan, do, review: checkpoint {i + 1} of {action.title}.",
                )
                batch.append(update)
                if i == len(rags) - 1:
                    self.last_updates[action.pk] = update
            if len(batch) >= BATCH:
                made += len(ProgressUpdate.objects.bulk_create(batch))
                batch = []
        made += len(ProgressUpdate.objects.bulk_create(batch))
        return made

    def exception_reports(self) -> int:
        parent_of = {body.pk: body.parent_id or body.pk for body in self.bodies_made}
        reports = [
            ExceptionReport(
                action=action,
                opened_by_update=self.last_updates[action.pk],
                addressed_to_id=parent_of[action.plan.body_id],
                opened_on=self.last_updates[action.pk].reported_on,
                status=ExceptionStatus.OPEN,
            )
            for action in self.actions_made
            if action.latest_rag == Rag.RED
            and action.status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)
        ]
        return len(ExceptionReport.objects.bulk_create(reports, batch_size=BATCH))

    # --- Meetings -------------------------------------------------------------------

    def meetings(self) -> int:
        per_body = _spread(self.sizes.meetings, len(self.bodies_made))
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        meetings = []
        for b, body in enumerate(self.bodies_made):
            for m in range(per_body[b]):
                # From two years ago to six months ahead, a few weeks apart.
                starts = now + datetime.timedelta(days=180 - 37 * m - b % 30, hours=b % 5)
                past = starts < now
                meetings.append(
                    Meeting(
                        body=body,
                        title=f"{body.name} meeting",
                        kind=MeetingKind.MEETING,
                        starts_at=starts,
                        ends_at=starts + datetime.timedelta(hours=2),
                        location="Municipal Buildings, Earle Street, Crewe",
                        status="held" if past else "scheduled",
                        is_public=(b + m) % 10 != 3,
                        minutes_published=past and m % 5 != 0,
                    )
                )
        meetings = Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        items = [
            AgendaItem(
                meeting=meeting,
                position=position,
                title=f"Item {position}: progress against the action plan",
                papers="Report of the chair.",
                is_confidential=position == 3 and n % 5 == 0,
                minutes="Discussed and noted." if meeting.minutes_published else "",
            )
            for n, meeting in enumerate(meetings)
            for position in (1, 2, 3)
        ]
        items = AgendaItem.objects.bulk_create(items, batch_size=BATCH)
        Decision.objects.bulk_create(
            (
                Decision(
                    meeting=item.meeting,
                    agenda_item=item,
                    decided_on=timezone.localdate(item.meeting.starts_at),
                    title=item.title,
                    text="Agreed.",
                )
                for item in items
                if item.position == 2 and item.meeting.minutes_published
            ),
            batch_size=BATCH,
        )
        declarations = [
            Declaration(
                meeting=meetings[n],
                agenda_item=items[3 * n],
                person=self.members[meetings[n].body_id][1],
                interest_type=InterestType.ORGANISATIONAL,
                organisation=self.partners[n % len(self.partners)],
                description="A trustee of an organisation that may bid for the grant.",
            )
            for n in range(0, len(meetings), 3)
        ]
        Declaration.objects.bulk_create(declarations, batch_size=BATCH)
        # Approved minutes are served as kept when approved, as the example's are:
        # PDFs rendered when first asked for, not queued by the hundred.
        for meeting in meetings:
            if meeting.minutes_published:
                meeting_minutes_freeze(meeting=meeting, render_pdf=False)
        return len(meetings)

    # --- Funding ----------------------------------------------------------------------

    def awards(self) -> int:
        if not self.sizes.awards:
            return 0
        mechanisms = [Mechanism.DIRECT_GRANT, Mechanism.COMPETITIVE_GRANT]
        first_year = self.today.year - 4
        funds = [
            Fund(
                name=f"{self.prefix.title()} {mechanism.label.lower()} fund {year}",
                budget_holder="Partnerships and Communities",
                financial_year=financial_year_label(year),
                # Room for every award at the most an award can be (20,000).
                amount=Decimal((self.sizes.awards // 10 + 1) * 20000),
                mechanism=mechanism,
                decided_by=self.top,
                approved_by="Cabinet",
                approved_on=datetime.date(year, 3, 1),
            )
            for year in range(first_year, first_year + 5)
            for mechanism in mechanisms
        ]
        funds = Fund.objects.bulk_create(funds)
        towns = [b for b in self.bodies_made if b.kind == K.TOWN_PARTNERSHIP] or self.bodies_made
        statuses = [AwardStatus.PAID] * 5 + [AwardStatus.APPROVED] * 3 + [AwardStatus.PROPOSED] * 2
        rnd = self.random
        awards = []
        for n in range(self.sizes.awards):
            fund = funds[n % len(funds)]
            year = int(fund.financial_year[:4])
            to_body = n % 3 == 0
            awards.append(
                GrantAward(
                    fund=fund,
                    recipient_body=towns[n % len(towns)] if to_body else None,
                    recipient_organisation=None
                    if to_body
                    else self.partners[n % len(self.partners)],
                    title=f"Grant {n + 1}: community project",
                    description="A project for the fund's priorities, run by local people.",
                    # At most 20,000 each: a fund of awards x 20,000 is never overspent.
                    amount=Decimal(rnd.randint(500, 20000)),
                    award_date=datetime.date(year, 4, 1) + datetime.timedelta(days=n % 360),
                    status=statuses[(n // len(funds)) % len(statuses)],
                )
            )
        return len(GrantAward.objects.bulk_create(awards, batch_size=BATCH))

    # --- Wards and partners' resources ---------------------------------------------

    def wards_and_resources(self) -> int:
        """Four wards in each Area Board's area: the Area Board covers them all, each
        body below it one, and their meetings, plans and the grants to them name the
        same. Partners put money into each fund and staff time into every tenth plan."""
        boards = [body for body in self.bodies_made if body.kind == K.AREA_BOARD]
        wards = Ward.objects.bulk_create(
            Ward(
                name=f"{self.prefix.title()} ward {board.pk}-{n}",
                slug=f"{self.prefix}-ward-{board.pk}-{n}",
                area_board=board,
            )
            for board in boards
            for n in range(1, 5)
        )
        of_board = {board.pk: wards[4 * i : 4 * i + 4] for i, board in enumerate(boards)}
        wards_of: dict[int, list[Ward]] = {}
        for body in self.bodies_made:
            above = body
            while above is not None and above.kind != K.AREA_BOARD:
                above = above.parent
            if above is not None:
                area = of_board[above.pk]
                wards_of[body.pk] = area if body is above else [area[body.pk % 4]]
        pairs = [(pk, ward.pk) for pk, ws in wards_of.items() for ward in ws]
        Body.wards.through.objects.bulk_create(
            (Body.wards.through(body_id=b, ward_id=w) for b, w in pairs), batch_size=BATCH
        )
        for model, key in ((Meeting, "meeting_id"), (ActionPlan, "actionplan_id")):
            rows = model.objects.filter(body_id__in=wards_of).values_list("pk", "body_id")
            model.wards.through.objects.bulk_create(
                (
                    model.wards.through(**{key: pk, "ward_id": ward.pk})
                    for pk, body_id in rows
                    for ward in wards_of[body_id]
                ),
                batch_size=BATCH,
            )
        grants = GrantAward.objects.filter(
            fund__name__startswith=self.prefix.title(), recipient_body_id__in=wards_of
        ).values_list("pk", "recipient_body_id")
        GrantAward.wards.through.objects.bulk_create(
            (
                GrantAward.wards.through(grantaward_id=pk, ward_id=ward.pk)
                for pk, body_id in grants
                for ward in wards_of[body_id]
            ),
            batch_size=BATCH,
        )
        funds = Fund.objects.filter(name__startswith=self.prefix.title())
        commitments = [
            ResourceCommitment(
                partner=self.partners[(fund.pk + n) % len(self.partners)],
                kind=ResourceKind.REVENUE,
                amount=(fund.amount / 10).quantize(Decimal("0.01")),
                financial_year=fund.financial_year,
                fund=fund,
                description="Its share of a pooled fund",
            )
            for fund in funds
            for n in range(3)
        ]
        plans = ActionPlan.objects.filter(body_id__in=[b.pk for b in self.bodies_made])
        commitments += [
            ResourceCommitment(
                partner=self.partners[plan.pk % len(self.partners)],
                kind=ResourceKind.STAFF,
                staff_fte=Decimal("0.5"),
                financial_year=financial_year_label(financial_year_of(plan.starts_on)),
                plan=plan,
                description="An officer half of the week",
            )
            for plan in plans.only("pk", "starts_on")[::10]
        ]
        ResourceCommitment.objects.bulk_create(commitments, batch_size=BATCH)
        return len(wards)


def build(sizes: Sizes, *, prefix: str = "scale", seed: int = 2016) -> Report:
    return Builder(sizes, prefix=prefix, seed=seed).build()
