"""Public funding pages, the officers' checks page, and the body page's grants:
who sees what, bad input, and query counts that do not grow with the data."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from funding.models import AwardStatus, Mechanism
from partnerships.models import BodyKind, Declaration, InterestType, Meeting
from tests.partnerships import factories as pf

from ..pins import BODY_PAGE
from . import factories as ff

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


@pytest.fixture
def funding():
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    board = pf.body(BodyKind.AREA_BOARD, leaders)
    towns = [pf.body(BodyKind.TOWN_PARTNERSHIP, board) for _ in range(9)]
    fund = ff.fund(decided_by=leaders, name="Town Partnerships Fund 2016/17")
    awards = [ff.award(fund, to=town, status=AwardStatus.PAID) for town in towns]
    later = ff.fund(
        decided_by=leaders,
        name="Competitive Fund 2017/18",
        financial_year="2017/18",
        mechanism=Mechanism.COMPETITIVE_GRANT,
    )
    charity = pf.organisation("Helping Hands")
    won = ff.award(later, to=charity, amount="1500.50", on=datetime.date(2017, 6, 1))
    proposed = ff.award(later, to=charity, status=AwardStatus.PROPOSED, title="Hidden proposal")
    withdrawn = ff.award(later, to=charity, title="Hidden withdrawn")
    withdrawn.status = AwardStatus.WITHDRAWN
    withdrawn.save()
    return {
        "leaders": leaders,
        "board": board,
        "towns": towns,
        "fund": fund,
        "later": later,
        "awards": awards,
        "won": won,
        "charity": charity,
        "proposed": proposed,
        "withdrawn": withdrawn,
    }


@pytest.fixture
def officer_client(client):
    client.force_login(pf.officer())
    return client


def test_funding_page_shows_totals_by_year_fund_and_mechanism(client, funding):
    page = client.get("/funding/").content.decode()
    assert "10 grants, £73,500.50 in all." in page
    assert "£72,000" in page and "2016/17" in page and "2017/18" in page
    assert "Direct grant award" in page and "Competitive grant" in page
    assert "£1,500.50" in page
    assert "Hidden" not in page


def test_funding_page_filters_by_allowed_values(client, funding):
    page = client.get("/funding/", {"year": "2016/17"}).content.decode()
    assert "9 grants, £72,000 in all." in page
    page = client.get("/funding/", {"fund": funding["later"].pk}).content.decode()
    assert "1 grant, £1,500.50 in all." in page
    page = client.get("/funding/", {"mechanism": Mechanism.DIRECT_GRANT}).content.decode()
    assert "9 grants, £72,000 in all." in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "2099/00"}, "Choose a financial year from the list."),
        ({"year": "'; drop table"}, "Choose a financial year from the list."),
        ({"fund": "abc"}, "Choose a fund from the list."),
        ({"fund": "999999"}, "Choose a fund from the list."),
        ({"mechanism": "bribery"}, "Choose a way of awarding from the list."),
    ],
)
def test_funding_page_explains_a_filter_it_does_not_accept(client, funding, params, message):
    response = client.get("/funding/", params)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "govuk-error-summary" in page
    assert "10 grants, £73,500.50 in all." in page


def test_funding_page_survives_a_bad_page_number(client, funding):
    for page in ("abc", "-1", "99999"):
        assert client.get("/funding/", {"page": page}).status_code == 200


def test_award_page_shows_a_public_award(client, funding):
    award = funding["won"]
    page = client.get(award.get_absolute_url()).content.decode()
    assert award.title in page and "£1,500.50" in page and "1 June 2017" in page
    assert "Helping Hands" in page and "Approved" in page
    assert "Officers' checks" not in page


def test_proposed_and_withdrawn_awards_are_not_public(client, funding):
    member = pf.person(with_login=True)
    pf.member(funding["leaders"], member)
    for award in (funding["proposed"], funding["withdrawn"]):
        client.logout()
        assert client.get(award.get_absolute_url()).status_code == 404
        client.force_login(member.user)
        assert client.get(award.get_absolute_url()).status_code == 404
    assert client.get("/funding/awards/999999/").status_code == 404


def test_officers_see_proposed_awards_and_the_checks(officer_client, funding):
    response = officer_client.get(funding["proposed"].get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "only officers can see this page" in page and "Officers' checks" in page


def test_a_conflict_is_noted_in_public_without_names_and_in_full_for_officers(client, funding):
    person = pf.person("Robin Interested")
    pf.member(funding["leaders"], person, starts_on=datetime.date(2016, 1, 1))
    Declaration.objects.create(
        meeting=Meeting.objects.create(
            body=funding["leaders"], title="Board", starts_at=timezone.now()
        ),
        person=person,
        interest_type=InterestType.BUSINESS,
        organisation=funding["charity"],
        description="Director of a supplier",
    )
    url = funding["won"].get_absolute_url()
    page = client.get(url).content.decode()
    assert "A declared interest was noted" in page and "Robin Interested" not in page
    client.force_login(pf.officer())
    page = client.get(url).content.decode()
    assert "Robin Interested" in page and "declared a business interest" in page


def test_fund_page_lists_its_public_awards(client, funding):
    page = client.get(funding["later"].get_absolute_url()).content.decode()
    assert "Competitive Fund 2017/18" in page and "£1,500.50" in page
    assert "Hidden" not in page
    assert client.get("/funding/funds/999999/").status_code == 404


@pytest.fixture
def busy_fund(funding):
    """A fund of £100,000 with 60 paid grants of £100, one a day from May 2016 in the
    order of their numbers, and a proposed one that is not public."""
    busy = ff.fund(decided_by=funding["leaders"], amount="100000", name="Busy Fund")
    for i in range(1, 61):
        ff.award(
            busy,
            to=funding["charity"],
            amount="100",
            status=AwardStatus.PAID,
            on=datetime.date(2016, 5, 1) + datetime.timedelta(days=i),
            title=f"Numbered grant {i:02}",
        )
    ff.award(busy, to=funding["charity"], status=AwardStatus.PROPOSED, title="Hidden proposal")
    return busy


def grant_titles(page: str) -> list[str]:
    return re.findall(r">(Numbered grant \d\d)<", page)


def summary(page: str, key: str) -> str:
    found = re.search(rf"<dt[^>]*>{key}</dt><dd[^>]*>([^<]*)</dd>", page)
    return found.group(1)


def test_fund_page_lists_its_grants_fifty_a_page_newest_first(client, busy_fund):
    url = busy_fund.get_absolute_url()
    first = client.get(url).content.decode()
    assert grant_titles(first) == [f"Numbered grant {i:02}" for i in range(60, 10, -1)]
    assert "(60 in all; 1 to 50 shown)" in first and "Page 1 of 2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert grant_titles(second) == [f"Numbered grant {i:02}" for i in range(10, 0, -1)]
    assert "(60 in all; 51 to 60 shown)" in second and "Hidden" not in second
    # The fund's figures are over every grant, on either page.
    for page in (first, second):
        assert summary(page, "Approved and paid grants") == "£6,000"
        assert summary(page, "Left") == "£94,000"


@pytest.mark.parametrize(("number", "shows"), [("zzz", 1), ("-1", 2), ("99", 2), ("", 1)])
def test_fund_page_answers_any_page_number(client, busy_fund, number, shows):
    response = client.get(busy_fund.get_absolute_url(), {"page": number})
    assert response.status_code == 200
    assert f"Page {shows} of 2" in response.content.decode()


def test_body_page_lists_the_grants_it_received(client, funding):
    town = funding["towns"][0]
    page = client.get(town.get_absolute_url()).content.decode()
    assert "Grants received" in page and "£8,000" in page
    assert funding["awards"][0].title in page
    page = client.get(funding["board"].get_absolute_url()).content.decode()
    assert "Grants received" not in page


def test_body_page_never_lists_a_proposed_grant(client, funding):
    town = funding["towns"][0]
    ff.award(funding["later"], to=town, status=AwardStatus.PROPOSED, title="Hidden for town")
    assert "Hidden for town" not in client.get(town.get_absolute_url()).content.decode()


def test_checks_page_is_for_officers_only(client, funding):
    response = client.get("/funding/checks/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    member = pf.person(with_login=True)
    client.force_login(member.user)
    assert client.get("/funding/checks/").status_code == 403
    staff_without_permission = get_user_model().objects.create_user(
        username="staffer", password="pw-for-tests-only", is_staff=True
    )
    client.force_login(staff_without_permission)
    assert client.get("/funding/checks/").status_code == 403


def test_checks_page_lists_flagged_awards_with_the_figures(officer_client, funding, settings):
    settings.PACE_SUBSIDY_MFA_THRESHOLD = __import__("decimal").Decimal("8000")
    charity = funding["charity"]
    big = ff.fund(decided_by=funding["leaders"], amount="50000")
    ff.award(big, to=charity, amount="6000")
    flagged = ff.award(big, to=charity, amount="2000.01", title="Tips it over")
    pf.member(
        funding["leaders"],
        pf.person("Kim Rep"),
        organisation_=charity,
        starts_on=datetime.date(2016, 1, 1),
    )
    page = officer_client.get("/funding/checks/").content.decode()
    assert flagged.title in page and "£8,000.01" in page and "£0.01" in page
    assert "2014/15 to 2016/17" in page
    assert "Kim Rep" in page and "represents Helping Hands" in page
    # The competitive award to the same charity is not flagged for subsidy control.
    subsidy_section = page.split("Conflicts of interest")[0]
    assert funding["won"].title not in subsidy_section


def test_funding_pages_queries_do_not_grow_with_data(
    client, funding, django_assert_max_num_queries, settings
):
    officer = pf.officer()
    # One award flagged for each check already, so the small case runs every query.
    settings.PACE_SUBSIDY_MFA_THRESHOLD = __import__("decimal").Decimal("7999")
    pf.member(
        funding["leaders"],
        starts_on=datetime.date(2016, 1, 1),
        organisation_=funding["charity"],
    )
    urls = [
        "/funding/",
        "/funding/?year=2016/17",
        funding["fund"].get_absolute_url(),
        funding["awards"][0].get_absolute_url(),
        funding["towns"][0].get_absolute_url(),
    ]
    small = [count_queries(client, url) for url in urls]
    client.force_login(officer)
    small_checks = count_queries(client, "/funding/checks/")
    small_award_officer = count_queries(client, funding["awards"][0].get_absolute_url())
    client.logout()

    big = ff.fund(decided_by=funding["leaders"], amount="10000000", name="Big")
    town = funding["towns"][0]
    for i in range(60):
        ff.award(big, to=town, amount="10000", title=f"More {i}")
        pf.member(
            funding["leaders"],
            starts_on=datetime.date(2016, 1, 1),
            organisation_=funding["charity"] if i < 3 else None,
        )
    for i in range(5):
        ff.award(big, to=funding["charity"], amount="100000", title=f"Large {i}")

    # /funding/: funds, areas and wards for the filters, the page's count and rows, three
    # totals, the two charts' breakdowns;
    # fund: fund, awards' count and page, rounds, its contributors (a pooled budget),
    # priorities, outcomes (the count is new: the awards are paginated, where the page
    # once listed every one); award: award with its checks, targets, priorities, wards;
    # body page (a town): see tests/pins.py.
    limits = [10, 10, 7, 4, BODY_PAGE]
    for url, limit in zip(urls, limits, strict=True):
        with django_assert_max_num_queries(limit):
            client.get(url)
    assert [count_queries(client, url) for url in urls] == small
    client.force_login(officer)
    assert count_queries(client, "/funding/checks/") == small_checks
    assert count_queries(client, funding["awards"][0].get_absolute_url()) == small_award_officer
    # session, user, permissions (2), flagged awards (2), who has the conflicts (3),
    # grants whose evidence of success is overdue (1)
    with django_assert_max_num_queries(9):
        client.get("/funding/checks/")
    # session, user, permissions (2), the award, targets, priorities, wards, conflicts (3)
    with django_assert_max_num_queries(10):
        client.get(funding["awards"][0].get_absolute_url())


@pytest.mark.parametrize(
    "url",
    [
        "/funding/awards/99999999999999999999999/",
        "/funding/funds/99999999999999999999999/",
    ],
)
def test_out_of_range_addresses_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_out_of_range_filters_are_explained(client, funding):
    response = client.get("/funding/", {"fund": "9" * 30, "page": "9" * 30})
    assert response.status_code == 200
    assert "Choose a fund from the list." in response.content.decode()
