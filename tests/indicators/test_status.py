"""Where an indicator stands (``strategy.indicators.status``): on track, off track,
no target, no data, either polarity, and its direction of travel."""

import datetime
from decimal import Decimal

import pytest

from strategy.indicators.status import Point, Status, Travel, assess, expected_on
from strategy.models import Direction

UP, DOWN = Direction.UP, Direction.DOWN


def year(y: int) -> datetime.date:
    return datetime.date(y, 3, 31)


def points(*pairs) -> list[Point]:
    return [Point(year(y), Decimal(str(v))) for y, v in pairs]


def test_no_values_is_no_data_whatever_the_targets():
    result = assess([], points((2030, 80)), polarity=UP)
    assert result.status == Status.NO_DATA and result.travel == Travel.TOO_FEW
    assert result.latest is None


def test_values_without_a_target_have_no_target_but_a_direction():
    result = assess(points((2020, 70), (2021, 72)), [], polarity=UP)
    assert result.status == Status.NO_TARGET
    assert result.travel == Travel.IMPROVING
    assert result.latest.value == Decimal(72)


@pytest.mark.parametrize(
    ("polarity", "latest", "status"),
    [
        # Baseline 70 in 2020, target 80 in 2030: 75 expected in 2025.
        (UP, 75, Status.ON_TRACK),  # exactly on the line
        (UP, 76, Status.ON_TRACK),
        (UP, "74.9", Status.OFF_TRACK),
    ],
)
def test_higher_is_better_against_the_line_from_the_baseline(polarity, latest, status):
    result = assess(
        points((2024, 73), (2025, latest)),
        points((2030, 80)),
        polarity=polarity,
        baseline=Point(year(2020), Decimal(70)),
    )
    assert result.expected == pytest.approx(Decimal(75), abs=Decimal("0.01"))
    assert result.status == status


@pytest.mark.parametrize(
    ("latest", "status"), [(25, Status.ON_TRACK), (24, Status.ON_TRACK), (26, Status.OFF_TRACK)]
)
def test_lower_is_better_turns_the_comparison_round(latest, status):
    # Baseline 30 in 2020, target 20 in 2030: 25 expected in 2025.
    result = assess(
        points((2025, latest)),
        points((2030, 20)),
        polarity=DOWN,
        baseline=Point(year(2020), Decimal(30)),
    )
    assert result.status == status


def test_direction_of_travel_follows_the_polarity():
    rising = points((2023, 10), (2024, 12))
    assert assess(rising, [], polarity=UP).travel == Travel.IMPROVING
    assert assess(rising, [], polarity=DOWN).travel == Travel.WORSENING
    flat = points((2023, 10), (2024, 10))
    assert assess(flat, [], polarity=UP).travel == Travel.NO_CHANGE
    assert assess(points((2024, 10)), [], polarity=UP).travel == Travel.TOO_FEW


def test_after_every_target_date_the_last_target_decides():
    targets = points((2022, 50), (2024, 60))
    assert assess(points((2025, 60)), targets, polarity=UP).status == Status.ON_TRACK
    assert assess(points((2025, 59)), targets, polarity=UP).status == Status.OFF_TRACK


def test_a_target_passed_becomes_the_start_of_the_line_to_the_next():
    # 2022's target 50 passed; 2026's is 70: 60 expected in 2024.
    targets = points((2022, 50), (2026, 70))
    result = assess(
        points((2024, 61)), targets, polarity=UP, baseline=Point(year(2018), Decimal(0))
    )
    assert result.target.value == Decimal(70)
    assert result.expected == pytest.approx(Decimal(60), abs=Decimal("0.05"))
    assert result.status == Status.ON_TRACK


def test_without_a_baseline_the_first_value_starts_the_line():
    # First value 40 in 2020, target 60 in 2030: 50 expected in 2025.
    values = points((2020, 40), (2025, 49))
    result = assess(values, points((2030, 60)), polarity=UP)
    assert result.status == Status.OFF_TRACK
    assert result.previous.value == Decimal(40)


def test_values_in_any_order_are_judged_by_date():
    values = points((2025, 49), (2020, 40))
    assert assess(values, points((2030, 60)), polarity=UP).latest.value == Decimal(49)


def test_expected_on_is_the_straight_line():
    start, end = Point(year(2020), Decimal(0)), Point(year(2030), Decimal(100))
    assert expected_on(start, end, year(2020)) == 0
    assert expected_on(start, end, year(2030)) == 100
    assert expected_on(start, end, year(2031)) == 100
    assert Decimal(49) < expected_on(start, end, year(2025)) < Decimal(51)
