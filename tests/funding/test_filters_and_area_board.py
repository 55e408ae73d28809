"""``/funding/`` filtered by area, fund, year and status, and an Area Board's page
listing the grants it decided and the participatory budgeting rounds it ran."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from funding import selectors, services
from funding.models import AwardStatus, Mechanism
from partnerships.models import BodyKind
from tests.partnerships import factories as pf

from ..pins import AREA_BOARD_PAGE
from . import factories as ff

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    """Two Area Boards: Crewe runs a participatory budgeting round with one funded
    project, and its town partnership has a direct award from the Leaders Board's
    fund; Macclesfield's town has another."""
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    crewe = pf.body(BodyKind.AREA_BOARD, leaders, name="Crewe Area Board")
    macc = pf.body(BodyKind.AREA_BOARD, leaders, name="Macclesfield Area Board")
    crewe_town = pf.body(BodyKind.TOWN_PARTNERSHIP, crewe, name="Nantwich Town Partnership")
    macc_town = pf.body(BodyKind.TOWN_PARTNERSHIP, macc, name="Knutsford Town Partnership")
    towns_fund = ff.fund(decided_by=leaders, name="Town Partnerships Fund")
    ff.award(towns_fund, to=crewe_town, title="Nantwich grant", status=AwardStatus.PAID)
    ff.award(towns_fund, to=macc_town, title="Knutsford grant")
    ff.award(towns_fund, to=macc_town, title="Knutsford proposal", status=AwardStatus.PROPOSED)
    pb_fund = ff.fund(
        amount="400000",
        mechanism=Mechanism.PARTICIPATORY_BUDGETING,
        decided_by=leaders,
        financial_year="2017/18",
        name="Participatory Budgeting Fund",
    )
    budgeting_round = ff.budgeting_round(pb_fund, crewe, amount="10000", name="Crewe Round 1")
    ff.districts(crewe, "CW1")
    project = ff.project(budgeting_round, cost="6000", title="Crewe allotments")
    ff.vote(budgeting_round, [project])
    award = services.project_fund(project=project, award_date=ff.AFTER_VOTING)
    award.title = "Crewe allotments grant"
    award.save()
    return {
        "leaders": leaders,
        "crewe": crewe,
        "macc": macc,
        "crewe_town": crewe_town,
        "towns_fund": towns_fund,
        "pb_fund": pb_fund,
        "round": budgeting_round,
    }


def grant_titles(page: str) -> set[str]:
    titles = {"Nantwich grant", "Knutsford grant", "Crewe allotments grant", "Knutsford proposal"}
    table = page.split('id="grants"')[1]
    return {title for title in titles if f">{title}</a>" in table}


def test_unfiltered_lists_every_published_grant(client, areas):
    page = client.get("/funding/").content.decode()
    assert grant_titles(page) == {"Nantwich grant", "Knutsford grant", "Crewe allotments grant"}
    assert 'id="id_area"' in page and "Crewe Area Board" in page


def test_area_filter_lists_what_the_board_decided_and_grants_in_its_area(client, areas):
    page = client.get("/funding/", {"area": areas["crewe"].slug}).content.decode()
    assert grant_titles(page) == {"Nantwich grant", "Crewe allotments grant"}
    assert "2 grants, £14,000 in all." in page
    page = client.get("/funding/", {"area": areas["macc"].slug}).content.decode()
    assert grant_titles(page) == {"Knutsford grant"}


