"""Ambition for All, its refresh and the strategies that followed it.

Sources: the agreement, section 4 (vision, aims, objectives, seven priorities for
action) and the cabinet report of 12 July 2016 (outcomes in 5.3, the refresh live
from April 2017 for three years, the project plan and risk log of appendix 3, whose
contents the report does not reproduce: those milestones and risks are
illustrative). The seeds stop in 2020; from April 2020 a three-year strategy
follows another, each titled "(illustrative)", up to the one in force on the day the
data is loaded, so the site always has exactly one current strategy and never
presents an ended one as current. Their action plans are ``strategy_plans``.
Idempotent: a strategy is found by its slug, and what it holds is made once.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from pace.exampledata import consultation_data, strategy_history, strategy_plans
from partnerships.models import Body
from strategy.models import (
    Action,
    ExceptionReport,
    Measure,
    MeasureValue,
    Milestone,
    Outcome,
    Priority,
    ProgressUpdate,
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
AIMS = [
    "To agree a vision, key priorities and actions to tackle economic, social and "
    "environmental concerns for Cheshire East",
    "To work together as equal partners and with the community to prepare a sustainable "
    "community strategy and plans which will define where we are now, where we want to be in "
    "the future and how we will get there and to prepare it in accordance with the principles "
    "of sustainable development",
    "To bring together local partnerships, plans and initiatives for service providers to work "
    "together with the community to meet local needs and priorities",
    "To devise a Local Area Agreement to improve performance locally",
    "To work together in partnership to avoid duplication, additional costs, conflicting "
    "strategies and consultation fatigue",
    "To jointly develop review mechanisms",
    "To liaise, where appropriate, with neighbouring Local Strategic Partnerships, where there "
    "is a mutual benefits and sharing of good practice",
]
OBJECTIVES = [
    "To promote equality and diversity and improve the quality of life for everyone who lives "
    "in, works in or visits Cheshire East",
    "To strengthen partnership working to ensure that everyone is working in the same strategic "
    "direction, sharing resources, information and expertise to address key issues and local "
    "problems",
    "To maximise the use of existing resources across all sectors and access additional funding "
    "from local, national and international sources for the benefit of the people of Cheshire "
    "East",
    "To contribute to sustainable development locally, regionally, nationally and global.",
    "To improve engagement and consultation across the Cheshire East area",
]
#: The board that owns each priority (by position), the first of these slugs that
#: exists: the thematic boards for their themes (agreement, Thematic Groups role 1;
#: cabinet report 5.6.2), the Leaders Board for the rest.
LEADS = {
    1: ["leaders-board"],
    2: ["leaders-board"],
    3: ["leaders-board"],
    4: ["learning-and-skills", "leaders-board"],
    5: ["leaders-board"],
    6: ["health-and-wellbeing-board", "leaders-board"],
    7: ["health-and-wellbeing-board", "leaders-board"],
}
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
    # Met late: the analysis of the responses ran past Christmas, and the draft with it.
    ("Consultation closes; responses analysed", "2016-12-16", "2016-12-21"),
    ("Draft strategy to the Leaders Board", "2017-01-25", "2017-02-08"),
    ("Strategy adopted by the Leaders Board and Cabinet", "2017-03-14", "2017-03-14"),
    ("Refreshed strategy goes live", "2017-04-01", "2017-04-01"),
    ("Year-one partnership action plan adopted by every board", "2017-04-30", "2017-05-24"),
    # Missed: the Assembly of 2017 was postponed, and the review went to the Leaders Board.
    ("First annual progress report to the Assembly", "2018-03-31", None),
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
    today = timezone.localdate()
    original = strategy_save(
        slug="ambition-for-all-2010-2025",
        title="Ambition for All: Sustainable Community Strategy 2010-2025",
        starts_on=datetime.date(2010, 4, 1),
        ends_on=datetime.date(2025, 3, 31),
        # Superseded by its refresh, adopted in March 2017 (cabinet report 1.3).
        status=StrategyStatus.SUPERSEDED,
        outcomes=OUTCOMES_2010,
    )
    refresh = strategy_save(
        slug="ambition-for-all-2017-2020",
        title="Ambition for All: Partnership Strategy 2017-2020",
        starts_on=datetime.date(2017, 4, 1),
        ends_on=datetime.date(2020, 3, 31),
        goes_live_on=datetime.date(2017, 4, 1),
        # Consulted on from October to December 2016 (cabinet report 2.1), adopted in
        # March 2017: the consultation's outcome was published then.
        status=StrategyStatus.ADOPTED,
        outcomes=OUTCOMES_2017,
        replaces=original,
    )
    for title, due, done in MILESTONES:
        Milestone.objects.get_or_create(
            strategy=refresh,
            title=title,
            defaults={"due_on": due, "done_on": done, "lead": "Partnerships and Communities"},
        )
    for risk in RISKS:
        # The seeds' risk log keeps the scores the cabinet report gave it; its
        # reviews confirmed them.
        strategy_history.risk_log(
            refresh, *risk, today=today, first_review=datetime.date(2016, 10, 31), rescore=False
        )
    strategies = [refresh]
    # Three-year strategies from April 2020 until one is in force today.
    while strategies[-1].ends_on < today:
        strategies.append(_later(strategies[-1], StrategyStatus.ADOPTED, today=today))
    # In the current strategy's last six months, the next is out for consultation.
    if strategies[-1].ends_on - today < datetime.timedelta(days=183):
        _later(strategies[-1], StrategyStatus.CONSULTATION, today=today)
    strategy_plans.load(strategies, today)
    return {
        "strategies": Strategy.objects.count(),
        "priorities": Priority.objects.count(),
        "actions": Action.objects.count(),
        "progress updates": ProgressUpdate.objects.count(),
        "exception reports": ExceptionReport.objects.count(),
        "measures": Measure.objects.count(),
        "measure values": MeasureValue.objects.count(),
    } | consultation_data.load(refresh=refresh)


def _later(before: Strategy, status: str, *, today: datetime.date) -> Strategy:
    """The illustrative three-year strategy after ``before``, with its project plan."""
    starts = before.ends_on + datetime.timedelta(days=1)
    years = f"{starts.year}-{starts.year + 3}"
    later = strategy_save(
        slug=f"ambition-for-all-{years}",
        title=f"Ambition for All: Partnership Strategy {years} (illustrative)",
        starts_on=starts,
        ends_on=datetime.date(starts.year + 3, 3, 31),
        goes_live_on=starts,
        status=status,
        outcomes=OUTCOMES_2017,
        replaces=before,
        summary=strategy_history.SUMMARY,
    )
    strategy_history.project_plan(later, today=today)
    return later


def strategy_save(*, slug, title, outcomes, status, **fields) -> Strategy:
    """The strategy of ``slug``, made with its outcomes and the seven priorities
    (each with its lead board) if it is new; its status brought up to date if not,
    so that a database loaded before a strategy was superseded says so now."""
    strategy = Strategy.objects.filter(slug=slug).first()
    if strategy is not None:
        if strategy.status != status:
            strategy.status = status
            strategy.full_clean()
            strategy.save()
        _leads(strategy)
        return strategy
    strategy = Strategy(
        slug=slug,
        title=title,
        status=status,
        vision=VISION,
        aims="\n".join(AIMS),
        objectives="\n".join(OBJECTIVES),
        owner=Body.objects.filter(slug="leaders-board").first(),
        **fields,
    )
    strategy.full_clean()
    strategy.save()
    for i, outcome in enumerate(outcomes, 1):
        Outcome.objects.create(strategy=strategy, position=i, title=outcome)
    for i, priority in enumerate(PRIORITIES, 1):
        Priority.objects.create(
            strategy=strategy, position=i, title=priority, slug=slugify(priority)
        )
    _leads(strategy)
    return strategy


def _leads(strategy: Strategy) -> None:
    bodies = Body.objects.filter(slug__in={s for slugs in LEADS.values() for s in slugs})
    by_slug = {b.slug: b for b in bodies}
    for priority in strategy.priorities.filter(lead_body__isnull=True):
        lead = next((by_slug[s] for s in LEADS[priority.position] if s in by_slug), None)
        if lead is not None:
            priority.lead_body = lead
            priority.save(update_fields=["lead_body"])
