"""Indicators in the world of private records (``world.py``), with what must never
be public marked:

- a published population indicator of the strategy's outcome and first priority,
  kept by the thematic board ``parent``, with values for the whole area and for
  the Crewe area, a target, a published turn-the-curve report and a draft one
  (marked);
- an unpublished indicator kept by the thematic group ``a``, with values (its
  title, definition and a value's note marked), serving the same outcome and
  priority, so that its absence from the list and the scorecards is tested too;
- a published performance measure of the draft plan (whose title is marked): the
  measure shows, its plan does not;
- an unpublished performance measure of the adopted plan (marked);
- an outcome of the draft strategy (marked), served by the published indicator.
"""

import datetime
from decimal import Decimal

from django.utils.timezone import localdate as today

from strategy.indicators import services
from strategy.indicators.models import (
    CurveReport,
    CurveReportStatus,
    Frequency,
    Geography,
    GeographyKind,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    IndicatorValue,
    MeasureType,
    Unit,
    ValueStatus,
)
from strategy.models import Direction, Outcome


def _year_ends(count: int) -> list[datetime.date]:
    now = today()
    last = now.year if now >= datetime.date(now.year, 3, 31) else now.year - 1
    return [datetime.date(y, 3, 31) for y in range(last - count + 1, last + 1)]


def _indicator(**fields) -> Indicator:
    outcomes = fields.pop("outcomes", [])
    priorities = fields.pop("priorities", [])
    fields.setdefault("definition", "How it is counted.")
    fields.setdefault("unit", Unit.PERCENT)
    fields.setdefault("frequency", Frequency.ANNUAL)
    fields.setdefault("source", "Office for National Statistics")
    made = services.indicator_save(indicator=Indicator(**fields))
    made.outcomes.set(outcomes)
    made.priorities.set(priorities)
    return made


def _values(indicator: Indicator, figures: list[str], *, geography=None, note: str = "") -> None:
    for day, figure in zip(_year_ends(len(figures)), figures, strict=True):
        services.indicator_value_save(
            value=IndicatorValue(
                indicator=indicator,
                geography=geography or indicator.geography,
                period_end=day,
                value=Decimal(figure),
                status=ValueStatus.PROVISIONAL if day == _year_ends(1)[0] else ValueStatus.FINAL,
                note=note,
            )
        )


def indicators_world(world, mark) -> None:
    strategy = world.objects["strategy"]
    priority = strategy.priorities.first()
    outcome = Outcome.objects.create(strategy=strategy, position=1, title="People live well")
    draft_outcome = Outcome.objects.create(
        strategy=world.objects["draft_strategy"],
        position=1,
        title=mark("outcome of a draft strategy"),
    )
    county = services.geography_save(
        geography=Geography(
            name="Cheshire East", slug="cheshire-east", kind=GeographyKind.AUTHORITY
        )
    )
    crewe = services.geography_save(
        geography=Geography(
            name="Crewe area",
            slug="crewe-area",
            kind=GeographyKind.AREA,
            parent=county,
            body=world.b,
        )
    )
    public = _indicator(
        kind=IndicatorKind.POPULATION,
        title="Adults in work",
        slug="adults-in-work",
        geography=county,
        owner=world.parent,
        outcomes=[outcome, draft_outcome],
        priorities=[priority],
    )
    _values(public, ["70.0", "71.0", "72.5"])
    _values(public, ["65.0", "66.5"], geography=crewe)
    target_on = _year_ends(1)[0].replace(year=_year_ends(1)[0].year + 3)
    services.indicator_target_save(
        target=IndicatorTarget(indicator=public, target_on=target_on, value=Decimal("75"))
    )
    published_report = CurveReport.objects.create(
        indicator=public,
        body=world.parent,
        title="Turning the curve on work",
        story="More people in work.",
        partners="Employers.",
        what_works="Apprenticeships.",
        action_plan="Open a skills hub.",
        status=CurveReportStatus.PUBLISHED,
        published_on=today(),
    )
    draft_report = CurveReport.objects.create(
        indicator=public,
        body=world.parent,
        title=mark("draft turn-the-curve report title"),
        story=mark("draft turn-the-curve story"),
        partners="p",
        what_works="w",
        action_plan="a",
    )
    hidden = _indicator(
        kind=IndicatorKind.POPULATION,
        title=mark("unpublished indicator title"),
        slug="unpublished-indicator",
        definition=mark("unpublished indicator definition"),
        geography=county,
        owner=world.a,
        polarity=Direction.DOWN,
        is_public=False,
        outcomes=[outcome],
        priorities=[priority],
    )
    _values(hidden, ["12.0", "11.0"], note=mark("note of a value of an unpublished indicator"))
    draft_measure = _indicator(
        kind=IndicatorKind.PERFORMANCE,
        title="People helped by the draft plan",
        slug="people-helped-draft-plan",
        geography=county,
        owner=world.a,
        plan=world.objects["draft_plan"],
        measure_type=MeasureType.HOW_MUCH,
        unit=Unit.NUMBER,
        decimal_places=0,
    )
    _values(draft_measure, ["10", "20"])
    hidden_measure = _indicator(
        kind=IndicatorKind.PERFORMANCE,
        title=mark("unpublished performance measure title"),
        slug="unpublished-measure",
        geography=county,
        owner=world.a,
        plan=world.objects["adopted_plan"],
        measure_type=MeasureType.HOW_WELL,
        is_public=False,
    )
    _values(hidden_measure, ["50.0", "55.0"])
    world.objects |= {
        "outcome": outcome,
        "public_indicator": public,
        "hidden_indicator": hidden,
        "hidden_measure": hidden_measure,
        "draft_measure": draft_measure,
        "published_curve_report": published_report,
        "draft_curve_report": draft_report,
    }
