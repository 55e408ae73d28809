"""The public pages of indicators (``strategy.indicators.views``): the list with its
filters and an indicator's page, for each kind of visitor, with statuses and
figures worked out here from the data the test builds."""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from strategy.indicators.models import CurveReport, IndicatorKind
from tests.charts import assert_chart_matches_table
from tests.partnerships import factories as pf

from . import page_world, records
from .page_world import HIDDEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return page_world.build()


def _row(html: str, slug: str) -> str:
    """The list's row of one indicator."""
    match = re.search(
        rf'<tr class="govuk-table__row" data-indicator="{slug}">(.*?)</tr>', html, re.S
    )
    assert match, slug
    return match.group(1)


def _tag(html: str, which: str) -> str:
    return re.search(rf'data-{which}="([a-z_]+)"', html).group(1)


def _one_place(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def _expected(start: tuple[datetime.date, Decimal], end: tuple[datetime.date, Decimal], on):
    """Where an indicator should be on ``on``, on the straight line from start to end."""
    share = Decimal((on - start[0]).days) / Decimal((end[0] - start[0]).days)
    return start[1] + (end[1] - start[1]) * share


#: Each indicator of the world: its status and direction of travel, as the rules
#: give them for its values (status.py), in either polarity.
STATUSES = {
    "smoking": ("on_track", "improving"),  # lower is better, below the line
    "active": ("off_track", "worsening"),  # higher is better, below the line
    "employment": ("on_track", "improving"),  # higher is better, above the line
    "obesity": ("off_track", "worsening"),  # lower is better, above the line
    "visits": ("no_target", "no_change"),
    "lonely": ("no_data", "too_few"),
    "measure": ("on_track", "improving"),
}


def test_the_list_shows_each_public_indicator_with_its_status(client, world):
    html = client.get("/indicators/").content.decode()
    assert 'data-count="7"' in html and "7 indicators." in html
    for key, (status, travel) in STATUSES.items():
        row = _row(html, world.indicators[key].slug)
        assert (_tag(row, "status"), _tag(row, "travel")) == (status, travel), key
    smoking = _row(html, "adults-who-smoke")
    last = records.year_ends(1)[0]
    assert f'21.3%</span> <span class="pace-secondary">for the year to {last:%-d %B %Y}' in smoking
    assert "Provisional" in smoking and "Lower is better" in smoking
    assert f"20.0% by {page_world.target_day():%-d %B %Y}" in smoking
    assert "None set" in _row(html, "library-visits")
    assert "No data yet" in _row(html, "adults-often-lonely")
    # Under the outcome they serve, with a link to its scorecard; the measure under
    # the performance measures, with its plan.
    outcome = html.index(world.outcome.title)
    assert outcome < html.index("adults-who-smoke") < html.index("Performance measures of plans")
    assert reverse("indicators:outcome-scorecard", args=[world.strategy.slug, 1]) in html
    assert world.plan.get_absolute_url() in _row(html, "quit-attempts-supported")
    # Stacks on a phone, each cell named.
    assert 'class="govuk-table pace-table--stack"' in html and 'data-label="Status"' in html
    assert HIDDEN not in html


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("status=off_track", {"active", "obesity"}),
        ("status=no_data", {"lonely"}),
        ("status=no_target", {"visits"}),
        ("kind=performance", {"measure"}),
        ("kind=population&status=on_track", {"smoking", "employment"}),
        ("serves=outcome-{outcome}", set(STATUSES) - {"measure"}),
        ("serves=priority-{priority}&status=on_track", {"smoking", "employment"}),
    ],
)
def test_the_list_filters(client, world, query, shown):
    query = query.format(outcome=world.outcome.pk, priority=world.priority.pk)
    html = client.get(f"/indicators/?{query}").content.decode()
    listed = set(re.findall(r'<tr class="govuk-table__row" data-indicator="([^"]+)"', html))
    assert listed == {world.indicators[key].slug for key in shown}
    assert f"{len(shown)} indicator" in html and "Clear filters" in html


def test_a_filter_in_error_says_why_and_filters_nothing(client, world):
    html = client.get("/indicators/?status=splendid&kind=performance").content.decode()
    assert "Error: Indicators" in html and "Choose a status from the list." in html
    listed = set(re.findall(r'<tr class="govuk-table__row" data-indicator="([^"]+)"', html))
    assert listed == {"quit-attempts-supported"}


