"""The example carries issue 22's indicators: every outcome of the current strategy
has a population indicator with years of values, targets some are on track for and
some are not, areas compared, performance measures for the current plans; every
value passes the rules a board member's entry meets; loading again changes nothing.
Checked for a load today and for one with the clock ten years ahead."""

import collections
import datetime
import io

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from partnerships.models import Body, BodyKind
from strategy.indicators import services
from strategy.indicators.models import (
    CurveReport,
    Frequency,
    Geography,
    GeographyKind,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    MeasureType,
    ValueStatus,
)
from strategy.indicators.models.indicators import period_ends
from strategy.indicators.status import Point, Status, assess
from strategy.models import ActionPlan, Direction
from strategy.selectors import current_strategy

pytestmark = pytest.mark.django_db


def load() -> None:
    call_command("load_example_data", stdout=io.StringIO())


def assessment(indicator: Indicator):
    values = [
        Point(v.period_end, v.value)
        for v in indicator.values.all()
        if v.geography_id == indicator.geography_id
    ]
    targets = [Point(t.target_on, t.value) for t in indicator.targets.all()]
    baseline = (
        Point(indicator.baseline_on, indicator.baseline) if indicator.baseline is not None else None
    )
    return assess(values, targets, polarity=indicator.polarity, baseline=baseline)


def check_places() -> Geography:
    authority = Geography.objects.get(kind=GeographyKind.AUTHORITY)
    assert (authority.name, authority.code, authority.parent) == (
        "Cheshire East",
        "E06000049",
        None,
    )
    boards = Body.objects.filter(kind=BodyKind.AREA_BOARD)
    assert boards.count() == 3
    for board in boards:
        area = Geography.objects.get(body=board)
        assert (area.kind, area.name, area.parent) == (
            GeographyKind.AREA,
            board.area_name,
            authority,
        )
        assert area.children.filter(kind=GeographyKind.WARD).count() >= 2, area
    assert Geography.objects.get(name="Crewe Central").parent.name == "Crewe and Nantwich"
    assert Geography.objects.get(name="Wilmslow West and Chorley").parent.name == "Macclesfield"
    assert Geography.objects.get(name="Sandbach Town").parent.name == "Congleton"
    return authority


def check_indicators() -> None:
    today = timezone.localdate()
    authority = check_places()
    strategy = current_strategy()
    assert strategy is not None
    population = (
        Indicator.objects.filter(kind=IndicatorKind.POPULATION)
        .select_related("geography", "owner")
        .prefetch_related("values", "targets", "outcomes", "priorities")
    )
    # Every outcome of the current strategy: an indicator with at least five years of
    # values for Cheshire East, up to the last year or two, the latest provisional.
    for outcome in strategy.outcomes.all():
        serving = [i for i in population if outcome in i.outcomes.all()]
        assert serving, outcome
        best = max(
            serving,
            key=lambda i: len(
                {v.period_end.year for v in i.values.all() if v.geography_id == authority.pk}
            ),
        )
        own = sorted(
            (v for v in best.values.all() if v.geography_id == authority.pk),
            key=lambda v: v.period_end,
        )
        assert len({v.period_end.year for v in own}) >= 5, outcome
        assert own[-1].period_end > today - datetime.timedelta(days=2 * 366), outcome
        assert own[-1].status == ValueStatus.PROVISIONAL and own[0].status == ValueStatus.FINAL
        assert best.frequency == Frequency.ANNUAL and best.source_url.startswith("https://")
        assert best.baseline is not None and best.baseline_on is not None
        assert {p.strategy_id for p in best.priorities.all()} >= {strategy.pk}, best
        assert best.owner.kind in {
            BodyKind.LEADERS_BOARD,
            BodyKind.THEMATIC_BOARD,
            BodyKind.THEMATIC_GROUP,
        }
    # Targets for the current strategy's end; both polarities; on track and off track
    # (and one the strategies set no target for).
    current = [i for i in population if set(i.outcomes.all()) & set(strategy.outcomes.all())]
    assert any(t.target_on == strategy.ends_on for i in current for t in i.targets.all())
    assert {i.polarity for i in current} == {Direction.UP, Direction.DOWN}
    statuses = collections.Counter(assessment(i).status for i in current)
    assert statuses[Status.ON_TRACK] >= 2 and statuses[Status.OFF_TRACK] >= 2, statuses
    assert statuses[Status.NO_TARGET] >= 1, statuses
    # Areas compared: values for several places for the same year, each Area Board
    # area among them.
    by_period = collections.defaultdict(set)
    for indicator_id, geography_id, period_end in IndicatorValue.objects.values_list(
        "indicator", "geography", "period_end"
    ):
        by_period[indicator_id, period_end].add(geography_id)
    assert max(len(places) for places in by_period.values()) >= 3
    areas = set(Geography.objects.filter(kind=GeographyKind.AREA).values_list("pk", flat=True))
    compared = [key for key, places in by_period.items() if places >= areas]
    assert len({indicator for indicator, _ in compared}) >= 2
    # Performance measures of the current plans, each question asked, owned by the
    # plan's body, with quarterly values.
    measures = Indicator.objects.filter(
        kind=IndicatorKind.PERFORMANCE, plan__starts_on__lte=today, plan__ends_on__gte=today
    ).select_related("plan")
    assert {m.measure_type for m in measures} == set(MeasureType.values)
    assert all(m.owner_id == m.plan.body_id for m in measures)
    assert all(m.frequency == Frequency.QUARTERLY for m in measures)
    quarterly = IndicatorValue.objects.filter(indicator__kind=IndicatorKind.PERFORMANCE)
    assert quarterly.exists()
    assert {v.period_end.month for v in quarterly} <= {3, 6, 9, 12}
    assert ActionPlan.objects.filter(indicators__isnull=False).distinct().count() >= 4
    # Every value passes the rules an entry meets.
    places = {g.pk: g for g in Geography.objects.all()}
    indicators = Indicator.objects.in_bulk()
    for value in IndicatorValue.objects.all():
        indicator = indicators[value.indicator_id]
        assert period_ends(indicator.frequency, value.period_end)
        problems = services.value_problems(
            indicator=indicator,
            geography=places[value.geography_id],
            period_end=value.period_end,
            value=value.value,
            today=today,
            places=places,
        )
        assert not problems, (value, problems)
    # A draft turn-the-curve report.
    assert CurveReport.objects.filter(status="draft").count() == 1


def counts() -> dict[str, int]:
    """Rows of every table of the indicators app, their history and links included."""
    return {
        model.__name__: model._default_manager.count()
        for model in apps.get_app_config("indicators").get_models(include_auto_created=True)
    }


def test_the_indicators_are_there_when_loaded_today_and_loading_again_changes_nothing():
    load()
    check_indicators()
    before = counts()
    values = sorted(IndicatorValue.objects.values_list())
    load()
    assert counts() == before
    assert sorted(IndicatorValue.objects.values_list()) == values


def test_the_indicators_are_there_when_loaded_ten_years_later():
    later = timezone.localtime() + datetime.timedelta(days=3652)
    with time_machine.travel(later, tick=False):
        load()
        check_indicators()
