"""A small partnership with indicators in every state, for the tests of the public
pages and scorecards (and the browser journey): built through the services
(``tests/indicators/records.py``), dates counted back from today."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from strategy.indicators.models import (
    CurveReport,
    CurveReportStatus,
    Indicator,
    IndicatorKind,
    MeasureType,
    Unit,
    ValueStatus,
)
from strategy.models import Action, Direction, Outcome, Priority, Rag, Strategy
from tests.partnerships import factories as pf
from tests.strategy import factories as sf

from . import records

UP, DOWN = Direction.UP, Direction.DOWN
HIDDEN = "Quietly measured Zeta rate"


def target_day() -> datetime.date:
    """The date of the targets ``records.indicator`` sets: three years after the last
    financial year that has ended."""
    last = records.year_ends(1)[0]
    return last.replace(year=last.year + 3)


@dataclass
class World:
    strategy: Strategy
    outcome: Outcome
    priority: Priority
    owner: object
    member: object
    outsider: object
    plan: object
    indicators: dict[str, Indicator] = field(default_factory=dict)

    @property
    def years(self) -> list[datetime.date]:
        return records.year_ends(5)


def build() -> World:
    """Five years of values (the last provisional) for a smoking rate where lower is
    better (on track, improving, compared with the Crewe area); one each of off track
    where higher is better, on track where higher is better, off track where lower is
    better, no target, and no data; a performance measure of a plan with actions for
    the priority; and an unpublished indicator (``HIDDEN``) with values."""
    county, crewe = records.places()
    strat = sf.strategy(priorities=2)
    strat.title = "Ambition for All"
    strat.save()
    outcome = Outcome.objects.create(
        strategy=strat, position=1, title="People live well and for longer"
    )
    priority = strat.priorities.get(position=1)
    owner = pf.body(name="Health and Wellbeing Board")
    member = pf.person("Hana Health", with_login=True)
    pf.member(owner, member)
    other = pf.body(name="Skills Board")
    outsider = pf.person("Otto Outsider", with_login=True)
    pf.member(other, outsider)
    plan = sf.plan(owner, strat)
    for rag in (Rag.RED, Rag.GREEN, Rag.GREEN):
        made = sf.action(plan, priority=priority)
        Action.objects.filter(pk=made.pk).update(latest_rag=rag)
    world = World(strat, outcome, priority, owner, member, outsider, plan)
    years = records.year_ends(5)
    links = {"outcomes": [outcome], "priorities": [priority], "owner": owner}

    smoking = records.indicator(
        title="Adults who smoke",
        slug="adults-who-smoke",
        values=None,
        target="20.0",
        polarity=DOWN,
        baseline=Decimal("24.0"),
        baseline_on=years[0],
        source="Office for Health Improvement and Disparities",
        source_url="https://fingertips.phe.org.uk/",
        **links,
    )
    # Five years, the last provisional.
    for day, figure in zip(years[:4], ["24.0", "23.5", "23.0", "22.4"], strict=True):
        records.value(smoking, figure, day)
    records.value(smoking, "21.3", years[4], status=ValueStatus.PROVISIONAL)
    records.value(smoking, "27.0", years[3], geography=crewe)
    records.value(smoking, "26.1", years[4], geography=crewe, status=ValueStatus.PROVISIONAL)
    CurveReport.objects.create(
        indicator=smoking,
        body=owner,
        title="Turning the curve on smoking",
        story="s",
        partners="p",
        what_works="w",
        action_plan="a",
        status=CurveReportStatus.PUBLISHED,
        published_on=timezone.localdate(),
    )
    CurveReport.objects.create(
        indicator=smoking,
        body=owner,
        title="Draft thoughts on smoking",
        story="s",
        partners="p",
        what_works="w",
        action_plan="a",
    )
    world.indicators["smoking"] = smoking
    world.indicators["active"] = records.indicator(
        title="Adults physically active",
        slug="adults-physically-active",
        values=["60.0", "61.0", "60.5"],
        target="80.0",
        polarity=UP,
        **links,
    )
    world.indicators["employment"] = records.indicator(
        title="Employment rate",
        slug="employment-rate",
        values=["70.0", "72.0"],
        target="75.0",
        polarity=UP,
        **links,
    )
    world.indicators["obesity"] = records.indicator(
        title="Children overweight",
        slug="children-overweight",
        values=["25.0", "26.0"],
        target="20.0",
        polarity=DOWN,
        **links,
    )
    world.indicators["visits"] = records.indicator(
        title="Library visits",
        slug="library-visits",
        values=["100", "100"],
        target=None,
        unit=Unit.NUMBER,
        decimal_places=0,
        **links,
    )
    world.indicators["lonely"] = records.indicator(
        title="Adults often lonely",
        slug="adults-often-lonely",
        values=None,
        target="10.0",
        polarity=DOWN,
        **links,
    )
    world.indicators["measure"] = records.indicator(
        title="Quit attempts supported",
        slug="quit-attempts-supported",
        kind=IndicatorKind.PERFORMANCE,
        plan=plan,
        measure_type=MeasureType.HOW_WELL,
        values=["40.0", "50.0"],
        target="60.0",
        owner=owner,
    )
    world.indicators["hidden"] = records.indicator(
        title=HIDDEN,
        slug="quietly-measured",
        public=False,
        values=["10.0", "11.0"],
        **links,
    )
    return world


def more_indicators(world: World, count: int) -> None:
    """``count`` more published indicators of the outcome and priority, each with two
    values and a target, and as many performance measures of the plan."""
    for n in range(count):
        records.indicator(
            title=f"Extra indicator {n}",
            values=["50.0", "51.0"],
            outcomes=[world.outcome],
            priorities=[world.priority],
            owner=world.owner,
        )
        records.indicator(
            title=f"Extra measure {n}",
            kind=IndicatorKind.PERFORMANCE,
            plan=world.plan,
            measure_type=list(MeasureType)[n % 3],
            values=["5.0", "6.0"],
            owner=world.owner,
        )