def test_the_indicator_page_says_where_it_stands_and_why(client, world):
    smoking = world.indicators["smoking"]
    html = client.get(smoking.get_absolute_url()).content.decode()
    years, target_on = world.years, page_world.target_day()
    expected = _expected((years[0], Decimal("24.0")), (target_on, Decimal("20.0")), years[-1])
    assert Decimal("21.3") < expected  # lower is better: on track
    assert (
        f"The latest value, 21.3% for the year to {years[-1]:%-d %B %Y} (provisional), is "
        f"better than the {_one_place(expected)} expected on the way to the target of 20.0% "
        f"by {target_on:%-d %B %Y}."
    ) in html
    assert (
        f"21.3% for the year to {years[-1]:%-d %B %Y} is lower than 22.4% for the "
        f"year to {years[-2]:%-d %B %Y} (lower is better)."
    ) in html
    assert 'data-status="on_track"' in html and 'data-travel="improving"' in html
    # What it is, and whose.
    assert smoking.definition in html
    assert 'data-polarity="down">Lower is better' in html
    assert "Yearly (financial years, ending 31 March)" in html
    assert 'href="https://fingertips.phe.org.uk/"' in html
    assert world.owner.get_absolute_url() in html
    assert f"24.0% at {years[0]:%-d %B %Y}" in html
    scorecard = reverse("indicators:outcome-scorecard", args=[world.strategy.slug, 1])
    assert scorecard in html and world.priority.get_absolute_url() in html
    assert (
        reverse("indicators:priority-scorecard", args=[world.strategy.slug, "priority-1"]) in html
    )
    # Its own place's values over time, the chart and its table agreeing; the
    # provisional value labelled as such.
    figures = assert_chart_matches_table(html, f"indicator-{smoking.pk}")
    assert [figures[(n, "value")] for n in range(5)] == [
        Decimal(v) for v in ("24.0", "23.5", "23.0", "22.4", "21.3")
    ]
    assert f"Year to {years[-1]:%-d %B %Y} (provisional)</th>" in html
    assert 'data-reference="Baseline" data-value="24.000"' in html
    assert f'data-reference="Target ({target_on:%Y})" data-value="20.000"' in html
    # The places compared, in the latest period both have, and every value of each.
    compared = assert_chart_matches_table(html, f"compare-{smoking.pk}")
    assert compared == {(0, "value"): Decimal("21.3"), (1, "value"): Decimal("26.1")}
    assert f"each place, the year to {years[-1]:%-d %B %Y}" in html
    places = html[html.index("data-places-table") :]
    assert 'data-label="Crewe area">26.1% (provisional)' in places
    assert 'data-label="Crewe area">27.0%<' in places
    assert 'data-label="Crewe area"><span class="pace-secondary">No value' in places
    # Its published turn-the-curve report (not the draft), and its open data.
    report = CurveReport.objects.get(title="Turning the curve on smoking")
    assert reverse("indicators:curve-report", args=[smoking.slug, report.pk]) in html
    assert "Draft thoughts on smoking" not in html
    assert reverse("indicators:indicator-csv", args=[smoking.slug]) in html
    assert reverse("indicators:indicator-json", args=[smoking.slug]) in html
    # Nobody signed in may add a value.
    assert reverse("indicators:value-create", args=[smoking.slug]) not in html