def test_status_year_and_fund_filters(client, areas):
    page = client.get("/funding/", {"status": AwardStatus.PAID}).content.decode()
    assert grant_titles(page) == {"Nantwich grant"}
    page = client.get("/funding/", {"year": "2017/18"}).content.decode()
    assert grant_titles(page) == {"Crewe allotments grant"}
    page = client.get("/funding/", {"fund": areas["towns_fund"].pk}).content.decode()
    assert grant_titles(page) == {"Nantwich grant", "Knutsford grant"}
    page = client.get(
        "/funding/", {"area": areas["crewe"].slug, "fund": areas["towns_fund"].pk}
    ).content.decode()
    assert grant_titles(page) == {"Nantwich grant"}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"area": "atlantis"}, "area", "Choose an area from the list."),
        ({"area": "x" * 5000}, "area", "Choose an area from the list."),
        ({"status": "proposed"}, "status", "Choose a status from the list."),
        ({"status": "withdrawn"}, "status", "Choose a status from the list."),
        ({"status": "<script>"}, "status", "Choose a status from the list."),
    ],
)
def test_a_bad_filter_says_so_and_the_others_still_apply(client, areas, params, field, message):
    response = client.get("/funding/", {**params, "year": "2016/17"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and f'href="#id_{field}">{message}' in page
    assert "<title>Error:" in page
    # The valid filter still applies; the bad one filters nothing (and never a
    # proposed or withdrawn grant).
    assert grant_titles(page) == {"Nantwich grant", "Knutsford grant"}


def test_only_an_area_board_is_an_area(client, areas):
    """Only Area Boards are areas: a town partnership's slug is refused."""
    page = client.get("/funding/", {"area": areas["crewe_town"].slug}).content.decode()
    assert "Choose an area from the list." in page


def test_pagination_keeps_the_filters(client, areas):
    fund = ff.fund(decided_by=areas["leaders"], amount="1000000", name="Big")
    for i in range(55):
        ff.award(fund, to=areas["crewe_town"], amount="100", title=f"Many {i}")
    page = client.get("/funding/", {"area": areas["crewe"].slug, "status": "approved"}).content
    (link,) = re.findall(r'href="\?([^"]*)" rel="next"', page.decode())
    assert QueryDict(html.unescape(link)) == QueryDict(
        f"area={areas['crewe'].slug}&status=approved&page=2"
    )
    second = client.get(
        "/funding/", {"area": areas["crewe"].slug, "status": "approved", "page": 2}
    ).content.decode()
    assert "56 in all; 51 to 56 shown" in second
    assert "Knutsford grant" not in second


def test_the_by_fund_table_has_one_column_headed_fund(client, areas):
    page = client.get("/funding/").content.decode()
    by_fund = page.split("By fund</caption>")[1].split("</thead>")[0]
    assert by_fund.count(">Fund<") == 1
    assert ">Fund budget<" in by_fund


def test_an_area_boards_page_lists_the_grants_it_decided_and_its_rounds(client, areas):
    page = client.get(areas["crewe"].get_absolute_url()).content.decode()
    assert "Grants decided" in page
    decided = page.split('id="grants-decided"')[1].split('id="budgeting-rounds"')[0]
    assert "Crewe allotments grant" in decided and "£6,000 in all" in decided
    # A grant to a town in its area was decided by the Leaders Board, not by it.
    assert "Nantwich grant" not in decided
    assert f'href="/funding/?area={areas["crewe"].slug}"' in decided
    rounds = page.split('id="budgeting-rounds"')[1]
    assert "Crewe Round 1" in rounds and "public health outcomes" in rounds
    other = client.get(areas["macc"].get_absolute_url()).content.decode()
    assert "has not decided any published grants" in other
    assert "has not run a participatory budgeting round" in other
    assert "Crewe Round 1" not in other


def test_other_bodies_have_no_decided_grants_panel(client, areas):
    for body in (areas["leaders"], areas["crewe_town"]):
        assert "Grants decided" not in client.get(body.get_absolute_url()).content.decode()


def test_the_decided_panel_shows_the_latest_twenty_and_counts_them_all(areas):
    fund = ff.fund(decided_by=areas["crewe"], amount="1000000", name="Crewe's own fund")
    for _ in range(25):
        ff.award(fund, to=areas["crewe_town"], amount="10", on=datetime.date(2016, 9, 1))
    decided = selectors.body_decided_grants(areas["crewe"])
    assert decided.count == 26 and len(decided.grants) == selectors.DECIDED_SHOWN


def _queries(client, url: str, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_query_counts_are_pinned(client, areas, django_assert_num_queries):
    crewe = areas["crewe"]
    # Funds, areas and wards for the filters, the page's count and rows, three totals,
    # and the two charts' breakdowns (by year and mechanism, by deciding body).
    assert _queries(client, "/funding/") == 10
    # Plus the area chosen.
    assert _queries(client, "/funding/", {"area": crewe.slug, "status": "paid"}) == 11
    assert _queries(client, crewe.get_absolute_url()) == AREA_BOARD_PAGE
    town = _queries(client, areas["crewe_town"].get_absolute_url())
    # They do not grow with the data.
    fund = ff.fund(decided_by=crewe, amount="1000000", name="Crewe's own fund")
    for _ in range(30):
        ff.award(fund, to=areas["crewe_town"], amount="10")
    ff.budgeting_round(areas["pb_fund"], crewe, amount="1000", name="Crewe Round 2")
    with django_assert_num_queries(11):
        client.get("/funding/", {"area": crewe.slug, "status": "approved"})
    with django_assert_num_queries(AREA_BOARD_PAGE):
        client.get(crewe.get_absolute_url())
    # Another kind of body runs none of the panel's queries.
    assert _queries(client, areas["crewe_town"].get_absolute_url()) == town
