"""The scorecards of an outcome and of a priority (Results-Based Accountability):
population indicators, the plans' performance measures under the three questions,
and the actions' progress, each chart equal to its table."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from strategy.indicators.models import IndicatorKind, MeasureType
from strategy.models import Rag, StrategyStatus
from tests.charts import assert_chart_matches_table
from tests.partnerships import factories as pf
from tests.strategy import factories as sf

from . import page_world, records
from .page_world import HIDDEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return page_world.build()


def outcome_url(world) -> str:
    return reverse("indicators:outcome-scorecard", args=[world.strategy.slug, 1])


def priority_url(world) -> str:
    return reverse("indicators:priority-scorecard", args=[world.strategy.slug, world.priority.slug])


def _cards(html: str) -> dict[str, str]:
    """Each population indicator's card: its slug and the status shown."""
    cards = re.findall(
        r'<div class="govuk-summary-card" data-indicator="([^"]+)">.*?data-status="([a-z_]+)"',
        html,
        re.S,
    )
    return dict(cards)


POPULATION = {
    "smoking": "on_track",
    "active": "off_track",
    "employment": "on_track",
    "obesity": "off_track",
    "visits": "no_target",
    "lonely": "no_data",
}


@pytest.mark.parametrize("which", ["outcome", "priority"])
def test_a_scorecard_lays_out_indicators_measures_and_progress(client, world, which):
    url = outcome_url(world) if which == "outcome" else priority_url(world)
    html = client.get(url).content.decode()
    title = world.outcome.title if which == "outcome" else world.priority.title
    assert f"<title>Scorecard: {title}" in html
    # The population indicators, each with its status and its values charted.
    assert _cards(html) == {world.indicators[k].slug: s for k, s in POPULATION.items()}
    smoking = world.indicators["smoking"]
    figures = assert_chart_matches_table(html, f"scorecard-{smoking.pk}")
    assert figures[(4, "value")] == Decimal("21.3") and len(figures) == 5
    for key in ("active", "employment", "obesity", "visits"):
        indicator = world.indicators[key]
        values = list(indicator.values.order_by("period_end").values_list("value", flat=True))
        charted = assert_chart_matches_table(html, f"scorecard-{indicator.pk}")
        assert [charted[(n, "value")] for n in range(len(values))] == values
    assert 'data-chart="scorecard-' + str(world.indicators["lonely"].pk) not in html
    # The three questions, in order, the measure under its own with its plan.
    questions = [html.index(t.label) for t in MeasureType]
    assert questions == sorted(questions)
    well = html[questions[1] : questions[2]]
    assert 'data-indicator="quit-attempts-supported"' in well
    assert world.plan.get_absolute_url() in well and 'data-status="on_track"' in well
    assert "No measure answers this question yet." in html[questions[0] : questions[1]]
    # The actions' progress: one red, two green, the chart equal to its table.
    progress_id = (
        f"progress-outcome-{world.outcome.pk}"
        if which == "outcome"
        else f"progress-priority-{world.priority.pk}"
    )
    assert assert_chart_matches_table(html, progress_id) == {
        (0, "red"): 1,
        (0, "amber"): 0,
        (0, "green"): 2,
        (0, "unrated"): 0,
        (0, "complete"): 0,
    }
    assert world.priority.get_absolute_url() in html
    plans = html[html.index("The plans</h3>") :]
    assert world.plan.get_absolute_url() in plans
    assert HIDDEN not in html


