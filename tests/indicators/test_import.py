"""Importing values from a CSV file (``services.indicator_values_import``): the dry
run saves nothing, one bad row and nothing is saved, each problem named by its row
and column, and a good file saves every row in one go."""

from decimal import Decimal

import pytest

from strategy.indicators import services
from strategy.indicators.models import IndicatorValue, Unit, ValueStatus
from tests.partnerships import factories as pf

from . import value_builders as b

pytestmark = pytest.mark.django_db

HEADER = "indicator,area,period_end,value,unit,status,note"


@pytest.fixture
def world():
    where = b.places()
    owner, _ = b.boards()
    return where, b.indicator(owner, where.county)


def csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def good_rows(indicator, where) -> list[str]:
    first, second = b.year_ends(2)
    return [
        f"{indicator.slug},{where.county.name},{first:%Y-%m-%d},61.5,%,final,",
        f"{indicator.slug},{where.area.slug},{second:%d/%m/%Y},62,percent,provisional,Survey",
        f'{indicator.slug},{where.ward.name.upper()},{second:%Y-%m-%d},"58.0",%,,',
    ]


def test_the_dry_run_checks_every_row_and_saves_nothing(world):
    where, indicator = world
    result = services.indicator_values_import(
        text=csv(*good_rows(indicator, where)), by=None, save=False
    )
    assert result.ok and not result.saved
    assert result.new_count == 3 and result.replaced_count == 0
    assert [row.number for row in result.rows] == [2, 3, 4]
    assert not IndicatorValue.objects.exists()


def test_a_good_file_saves_every_row_with_who_imported_it(world):
    where, indicator = world
    officer = pf.officer()
    result = services.indicator_values_import(
        text=csv(*good_rows(indicator, where)), by=officer, save=True
    )
    assert result.saved and result.ok
    saved = IndicatorValue.objects.filter(indicator=indicator).order_by("geography__kind")
    assert {(v.geography, v.value, v.status) for v in saved} == {
        (where.county, Decimal("61.5"), ValueStatus.FINAL),
        (where.area, Decimal(62), ValueStatus.PROVISIONAL),
        (where.ward, Decimal(58), ValueStatus.FINAL),
    }
    assert {v.entered_by for v in saved} == {officer}
    assert IndicatorValue.objects.get(geography=where.area).note == "Survey"


def test_one_bad_row_is_named_and_nothing_is_saved(world):
    where, indicator = world
    rows = good_rows(indicator, where)
    rows.insert(1, f"{indicator.slug},{where.county.name},{b.year_ends(3)[0]:%Y-%m-%d},101,%,,")
    result = services.indicator_values_import(text=csv(*rows), by=None, save=True)
    assert not result.ok and not result.saved
    assert result.messages == ["Row 3, value: The value cannot be above 100 %"]
    assert [row.number for row in result.rows_with_problems] == [3]
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(
    ("cells", "column", "says"),
    [
        ("no-such-indicator,{county},{date},50,%,,", "indicator", "There is no indicator"),
        ("{slug},Atlantis,{date},50,%,,", "area", "There is no area “Atlantis”"),
        ("{slug},{elsewhere},{date},50,%,,", "area", "choose"),
        ("{slug},{county},31 March,50,%,,", "period_end", "is not a date"),
        ("{slug},{county},{december},50,%,,", "period_end", "ends one of its periods"),
        ("{slug},{county},{future},50,%,,", "period_end", "has not ended yet"),
        ("{slug},{county},{date},fifty,%,,", "value", "is not a number"),
        ("{slug},{county},{date},50.25,%,,", "value", "1 decimal places or fewer"),
        ("{slug},{county},{date},50,%,maybe,", "status", "is not a status"),
    ],
)
def test_each_bad_cell_is_said_on_its_row_and_column(world, cells, column, says):
    where, indicator = world
    last = b.year_ends(1)[0]
    row = cells.format(
        slug=indicator.slug,
        county=where.county.name,
        elsewhere=where.elsewhere.name,
        date=f"{last:%Y-%m-%d}",
        december=f"{last.year - 1}-12-31",
        future=f"{b.next_year_end():%Y-%m-%d}",
    )
    result = services.indicator_values_import(text=csv(row), by=None, save=True)
    assert len(result.messages) == 1, result.messages
    assert result.messages[0].startswith(f"Row 2, {column}: ")
    assert says in result.messages[0]
    assert not IndicatorValue.objects.exists()


