"""Ambition for All and its refresh, with example action plans.

Sources: the agreement, section 4 (vision, seven priorities for action) and the
cabinet report of 12 July 2016 (outcomes in 5.3, the refresh live from April 2017
for three years, the project plan and risk log of appendix 3, whose contents the
report does not reproduce: those milestones and risks are illustrative). The action
plans and their actions are illustrative and dated from the day the data is loaded,
so the example always has actions due soon, overdue and done. Idempotent.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from pace.core.dates import financial_year_bounds, financial_year_of
from pace.exampledata import consultation_data
from partnerships.models import Body, Person
from strategy import services
from strategy.models import (
    Action,
    ActionPlan,
    ActionStatus,
    Direction,
    Measure,
    MeasureValue,
    Milestone,
    Outcome,
    PlanStatus,
    Priority,
    Rag,
    Risk,
    Strategy,
    StrategyStatus,
)

VISION = (
    "Cheshire East is a prosperous place where all people thrive, regardless of where they "
    "live. We have beautiful productive countryside, unique towns with individual character "
    "and a wealth of history and culture. The people of Cheshire East live active, fulfilling "
    "lives and get involved in making their communities safe, healthy and sustainable places "
    "to live."
)
PRIORITIES = [
    "Nurture strong communities",
    "Create conditions for business growth",
    "Unlock the potential of our towns",
    "Support our young people",
    "Plan for the needs of future generations",
    "Prepare for an increasingly older population",
    "Drive out the sources of poor health",
]
OUTCOMES_2010 = [
    "All our people fulfil their potential",
    "People live independent, active and healthy lives",
    "People are involved in local decisions",
]
OUTCOMES_2017 = [
    "All our people, regardless of age, gender or ethnicity, realise and fulfil their potential",
    "People are able and supported to live independent, active and healthy lives",
    "People are involved in local decisions",
]
MILESTONES = [
    (
        "Cabinet agrees the refresh, structure and town partnership funding",
        "2016-07-12",
        "2016-07-12",
    ),
    ("Revamped Leaders Board meets", "2016-09-21", "2016-09-21"),
    ("Consultation on the refreshed strategy opens", "2016-10-03", "2016-10-03"),
    ("Consultation closes; responses analysed", "2016-12-16", None),
    ("Draft strategy to the Leaders Board", "2017-01-25", None),
    ("Strategy adopted by the Leaders Board and Cabinet", "2017-03-14", None),
    ("Refreshed strategy goes live", "2017-04-01", None),
]
RISKS = [
    (
        "Partners do not commit resources to the refreshed strategy",
        3,
        4,
        "Head of Communities",
        "Leaders Board members sign up to owned actions; resources noted in each plan.",
    ),
    (
        "Consultation does not reach hard-to-reach groups",
        3,
        3,
        "Partnerships and Communities",
        "Work through the VCF sector, Area Assemblies and town partnerships.",
    ),
    (
        "New structure not embedded; accountability stays unclear",
        2,
        4,
        "Head of Communities",
        "Clear lines of accountability in the tree; exception reports to the parent board.",
    ),
    (
        "Funding to partners raises subsidy control issues",
        2,
        3,
        "Legal Services",
        "Competitive process where possible; subsidy checks on each award.",
    ),
]


@transaction.atomic
def load() -> dict[str, int]:
    original = _strategy(
        slug="ambition-for-all-2010-2025",
        title="Ambition for All: Sustainable Community Strategy 2010-2025",
        starts_on=datetime.date(2010, 4, 1),
        ends_on=datetime.date(2025, 3, 31),
        status=StrategyStatus.ADOPTED,
        outcomes=OUTCOMES_2010,
    )
    refresh = _strategy(
        slug="ambition-for-all-2017-2020",
        title="Ambition for All: Partnership Strategy 2017-2020",
        starts_on=datetime.date(2017, 4, 1),
        ends_on=datetime.date(2020, 3, 31),
        goes_live_on=datetime.date(2017, 4, 1),
        # Out for consultation (cabinet report 2.1), so public: a draft strategy is
        # for officers only.
        status=StrategyStatus.CONSULTATION,
        outcomes=OUTCOMES_2017,
        replaces=original,
    )
    for title, due, done in MILESTONES:
        Milestone.objects.get_or_create(
            strategy=refresh,
            title=title,
            defaults={"due_on": due, "done_on": done, "lead": "Partnerships and Communities"},
        )
    for title, likelihood, impact, owner, mitigation in RISKS:
        Risk.objects.get_or_create(
            strategy=refresh,
            title=title,
            defaults={
                "likelihood": likelihood,
                "impact": impact,
                "owner": owner,
                "mitigation": mitigation,
                "review_on": datetime.date(2016, 10, 31),
            },
        )
    # The strategy in force on the day the data is loaded, so that the site always
    # has one (the seeds' two strategies ended in 2020 and 2025): illustrative, and
    # titled so, running five years from the April before last.
    starts_on, _ = financial_year_bounds(financial_year_of(timezone.localdate()) - 1)
    current = _strategy(
        slug="ambition-for-all-current",
        title=(
            f"Ambition for All: Partnership Strategy {starts_on.year}-{starts_on.year + 5} "
            "(illustrative)"
        ),
        starts_on=starts_on,
        ends_on=datetime.date(starts_on.year + 5, 3, 31),
        goes_live_on=starts_on,
        status=StrategyStatus.ADOPTED,
        outcomes=OUTCOMES_2017,
        replaces=refresh,
    )
    _plans(current)
    return {
        "strategies": Strategy.objects.count(),
        "priorities": Priority.objects.count(),
        "actions": Action.objects.count(),
    } | consultation_data.load(refresh=refresh)


def _strategy(*, slug, title, outcomes, **fields) -> Strategy:
    strategy, created = Strategy.objects.get_or_create(
        slug=slug,
        defaults={
            "title": title,
            "vision": VISION,
            "owner": Body.objects.filter(slug="leaders-board").first(),
            **fields,
        },
    )
    if created:
        for i, outcome in enumerate(outcomes, 1):
            Outcome.objects.create(strategy=strategy, position=i, title=outcome)
        for i, priority in enumerate(PRIORITIES, 1):
            Priority.objects.create(
                strategy=strategy, position=i, title=priority, slug=slugify(priority)
            )
    return strategy


# (body slug, [(title, priority position, owner slug, due in days, status, public,
#   measure of success, target, updates as (days ago, rag, narrative))])
PLANS = {
    "crewe-and-nantwich-area-management-group": [
        (
            "Run participatory budgeting for public health projects",
            7,
            "nadia-evans",
            20,
            ActionStatus.IN_PROGRESS,
            True,
            "Projects chosen by residents' votes and funded",
            "At least 12 community projects funded",
            [
                (40, Rag.GREEN, "Round launched at the Area Assembly; 31 ideas received."),
                (10, Rag.AMBER, "Voting turnout lower than hoped in two wards."),
            ],
        ),
        (
            "Not in my Neighbourhood week of action",
            1,
            "nadia-lowe",
            -15,
            ActionStatus.IN_PROGRESS,
            True,
            "Joint patrols and clean-ups held in each ward",
            "Events in all wards",
            [(30, Rag.AMBER, "Two wards still to schedule.")],
        ),
        (
            "Town centre health walks",
            7,
            "nadia-evans",
            60,
            ActionStatus.NOT_STARTED,
            True,
            "Weekly walks led by volunteers",
            "Weekly walks in Crewe and Nantwich",
            [],
        ),
        (
            "Review of anti-social behaviour hot spots",
            1,
            "nadia-lowe",
            45,
            ActionStatus.IN_PROGRESS,
            False,
            "Hot spots mapped with partners",
            "Map agreed by the group",
            [(5, Rag.GREEN, "Police and housing data combined.")],
        ),
    ],
    "health-and-wellbeing-board": [
        (
            "Joint strategic plan for health and wellbeing",
            7,
            "daniel-hughes",
            90,
            ActionStatus.IN_PROGRESS,
            True,
            "Plan adopted with owned actions and measures",
            "Plan adopted by the Board",
            [(20, Rag.GREEN, "Draft shared with the Area Boards.")],
        ),
        (
            "Falls prevention for older people",
            6,
            "priya-desai",
            25,
            ActionStatus.IN_PROGRESS,
            True,
            "Fewer emergency admissions after a fall",
            "10% fewer admissions",
            [(15, Rag.AMBER, "Referral pathway agreed; recruitment of instructors slow.")],
        ),
    ],
    "leaders-board": [
        (
            "Refresh Ambition for All with partners",
            1,
            "alex-marsh",
            120,
            ActionStatus.IN_PROGRESS,
            True,
            "Refreshed strategy adopted by partners",
            "Adopted before the year ends",
            [(25, Rag.GREEN, "Consultation plan agreed.")],
        ),
        (
            "Business growth summit with the Chamber",
            2,
            "helen-barker",
            35,
            ActionStatus.NOT_STARTED,
            True,
            "Summit held and actions agreed",
            "150 businesses attend",
            [],
        ),
    ],
}


def _plans(strategy: Strategy) -> None:
    today = timezone.localdate()
    starts_on, ends_on = financial_year_bounds(financial_year_of(today))
    priorities = {p.position: p for p in strategy.priorities.all()}
    for body_slug, actions in PLANS.items():
        body = Body.objects.get(slug=body_slug)
        plan, created = ActionPlan.objects.get_or_create(
            body=body,
            strategy=strategy,
            starts_on=starts_on,
            defaults={
                "title": f"{body.name} action plan {starts_on.year}/{str(ends_on.year)[2:]}",
                "ends_on": ends_on,
                "status": PlanStatus.ADOPTED,
            },
        )
        if not created:
            continue
        for title, priority, owner, due_in, status, public, success, target, updates in actions:
            due_on = min(today + datetime.timedelta(days=due_in), ends_on)
            action = services.action_save(
                action=Action(
                    plan=plan,
                    priority=priorities[priority],
                    title=title,
                    owner=Person.objects.get(slug=owner),
                    due_on=due_on,
                    status=status,
                    is_public=public,
                    measure_of_success=success,
                    target=target,
                )
            )
            for days_ago, rag, narrative in updates:
                services.progress_update_post(
                    action=action,
                    rag=rag,
                    narrative=narrative,
                    reported_on=today - datetime.timedelta(days=days_ago),
                )
        if body_slug == "crewe-and-nantwich-area-management-group":
            pb = plan.actions.get(title__startswith="Run participatory")
            measure = Measure.objects.create(
                action=pb,
                title="Community projects funded",
                unit="projects",
                baseline=Decimal("0"),
                target=Decimal("12"),
                direction=Direction.UP,
            )
            for months_ago, value in [(5, "0"), (4, "2"), (3, "4"), (2, "7"), (1, "9")]:
                MeasureValue.objects.create(
                    measure=measure,
                    measured_on=today - datetime.timedelta(days=30 * months_ago),
                    value=Decimal(value),
                )
