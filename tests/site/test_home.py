"""The front page: the strategy in force, its priorities as a chart with its table
twin, what is coming and what has just happened; only what the reader may see; a
fixed number of queries; served from the page cache to anonymous visitors."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.timezone import localdate as today

from funding.models import AwardStatus, Mechanism
from pace.core import cache as page_cache
from pace.reports.models import CabinetReport, ReportStatus
from partnerships.models import Decision, Meeting
from strategy import selectors, services
from strategy.models import Action, Rag, Strategy, StrategyStatus

from ..charts import assert_chart_matches_table
from ..consultations import factories as cf
from ..funding import factories as ff
from ..partnerships import factories as pf
from ..pins import HOME_PAGE, SIGNED_IN
from ..strategy import factories as sf
from .world import build_world

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def world():
    return build_world()


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_priorities_chart_shows_what_the_table_shows_and_the_roll_ups_count(client, world):
    page = home(client)
    strategy = selectors.current_strategy()
    assert f"{strategy.title}</a> runs from 1 April 2010 to 31 March 2035" in page
    figures = assert_chart_matches_table(page, "home-priorities")
    rollups = selectors.priority_rollups(strategy, actions=Action.objects.public())
    for row, priority in enumerate(selectors.strategy_priorities(strategy)):
        rollup = rollups.get(priority.pk, selectors.Rollup())
        for key in ("red", "amber", "green", "unrated", "complete"):
            assert figures[(row, key)] == getattr(rollup, key), (priority, key)
    # The private action's red rating is not counted for an anonymous visitor.
    assert figures[(0, "green")] == 1 and figures[(0, "red")] == 0


def test_a_member_sees_their_bodys_private_actions_counted(client, world):
    client.force_login(world.users["member_a"])
    figures = assert_chart_matches_table(home(client), "home-priorities")
    assert figures[(0, "red")] >= 1  # none for an anonymous visitor


def test_an_ended_strategy_is_never_presented_as_current(client):
    Strategy.objects.create(
        title="Ambition for All 2010-2025",
        slug="afa",
        starts_on=datetime.date(2010, 4, 1),
        ends_on=today() - days(1),
        status=StrategyStatus.ADOPTED,
        vision="An old vision.",
    )
    page = home(client)
    assert "No partnership strategy is in force today." in page
    assert 'href="/strategy/afa/">Ambition for All 2010-2025</a>, ended on' in page
    assert "An old vision." not in page and "home-priorities" not in page


def test_what_is_coming_and_what_has_just_happened(client):
    bodies = pf.area()
    board = bodies["area_board"]
    now = timezone.now()
    Meeting.objects.create(body=board, title="Area Board, spring", starts_at=now + days(9))
    Meeting.objects.create(
        body=board, title="Private briefing Sigma", starts_at=now + days(3), is_public=False
    )
    held = Meeting.objects.create(body=board, title="Area Board, winter", starts_at=now - days(9))
    Decision.objects.create(
        meeting=held, title="Fund the youth bus", text="Agreed.", decided_on=today() - days(9)
    )
    cf.consultation(title="Parks survey", opens_in=-30, days=34)
    cf.consultation(title="Draft idea Tau", opens_in=-5, days=40, is_published=False)
    fund = ff.fund(decided_by=board, amount="10000", name="Community chest")
    ff.award(fund, to=bodies["amg"], amount="2500", title="Orchard planting")
    ff.award(
        fund, to=bodies["amg"], amount="100", title="Pending Upsilon", status=AwardStatus.PROPOSED
    )
    pb = ff.budgeting_round(
        ff.fund(
            decided_by=board,
            amount="400000",
            name="PB fund",
            mechanism=Mechanism.PARTICIPATORY_BUDGETING,
        ),
        board,
        name="Crewe decides",
        ideas=None,
        voting=(today() - days(2), today() + days(12)),
    )
    for title, status in (
        ("Partnership refresh", ReportStatus.PUBLISHED),
        ("Draft Phi", ReportStatus.DRAFT),
    ):
        CabinetReport.objects.create(
            title=title,
            meeting_on=today() - days(20),
            report_of="Director",
            portfolio_holder="Leader",
            status=status,
            contact_name="A",
            contact_designation="B",
        )
    page = home(client)
    coming, happened = page.split("What has just happened")
    coming = coming.split("What is coming")[1]
    assert "Area Board, spring" in coming and "Private briefing Sigma" not in page
    assert "Parks survey" in coming and "Closing soon" in coming and "Draft idea Tau" not in page
    assert pb.name in coming and "voting now" in coming
    assert "Fund the youth bus" in happened
    assert "Orchard planting" in happened and "£2,500" in happened and "Pending Upsilon" not in page
    assert "Partnership refresh" in happened and "Draft Phi" not in page


def grow(world, n: int) -> None:
    """More of everything the home page lists or counts."""
    strategy = selectors.current_strategy()
    plan = sf.plan(world.a, strategy)
    for i in range(n):
        action = sf.action(plan, title=f"Grown {i}")
        services.progress_update_post(action=action, rag=Rag.AMBER, narrative="n")
        Meeting.objects.create(
            body=world.a, title=f"Grown meeting {i}", starts_at=timezone.now() + days(i + 1)
        )
        fund = ff.fund(decided_by=world.b, amount="1000", name=f"Grown fund {i}")
        ff.award(fund, to=world.a, amount="10", title=f"Grown grant {i}")


@pytest.mark.parametrize("who", ["anonymous", "member_a", "officer"])
def test_the_home_page_costs_the_same_queries_whatever_the_data(
    client, world, who, django_assert_num_queries
):
    expected = HOME_PAGE
    if who != "anonymous":
        client.force_login(world.users[who])
        # An officer's permissions are two queries where a member's bodies are one.
        expected += SIGNED_IN + (who == "officer")
    with django_assert_num_queries(expected):
        home(client)
    grow(world, 12)
    with django_assert_num_queries(expected):
        page = home(client)
    assert "Grown meeting 0" in page


@pytest.fixture
def cached(settings):
    settings.PACE_PAGE_CACHE_SECONDS = 300
    cache.clear()
    page_cache.PublicPageCacheMiddleware.near.clear()
    yield
    cache.clear()
    page_cache.PublicPageCacheMiddleware.near.clear()


@pytest.mark.django_db(transaction=True)
def test_anonymous_visitors_get_the_home_page_from_the_cache_until_a_change(
    cached, client, world, django_assert_num_queries
):
    """Committed for real, so that the change bumps the data version as it would."""
    first = client.get("/")
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client.get("/")["X-Cache"] == "hit"
    action = Action.objects.public().first()
    services.progress_update_post(action=action, rag=Rag.RED, narrative="Slipped")
    again = client.get("/")
    assert again["X-Cache"] == "miss"
    assert assert_chart_matches_table(again.content.decode(), "home-priorities")[(0, "red")] == 1