def test_a_unit_that_is_not_the_indicators_is_refused(world):
    where, indicator = world
    last = b.year_ends(1)[0]
    result = services.indicator_values_import(
        text=csv(
            f"{indicator.slug},{where.county.name},{last:%Y-%m-%d},50,per 1000 people,,",
            f"{indicator.slug},{where.area.name},{last:%Y-%m-%d},50,,,",
        ),
        by=None,
        save=True,
    )
    assert result.messages == [
        f"Row 2, unit: “per 1000 people” is not the unit of {indicator.title}: its values "
        "are in “%” (percent).",
        f"Row 3, unit: Enter the unit: {indicator.title} is in “%”.",
    ]
    assert not IndicatorValue.objects.exists()


def test_a_rate_is_matched_by_its_label_or_its_code(world):
    where, _ = world
    owner, _ = b.boards()
    rate = b.indicator(owner, where.county, unit=Unit.RATE_1000)
    first, second = b.year_ends(2)
    result = services.indicator_values_import(
        text=csv(
            f'{rate.slug},{where.county.name},{first:%Y-%m-%d},12.5,"per 1,000 people",,',
            f"{rate.slug},{where.county.name},{second:%Y-%m-%d},12.1,RATE_1000,,",
        ),
        by=None,
        save=True,
    )
    assert result.saved, result.messages


def test_the_same_period_and_place_twice_in_the_file_is_refused_on_the_second(world):
    where, indicator = world
    last = b.year_ends(1)[0]
    row = f"{indicator.slug},{where.county.name},{last:%Y-%m-%d},50,%,,"
    result = services.indicator_values_import(text=csv(row, row), by=None, save=True)
    assert len(result.messages) == 1
    assert result.messages[0].startswith("Row 3, period_end: Row 2 already has a value")
    assert not IndicatorValue.objects.exists()


def _stored(indicator, place, period_end, amount, status) -> IndicatorValue:
    return services.indicator_value_save(
        value=IndicatorValue(
            indicator=indicator,
            geography=place,
            period_end=period_end,
            value=Decimal(amount),
            status=status,
        )
    )


def test_a_row_for_a_provisional_value_replaces_it_and_the_dry_run_says_so(world):
    where, indicator = world
    last = b.year_ends(1)[0]
    member = pf.person(with_login=True).user
    officer = pf.officer()
    provisional = _stored(indicator, where.county, last, "49.9", ValueStatus.PROVISIONAL)
    provisional.entered_by = member
    provisional.save()
    text = csv(f"{indicator.slug},{where.county.name},{last:%Y-%m-%d},50.2,%,final,Published")

    dry = services.indicator_values_import(text=text, by=officer, save=False)
    assert dry.ok and dry.replaced_count == 1 and dry.new_count == 0
    assert dry.rows[0].replaces == (Decimal("49.9"), ValueStatus.PROVISIONAL)
    provisional.refresh_from_db()
    assert provisional.value == Decimal("49.9")

    done = services.indicator_values_import(text=text, by=officer, save=True)
    assert done.saved
    provisional.refresh_from_db()
    assert (provisional.value, provisional.status, provisional.note) == (
        Decimal("50.2"),
        ValueStatus.FINAL,
        "Published",
    )
    assert provisional.entered_by == officer
    assert IndicatorValue.objects.count() == 1


def test_a_row_for_a_final_value_is_refused_and_the_value_kept(world):
    where, indicator = world
    last = b.year_ends(1)[0]
    _stored(indicator, where.county, last, "49.9", ValueStatus.FINAL)
    text = csv(f"{indicator.slug},{where.county.name},{last:%Y-%m-%d},50.2,%,final,")
    result = services.indicator_values_import(text=text, by=None, save=True)
    assert not result.saved
    assert result.messages[0].startswith(f"Row 2, period_end: {indicator.title} has a final value")
    assert IndicatorValue.objects.get().value == Decimal("49.9")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "The file is empty"),
        ("indicator,area,value,unit\n", "The file has no column “period_end”."),
        (HEADER + ",colour\n", "a column PACE does not read: “colour”"),
        (HEADER + "\n", "no rows of values"),
    ],
)
def test_a_file_that_is_not_a_file_of_values_says_why(text, says):
    result = services.indicator_values_import(text=text, by=None, save=True)
    assert not result.ok and not result.saved
    assert any(says in message for message in result.problems), result.problems


def test_the_file_is_read_in_three_queries_and_checked_without_one_per_row(
    world, django_assert_num_queries
):
    """The indicators, the places and the stored values are read once; each row's
    check then costs only the model's own look-ups of its indicator and place."""
    where, indicator = world
    rows = good_rows(indicator, where)
    with django_assert_num_queries(3 + 2 * len(rows)):
        services.indicator_values_import(text=csv(*rows), by=None, save=False)
