"""The rules for a value of an indicator (``services.value_problems`` and
``services.indicator_value_save``), each with its failing and passing case."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from strategy.indicators import services
from strategy.indicators.models import Frequency, IndicatorValue, Unit, ValueStatus
from tests.partnerships import factories as pf

from . import value_builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def where():
    return b.places()


@pytest.fixture
def yearly(where):
    owner, _ = b.boards()
    return b.indicator(owner, where.county)


def problems(indicator, *, geography=None, period_end=None, value=None):
    found = services.value_problems(
        indicator=indicator, geography=geography, period_end=period_end, value=value
    )
    return {field: error.code for field, error in found.items()}


def test_a_date_that_ends_no_period_is_refused_with_a_period_end_suggested(yearly):
    last = b.year_ends(1)[0]
    december = datetime.date(last.year - 1, 12, 31)
    found = services.value_problems(
        indicator=yearly, geography=None, period_end=december, value=None
    )
    assert found["period_end"].code == "not_a_period_end"
    assert f"31 March {last.year}" in found["period_end"].messages[0]
    assert problems(yearly, period_end=last) == {}


@pytest.mark.parametrize(
    ("frequency", "good", "bad"),
    [
        (Frequency.QUARTERLY, (6, 30), (5, 31)),
        (Frequency.MONTHLY, (5, 31), (5, 30)),
    ],
)
def test_quarters_and_months_end_on_their_last_day(where, frequency, good, bad):
    owner, _ = b.boards()
    indicator = b.indicator(owner, where.county, frequency=frequency)
    year = b.year_ends(1)[0].year - 1
    assert problems(indicator, period_end=datetime.date(year, *good)) == {}
    assert problems(indicator, period_end=datetime.date(year, *bad)) == {
        "period_end": "not_a_period_end"
    }


def test_a_period_that_has_not_ended_is_refused(yearly):
    assert problems(yearly, period_end=b.next_year_end()) == {"period_end": "period_not_ended"}


def test_a_place_outside_the_indicators_is_refused_and_those_within_are_not(yearly, where):
    assert problems(yearly, geography=where.elsewhere) == {"geography": "outside_geography"}
    for place in (where.county, where.area, where.ward):
        assert problems(yearly, geography=place) == {}


def test_an_area_indicator_refuses_the_county_above_it(where):
    owner, _ = b.boards()
    indicator = b.indicator(owner, where.area)
    assert problems(indicator, geography=where.county) == {"geography": "outside_geography"}
    assert problems(indicator, geography=where.ward) == {}


def test_a_percentage_below_nought_or_above_a_hundred_is_refused(yearly):
    assert problems(yearly, value=Decimal("-0.1")) == {"value": "below_unit"}
    assert problems(yearly, value=Decimal("100.1")) == {"value": "above_unit"}
    assert problems(yearly, value=Decimal(0)) == {}
    assert problems(yearly, value=Decimal(100)) == {}


def test_a_score_may_be_negative(where):
    owner, _ = b.boards()
    score = b.indicator(owner, where.county, unit=Unit.SCORE)
    assert problems(score, value=Decimal("-2.5")) == {}


def test_a_count_must_be_whole(where):
    owner, _ = b.boards()
    count = b.indicator(owner, where.county, unit=Unit.NUMBER, decimal_places=0)
    assert problems(count, value=Decimal("3.5")) == {"value": "not_whole"}
    assert problems(count, value=Decimal(3)) == {}
    assert problems(count, value=Decimal("3.0")) == {}


def test_more_decimal_places_than_the_indicator_is_given_to_are_refused(yearly):
    assert problems(yearly, value=Decimal("12.34")) == {"value": "too_many_places"}
    assert problems(yearly, value=Decimal("12.3")) == {}
    # Trailing noughts are no extra precision.
    assert problems(yearly, value=Decimal("12.30")) == {}


def _value(indicator, place, period_end, amount="50.5", **fields) -> IndicatorValue:
    return IndicatorValue(
        indicator=indicator,
        geography=place,
        period_end=period_end,
        value=Decimal(amount),
        **fields,
    )


def test_a_second_value_for_the_same_period_and_place_is_refused_on_the_date(yearly, where):
    last = b.year_ends(1)[0]
    services.indicator_value_save(value=_value(yearly, where.county, last))
    with pytest.raises(ValidationError) as refused:
        services.indicator_value_save(value=_value(yearly, where.county, last, "60"))
    assert refused.value.error_dict["period_end"][0].code == "duplicate"
    assert where.county.name in refused.value.message_dict["period_end"][0]
    assert IndicatorValue.objects.filter(indicator=yearly).count() == 1
    # Another place, or another period, is no duplicate.
    services.indicator_value_save(value=_value(yearly, where.area, last))
    services.indicator_value_save(value=_value(yearly, where.county, b.year_ends(2)[0]))
    assert IndicatorValue.objects.filter(indicator=yearly).count() == 3


def test_a_value_saved_twice_at_once_is_refused_as_a_duplicate(yearly, where, monkeypatch):
    """The check passed for both (two members at the same moment): the database's
    constraint refuses the second, with the same message, and nothing is left half
    saved."""
    last = b.year_ends(1)[0]
    services.indicator_value_save(value=_value(yearly, where.county, last))
    monkeypatch.setattr(services, "indicator_value_problems", lambda **kwargs: {})
    with pytest.raises(ValidationError) as refused:
        services.indicator_value_save(value=_value(yearly, where.county, last, "61"))
    assert refused.value.error_dict["period_end"][0].code == "duplicate"
    assert IndicatorValue.objects.get(indicator=yearly).value == Decimal("50.5")


def test_a_refused_value_saves_nothing_and_says_every_problem(yearly, where):
    value = _value(yearly, where.elsewhere, b.next_year_end(), "101")
    with pytest.raises(ValidationError) as refused:
        services.indicator_value_save(value=value)
    assert set(refused.value.message_dict) == {"period_end", "geography", "value"}
    assert not IndicatorValue.objects.exists()


def test_a_new_value_records_who_entered_it_and_a_change_keeps_them(yearly, where):
    first, second = pf.person(with_login=True).user, pf.person(with_login=True).user
    value = services.indicator_value_save(
        value=_value(yearly, where.county, b.year_ends(1)[0], status=ValueStatus.PROVISIONAL),
        by=first,
    )
    value.value, value.status = Decimal("51.2"), ValueStatus.FINAL
    services.indicator_value_save(value=value, by=second)
    value.refresh_from_db()
    assert value.entered_by == first and value.value == Decimal("51.2")


def test_rows_sent_together_are_checked_against_each_other_and_the_stored(yearly, where):
    first, second, third = b.year_ends(3)
    stored = services.indicator_value_save(value=_value(yearly, where.county, first))
    rows = [
        _value(yearly, where.county, second),
        _value(yearly, where.county, second, "40"),  # the row above has it
        _value(yearly, where.county, first, "41"),  # the stored value has it
        _value(yearly, where.county, third, "101"),  # its own rule
    ]
    found = services.indicator_values_problems(indicator=yearly, values=rows)
    assert [{f: e.code for f, e in p.items()} for p in found] == [
        {},
        {"period_end": "duplicate"},
        {"period_end": "duplicate"},
        {"value": "above_unit"},
    ]
    # The stored value deleted in the same form frees its period.
    found = services.indicator_values_problems(
        indicator=yearly, values=[_value(yearly, where.county, first, "41")], deleted=[stored]
    )
    assert found == [{}]


@pytest.mark.parametrize("slug", ["indicators", "schema"])
def test_an_indicator_cannot_take_an_address_of_the_open_data(where, slug):
    owner, _ = b.boards()
    with pytest.raises(ValidationError) as refused:
        b.indicator(owner, where.county, slug=slug)
    assert refused.value.error_dict["slug"][0].code == "reserved_slug"
