"""Builders of indicators with targets and values for the open-data, turn-the-curve
and report-appendix tests, through the app's services so its rules apply. Dates are
counted back from today: the last financial years that have ended."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from strategy.indicators import services
from strategy.indicators.models import (
    Frequency,
    Geography,
    GeographyKind,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    IndicatorValue,
    Unit,
    ValueStatus,
)
from strategy.models import Direction
from tests.partnerships import factories as pf

_seq = itertools.count(1)


def year_ends(count: int) -> list[datetime.date]:
    """The last ``count`` financial year ends (31 March) that have passed, oldest first."""
    today = timezone.localdate()
    last = today.year if today >= datetime.date(today.year, 3, 31) else today.year - 1
    return [datetime.date(y, 3, 31) for y in range(last - count + 1, last + 1)]


def places() -> tuple[Geography, Geography]:
    """The whole area and an Area Board's area within it."""
    county = Geography.objects.filter(slug="cheshire-east").first()
    if county is None:
        county = services.geography_save(
            geography=Geography(
                name="Cheshire East",
                slug="cheshire-east",
                kind=GeographyKind.AUTHORITY,
                code="E06000049",
            )
        )
    crewe = Geography.objects.filter(slug="crewe-area").first()
    if crewe is None:
        crewe = services.geography_save(
            geography=Geography(
                name="Crewe area", slug="crewe-area", kind=GeographyKind.AREA, parent=county
            )
        )
    return county, crewe


def indicator(
    *,
    owner=None,
    title: str | None = None,
    public: bool = True,
    values: list[str] | None = None,
    target: str | None = "80.0",
    polarity=Direction.UP,
    outcomes=(),
    priorities=(),
    **fields,
) -> Indicator:
    """A yearly population indicator with ``values`` for the last years (the whole
    area's) and, if given, a target three years on."""
    n = next(_seq)
    county, _ = places()
    title = title or f"Indicator {n}"
    made = services.indicator_save(
        indicator=Indicator(
            kind=fields.pop("kind", IndicatorKind.POPULATION),
            title=title,
            slug=fields.pop("slug", f"indicator-{n}"),
            definition=fields.pop("definition", f"How {title.lower()} is counted."),
            unit=fields.pop("unit", Unit.PERCENT),
            decimal_places=fields.pop("decimal_places", 1),
            polarity=polarity,
            frequency=Frequency.ANNUAL,
            source=fields.pop("source", "Office for National Statistics"),
            source_url=fields.pop("source_url", "https://www.ons.gov.uk/"),
            geography=fields.pop("geography", county),
            owner=owner or pf.body(),
            is_public=public,
            **fields,
        )
    )
    made.outcomes.set(outcomes)
    made.priorities.set(priorities)
    if values:
        for day, figure in zip(year_ends(len(values)), values, strict=True):
            value(made, figure, day)
    if target is not None:
        ends = year_ends(1)[0]
        services.indicator_target_save(
            target=IndicatorTarget(
                indicator=made,
                target_on=ends.replace(year=ends.year + 3),
                value=Decimal(target),
                note="The strategy's aim",
            )
        )
    return made


def value(
    made: Indicator,
    figure: str,
    day: datetime.date,
    *,
    geography: Geography | None = None,
    status=ValueStatus.FINAL,
    note: str = "",
) -> IndicatorValue:
    return services.indicator_value_save(
        value=IndicatorValue(
            indicator=made,
            geography=geography or made.geography,
            period_end=day,
            value=Decimal(figure),
            status=status,
            note=note,
        )
    )
