"""Where an indicator stands: on track for its target or not, and which way it is
moving. The one vocabulary the pages, the PDFs and the open data use.

- **No data**: no value yet for the indicator's own place.
- **No target**: values, but no target to judge them by.
- **On track / off track**: the latest value against where the indicator should be
  by its date, on the straight line from the last point it was judged from (the
  baseline, or the last target date passed, or failing both its first value) to the
  next target; once every target date has passed, against the last target. A value
  exactly on the line is on track. "Better" follows the indicator's polarity.
- **Direction of travel**: the latest value against the one before it (provisional
  values count, and are labelled so where shown): improving, getting worse, no
  change, or too few values.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from strategy.models import Direction


class Status(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    OFF_TRACK = "off_track", "Off track"
    NO_TARGET = "no_target", "No target"
    NO_DATA = "no_data", "No data"


class Travel(models.TextChoices):
    IMPROVING = "improving", "Improving"
    WORSENING = "worsening", "Getting worse"
    NO_CHANGE = "no_change", "No change"
    TOO_FEW = "too_few", "Too few values"


#: The GOV.UK tag colour of each status and direction (``govuk-tag--<colour>``).
TAG_COLOURS = {
    Status.ON_TRACK: "green",
    Status.OFF_TRACK: "red",
    Status.NO_TARGET: "grey",
    Status.NO_DATA: "grey",
    Travel.IMPROVING: "green",
    Travel.WORSENING: "red",
    Travel.NO_CHANGE: "blue",
    Travel.TOO_FEW: "grey",
}


@dataclass(frozen=True)
class Point:
    on: datetime.date
    value: Decimal


@dataclass(frozen=True)
class Assessment:
    status: Status
    travel: Travel
    latest: Point | None = None
    previous: Point | None = None
    #: Where the indicator should have been on the latest value's date.
    expected: Decimal | None = None
    #: The target it is judged against.
    target: Point | None = None

    @property
    def status_colour(self) -> str:
        return TAG_COLOURS[self.status]

    @property
    def travel_colour(self) -> str:
        return TAG_COLOURS[self.travel]


def better_or_equal(value: Decimal, than: Decimal, polarity: str) -> bool:
    return value >= than if polarity == Direction.UP else value <= than


def travel(values: list[Point], polarity: str) -> Travel:
    if len(values) < 2:
        return Travel.TOO_FEW
    before, latest = values[-2].value, values[-1].value
    if latest == before:
        return Travel.NO_CHANGE
    return Travel.IMPROVING if better_or_equal(latest, before, polarity) else Travel.WORSENING


def expected_on(start: Point, end: Point, on: datetime.date) -> Decimal:
    """The value on ``on`` on the straight line from ``start`` to ``end``."""
    days = (end.on - start.on).days
    if days <= 0 or on >= end.on:
        return end.value
    if on <= start.on:
        return start.value
    share = Decimal((on - start.on).days) / Decimal(days)
    return start.value + (end.value - start.value) * share


def assess(
    values: list[Point],
    targets: list[Point],
    *,
    polarity: str,
    baseline: Point | None = None,
) -> Assessment:
    """The status and direction of travel of ``values`` (the indicator's own place,
    in date order) against ``targets`` (in date order)."""
    values = sorted(values, key=lambda p: p.on)
    targets = sorted(targets, key=lambda p: p.on)
    moving = travel(values, polarity)
    if not values:
        return Assessment(Status.NO_DATA, moving)
    latest = values[-1]
    previous = values[-2] if len(values) > 1 else None
    if not targets:
        return Assessment(Status.NO_TARGET, moving, latest, previous)
    ahead = [t for t in targets if t.on >= latest.on]
    if not ahead:
        target = targets[-1]
        expected = target.value
    else:
        target = ahead[0]
        passed = [t for t in targets if t.on < latest.on]
        if passed:
            start = passed[-1]
        elif baseline is not None and baseline.on < target.on:
            start = baseline
        else:
            start = values[0]
        expected = expected_on(start, target, latest.on)
    status = (
        Status.ON_TRACK if better_or_equal(latest.value, expected, polarity) else Status.OFF_TRACK
    )
    return Assessment(status, moving, latest, previous, expected, target)
