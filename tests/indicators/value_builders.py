"""Small builders for the value tests (entry, import, admin): places, an indicator
and its owner body with a member, written through the services."""

import datetime
import itertools
from dataclasses import dataclass

from django.utils import timezone

from partnerships.models import Body, BodyKind
from strategy.indicators import services
from strategy.indicators.forms import last_period_end
from strategy.indicators.models import (
    Frequency,
    Geography,
    GeographyKind,
    Indicator,
    IndicatorKind,
    Unit,
)
from tests.partnerships import factories as pf

_seq = itertools.count(1)


@dataclass
class Places:
    county: Geography
    area: Geography
    ward: Geography
    elsewhere: Geography


def places() -> Places:
    n = next(_seq)

    def place(name, kind, parent=None):
        return services.geography_save(
            geography=Geography(
                name=f"{name} {n}",
                slug=f"{name.lower().replace(' ', '-')}-{n}",
                kind=kind,
                parent=parent,
            )
        )

    county = place("Cheshire East", GeographyKind.AUTHORITY)
    area = place("Crewe and Nantwich", GeographyKind.AREA, county)
    ward = place("Crewe Central", GeographyKind.WARD, area)
    elsewhere = place("Cheshire West", GeographyKind.AUTHORITY)
    return Places(county, area, ward, elsewhere)


def indicator(owner: Body, where: Geography, **fields) -> Indicator:
    n = next(_seq)
    fields.setdefault("title", f"Adults who are active {n}")
    fields.setdefault("slug", f"adults-active-{n}")
    fields.setdefault("unit", Unit.PERCENT)
    fields.setdefault("frequency", Frequency.ANNUAL)
    fields.setdefault("decimal_places", 1)
    return services.indicator_save(
        indicator=Indicator(
            kind=IndicatorKind.POPULATION,
            definition="Adults doing 150 minutes of activity a week.",
            source="Active Lives Survey",
            geography=where,
            owner=owner,
            **fields,
        )
    )


def year_ends(count: int = 3) -> list[datetime.date]:
    """The last ``count`` financial year ends that have passed, oldest first."""
    latest = last_period_end(Frequency.ANNUAL, timezone.localdate())
    return [latest.replace(year=latest.year - i) for i in reversed(range(count))]


def next_year_end() -> datetime.date:
    """The end of the financial year now running (not ended yet)."""
    latest = last_period_end(Frequency.ANNUAL, timezone.localdate())
    return latest.replace(year=latest.year + 1)


def boards() -> tuple[Body, Body]:
    """Two thematic boards under one Leaders Board: the one that keeps the
    indicator, and another."""
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    return pf.body(BodyKind.THEMATIC_BOARD, leaders), pf.body(BodyKind.THEMATIC_BOARD, leaders)


def officer():
    """An officer: the officers' group holds the indicators app's permissions."""
    return pf.officer()