def test_what_the_reader_may_not_see_is_neither_shown_nor_counted(client, world):
    """An unpublished measure, a draft plan's measures and a private action: not on the
    scorecard for a visitor, there for a member of the body that keeps them."""
    records.indicator(
        title="Unpublished measure Theta",
        kind=IndicatorKind.PERFORMANCE,
        plan=world.plan,
        measure_type=MeasureType.HOW_MUCH,
        values=["1.0", "2.0"],
        owner=world.owner,
        public=False,
    )
    draft = sf.plan(world.owner, world.strategy, status="draft")
    sf.action(draft, priority=world.priority, title="Drafted action Iota")
    records.indicator(
        title="Draft plan measure Iota",
        kind=IndicatorKind.PERFORMANCE,
        plan=draft,
        measure_type=MeasureType.BETTER_OFF,
        values=["1.0", "2.0"],
        owner=world.owner,
    )
    private = sf.action(world.plan, priority=world.priority, is_public=False)
    type(private).objects.filter(pk=private.pk).update(latest_rag=Rag.RED)
    progress = f"progress-outcome-{world.outcome.pk}"
    for who in ("anonymous", "outsider"):
        if who == "outsider":
            client.force_login(world.outsider.user)
        html = client.get(outcome_url(world)).content.decode()
        assert "Theta" not in html and "Iota" not in html and HIDDEN not in html
        assert draft.get_absolute_url() not in html
        assert assert_chart_matches_table(html, progress)[(0, "red")] == 1
    client.force_login(world.member.user)
    html = client.get(outcome_url(world)).content.decode()
    assert "Unpublished measure Theta" in html and "Draft plan measure Iota" in html
    assert HIDDEN in html and draft.get_absolute_url() in html
    assert assert_chart_matches_table(html, progress)[(0, "red")] == 2


def test_a_draft_strategy_has_no_scorecard_but_for_officers(client, world):
    world.strategy.status = StrategyStatus.DRAFT
    world.strategy.save()
    urls = [outcome_url(world), priority_url(world)]
    assert all(client.get(url).status_code == 404 for url in urls)
    client.force_login(world.member.user)
    assert all(client.get(url).status_code == 404 for url in urls)
    client.force_login(pf.officer())
    assert all(client.get(url).status_code == 200 for url in urls)
    assert client.get(outcome_url(world).replace("/1/", "/9/")).status_code == 404


def test_the_strategy_and_priority_pages_link_to_their_scorecards(client, world):
    html = client.get(world.strategy.get_absolute_url()).content.decode()
    assert f'href="{outcome_url(world)}"' in html
    assert 'the work towards it<span class="govuk-visually-hidden"> (outcome 1)</span>' in html
    assert (
        f'href="{priority_url(world)}"'
        in client.get(world.priority.get_absolute_url()).content.decode()
    )


def test_a_scorecard_with_nothing_yet_says_so(client):
    strat = sf.strategy()
    strat.outcomes.create(position=1, title="A quiet outcome")
    html = client.get(
        reverse("indicators:outcome-scorecard", args=[strat.slug, 1])
    ).content.decode()
    assert "No population indicator has been published for this scorecard yet." in html
    assert "so there are no actions to show" in html


#: An outcome's scorecard for an anonymous visitor: the outcome with its strategy
#: (1); its indicators, their values and targets (3); the priorities sharing them
#: (1); their plans' measures, with their values and targets (3); the actions'
#: roll-up (1); and the plans with actions for those priorities (1).
OUTCOME_SCORECARD = 1 + 3 + 1 + 3 + 1 + 1
#: A priority's: the priority (1), then the same less the priorities sharing it.
PRIORITY_SCORECARD = 1 + 3 + 3 + 1 + 1


def test_query_counts_do_not_grow_with_the_indicators(client, world, django_assert_num_queries):
    pages = {outcome_url(world): OUTCOME_SCORECARD, priority_url(world): PRIORITY_SCORECARD}
    for url, count in pages.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
    page_world.more_indicators(world, 10)
    for n in range(10):
        sf.action(world.plan, priority=world.priority, title=f"More {n}")
    for url, count in pages.items():
        with django_assert_num_queries(count):
            html = client.get(url).content.decode()
        assert len(_cards(html)) == 6 + 10
        assert html.count('<tr class="govuk-table__row" data-indicator=') == 1 + 10
