"""The strategy's pictures on its pages, each the same figures as its table twin:
a priority's and a body's rating mix over time, a measure's trend against its
target, a strategy's timeline."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils.timezone import localdate as today

from strategy.models import Action, Measure, MeasureValue, Milestone, ProgressUpdate, Rag
from strategy.trends import quarter_ends, rating_history

from ..charts import assert_chart_matches_table
from ..consultations import factories as cf
from ..partnerships import factories as pf
from ..pins import AREA_BOARD_PAGE, PRIORITY_PAGE
from . import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    bodies = pf.area()
    ends = quarter_ends(today())
    plan = sf.plan(
        bodies["amg"],
        starts_on=ends[0] - datetime.timedelta(days=1),
        ends_on=today() + datetime.timedelta(days=200),
    )
    for i, rag in enumerate([Rag.RED, Rag.GREEN, Rag.AMBER]):
        action = sf.action(plan, title=f"Charted {i}")
        ProgressUpdate.objects.create(
            action=action, rag=rag, narrative="n", reported_on=ends[i * 2]
        )
    sf.action(plan, title="Secret Psi", is_public=False)
    return plan


def history_figures(actions) -> dict:
    return {
        (row, key): getattr(rollup, key)
        for row, (_, rollup) in enumerate(rating_history(actions))
        for key in ("red", "amber", "green", "unrated")
    }


def test_a_prioritys_progress_over_time(client, plan):
    priority = plan.strategy.priorities.first()
    page = client.get(priority.get_absolute_url()).content.decode()
    figures = assert_chart_matches_table(page, f"trend-priority-{priority.pk}")
    assert figures == history_figures(Action.objects.public().filter(priority=priority))
    assert figures[(0, "red")] == 1 and figures[(7, "amber")] == 1
    # The non-public action is not counted for an anonymous visitor.
    assert figures[(7, "unrated")] == 0


def test_a_bodys_progress_over_time_counts_the_bodies_below(client, plan):
    board = plan.body.parent
    page = client.get(board.get_absolute_url()).content.decode()
    figures = assert_chart_matches_table(page, f"trend-body-{board.pk}")
    assert figures[(7, "red")] + figures[(7, "green")] + figures[(7, "amber")] == 3
    assert "actions by rating at each quarter end" in page


def test_a_measures_trend_against_its_target(client, plan):
    action = plan.actions.filter(is_public=True).first()
    measure = Measure.objects.create(
        action=action, title="Walkers", unit="people", baseline=Decimal(5), target=Decimal(60)
    )
    for days, value in ((90, "10"), (30, "25.5")):
        MeasureValue.objects.create(
            measure=measure,
            measured_on=today() - datetime.timedelta(days=days),
            value=Decimal(value),
        )
    page = client.get(action.get_absolute_url()).content.decode()
    figures = assert_chart_matches_table(page, f"measure-{measure.pk}")
    assert figures == {(0, "value"): Decimal("10"), (1, "value"): Decimal("25.5")}
    assert 'data-reference="Target" data-value="60.00"' in page


def test_a_strategys_timeline(client, plan):
    strategy = plan.strategy
    strategy.goes_live_on = datetime.date(2017, 4, 1)
    strategy.save()
    Milestone.objects.create(
        strategy=strategy,
        title="Cabinet approves",
        due_on=datetime.date(2016, 7, 12),
        done_on=datetime.date(2016, 7, 12),
    )
    Milestone.objects.create(
        strategy=strategy, title="Refresh published", due_on=today() - datetime.timedelta(days=9)
    )
    cf.consultation(subject=strategy, title="Have your say", opens_in=-60, days=42)
    cf.consultation(subject=strategy, title="Unpublished Chi", is_published=False)
    page = client.get(strategy.get_absolute_url()).content.decode()
    svg = page[page.index(f'data-chart="timeline-{strategy.pk}"') :]
    svg = svg[: svg.index("</svg>")]
    table = page[page.index(f'data-chart-table="timeline-{strategy.pk}"') :]
    table = table[: table.index("</table>")]
    svg_dates = re.findall(r'data-date="([\d-]+)"', svg)
    table_dates = [
        datetime.datetime.strptime(text, "%d %B %Y").date().isoformat()
        for text in re.findall(r'data-date="[\d-]+">([^<]+)</td>', table)
    ]
    assert svg_dates == table_dates == sorted(svg_dates)
    assert "2010-04-01" in svg_dates and "2017-04-01" in svg_dates and "2035-03-31" in svg_dates
    assert "Refresh published (missed)" in svg and "Cabinet approves (met)" in svg
    assert "Consultation opens: Have your say" in table and "Unpublished Chi" not in page


def test_the_strategy_and_action_pages_cost_the_same_queries_whatever_the_data(
    client, plan, django_assert_num_queries
):
    """The strategy page: the strategy (with what it replaces and what replaced it),
    its outcomes, priorities, their roll-up, risks, milestones, and the published
    consultations on it for the timeline (7). An action's page with its measures'
    charts: the action, its chain, its updates, its open exception report, and its
    measures with their values (6). A priority's page and a body's with their charts
    of the rating mix by quarter: tests/pins.py."""
    strategy = plan.strategy
    action = plan.actions.filter(is_public=True).first()
    measure = Measure.objects.create(
        action=action, title="Walkers", unit="people", baseline=Decimal(5), target=Decimal(60)
    )
    priority = action.priority
    pins = {
        strategy.get_absolute_url(): 7,
        action.get_absolute_url(): 6,
        priority.get_absolute_url(): PRIORITY_PAGE,
        plan.body.parent.get_absolute_url(): AREA_BOARD_PAGE,
    }
    for url, count in pins.items():
        with django_assert_num_queries(count):
            client.get(url)
    for i in range(20):
        Milestone.objects.create(strategy=strategy, title=f"M{i}", due_on=today())
        cf.consultation(subject=strategy, title=f"Round {i}", slug=f"round-{i}")
        sf.action(plan, title=f"More {i}")
        MeasureValue.objects.create(
            measure=measure,
            measured_on=today() - datetime.timedelta(days=i),
            value=Decimal(i),
        )
    for url, count in pins.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