@pytest.mark.parametrize("key", sorted(STATUSES))
def test_each_status_rule_is_on_the_indicator_page(client, world, key):
    indicator = world.indicators[key]
    html = client.get(indicator.get_absolute_url()).content.decode()
    status, travel = STATUSES[key]
    assert (_tag(html, "status"), _tag(html, "travel")) == (status, travel)
    years, target_on = world.years, page_world.target_day()
    last = f"{years[-1]:%-d %B %Y}"
    sentences = {
        "active": f"The latest value, 60.5% for the year to {last}, is worse than the "
        f"{_one_place(_expected((years[2], Decimal(60)), (target_on, Decimal(80)), years[-1]))}"
        f" expected on the way to the target of 80.0%",
        "employment": f"The latest value, 72.0% for the year to {last}, is better than the "
        f"{_one_place(_expected((years[3], Decimal(70)), (target_on, Decimal(75)), years[-1]))}",
        "obesity": f"The latest value, 26.0% for the year to {last}, is worse than the "
        f"{_one_place(_expected((years[3], Decimal(25)), (target_on, Decimal(20)), years[-1]))}",
        "visits": f"The latest value, 100 for the year to {last}, has no target to be judged "
        "against.",
        "lonely": "There is no value for Cheshire East yet.",
        "measure": f"The latest value, 50.0% for the year to {last}, is better than the "
        f"{_one_place(_expected((years[3], Decimal(40)), (target_on, Decimal(60)), years[-1]))}",
        "smoking": "is better than the",
    }
    assert sentences[key] in html
    travels = {
        "active": f"60.5% for the year to {last} is lower than 61.0% for the year to "
        f"{years[-2]:%-d %B %Y} (higher is better).",
        "obesity": f"26.0% for the year to {last} is higher than 25.0%",
        "employment": f"72.0% for the year to {last} is higher than 70.0%",
        "visits": f"100 for the year to {last} is the same as 100 for the year to",
        "lonely": "With no values yet, there is no direction of travel.",
        "measure": f"50.0% for the year to {last} is higher than 40.0%",
        "smoking": f"21.3% for the year to {last} is lower than 22.4%",
    }
    assert travels[key] in html
    if indicator.kind == IndicatorKind.PERFORMANCE:
        assert "How well did we do it?" in html and world.plan.get_absolute_url() in html


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_an_unpublished_indicator_is_for_its_body_and_officers_only(client, world):
    hidden = world.indicators["hidden"]
    url = hidden.get_absolute_url()
    assert client.get(url).status_code == 404
    assert HIDDEN not in client.get("/indicators/").content.decode()
    _signed_in(client, world.outsider.user)
    assert client.get(url).status_code == 404
    assert HIDDEN not in client.get("/indicators/").content.decode()
    for user in (world.member.user, pf.officer()):
        _signed_in(client, user)
        html = client.get(url).content.decode()
        assert HIDDEN in html and "This indicator is not published" in html
        assert _tag(html, "status") == "off_track"  # 11 where 27.5 was due
        listed = client.get("/indicators/").content.decode()
        assert HIDDEN in listed and "8 indicators." in listed


def test_who_is_offered_the_value_form(client, world):
    smoking = world.indicators["smoking"]
    form = reverse("indicators:value-create", args=[smoking.slug])
    _signed_in(client, world.outsider.user)
    assert form not in client.get(smoking.get_absolute_url()).content.decode()
    for user in (world.member.user, pf.officer()):
        _signed_in(client, user)
        assert form in client.get(smoking.get_absolute_url()).content.decode()


def test_a_draft_strategy_is_not_named_on_the_pages(client, world):
    from strategy.models import Outcome, StrategyStatus

    draft = world.strategy.__class__.objects.create(
        title="Refresh Draft Kappa",
        slug="refresh-draft-kappa",
        starts_on=world.strategy.starts_on,
        ends_on=world.strategy.ends_on,
        status=StrategyStatus.DRAFT,
    )
    outcome = Outcome.objects.create(strategy=draft, position=1, title="Drafted outcome Kappa")
    world.indicators["smoking"].outcomes.add(outcome)
    for url in ("/indicators/", world.indicators["smoking"].get_absolute_url()):
        assert "Kappa" not in client.get(url).content.decode()
    _signed_in(client, pf.officer())
    assert "Drafted outcome Kappa" in client.get("/indicators/").content.decode()


#: The list for an anonymous visitor: the indicators, the outcomes and priorities
#: they serve (2), their values and targets (2), and the plans of the performance
#: measures the reader may see (1).
LIST_PAGE = 1 + 2 + 2 + 1
#: An indicator's page: the indicator, its outcomes and priorities (2), its values
#: for every place, its targets and its published turn-the-curve reports (3), and
#: its plan if it has one and the reader may see it (1).
DETAIL_PAGE = 1 + 2 + 3 + 1


def test_query_counts_do_not_grow_with_the_indicators(client, world, django_assert_num_queries):
    measure = world.indicators["measure"].get_absolute_url()
    pages = {"/indicators/": LIST_PAGE, measure: DETAIL_PAGE, "/indicators/?status=on_track": 6}
    for url, count in pages.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
    page_world.more_indicators(world, 10)
    for url, count in pages.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
    assert "27 indicators." in client.get("/indicators/").content.decode()
