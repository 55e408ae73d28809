"""Partners' resource commitments (agreement 5.1): staff time, revenue and capital to
an action plan or a fund; pooled budgets and their contributors; the public page."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding import services
from funding.models import ResourceCommitment, ResourceKind
from partnerships.models import BodyKind
from strategy.models import PlanStatus
from tests.partnerships import factories as pf
from tests.strategy import factories as sf

from . import factories as ff

pytestmark = pytest.mark.django_db


def commit(partner, *, to, kind=ResourceKind.REVENUE, amount=None, fte=None, year="2016/17"):
    from funding.models import Fund

    return services.commitment_save(
        commitment=ResourceCommitment(
            partner=partner,
            kind=kind,
            amount=Decimal(amount) if amount is not None else None,
            staff_fte=Decimal(fte) if fte is not None else None,
            financial_year=year,
            fund=to if isinstance(to, Fund) else None,
            plan=None if isinstance(to, Fund) else to,
        )
    )


@pytest.fixture
def world():
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    board = pf.body(BodyKind.THEMATIC_BOARD, leaders)
    return {
        "leaders": leaders,
        "fund": ff.fund(decided_by=leaders, amount="100000", name="Pooled Health Fund"),
        "plan": sf.plan(board),
        "draft": sf.plan(board, status=PlanStatus.DRAFT),
        "nhs": pf.organisation("Clinical Commissioning Group"),
        "police": pf.organisation("Cheshire Police"),
        "council": pf.council(),
    }


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_pooled_fund_takes_partners_money_up_to_its_amount(world):
    commit(world["council"], to=world["fund"], amount="60000")
    commit(world["nhs"], to=world["fund"], amount="30000")
    errors = errors_of(lambda: commit(world["police"], to=world["fund"], amount="10000.01"))
    assert errors["amount"] == [
        "Pooled Health Fund is £100,000 and partners have already committed £90,000 to it: "
        "this commitment can be at most £10,000."
    ]
    assert ResourceCommitment.objects.count() == 2
    commit(world["police"], to=world["fund"], amount="10000")
    assert world["fund"].pledged() == Decimal("100000")


def test_a_fund_cannot_shrink_below_what_partners_committed(world):
    commit(world["council"], to=world["fund"], amount="60000")
    fund = world["fund"]
    fund.amount = Decimal("50000")
    errors = errors_of(lambda: ff.services.fund_save(fund=fund))
    assert errors["amount"] == [
        "Partners have committed £60,000 to Pooled Health Fund, so its amount cannot be less "
        "than that."
    ]


def test_each_kind_is_measured_its_own_way_and_goes_to_one_place(world):
    errors = errors_of(lambda: commit(world["nhs"], to=world["plan"], kind=ResourceKind.STAFF))
    assert errors["staff_fte"] == ["Give the staff time committed, in full-time equivalents."]
    errors = errors_of(
        lambda: commit(world["nhs"], to=world["plan"], kind=ResourceKind.STAFF, fte="1", amount="5")
    )
    assert errors["amount"] == ["Staff time is given in FTE: leave the amount blank."]
    errors = errors_of(lambda: commit(world["nhs"], to=world["plan"], kind=ResourceKind.CAPITAL))
    assert errors["amount"] == ["Give the amount committed, in pounds."]
    errors = errors_of(
        lambda: commit(world["nhs"], to=world["fund"], kind=ResourceKind.STAFF, fte="0.5")
    )
    assert errors["fund"] == ["A fund holds money: commit staff time to an action plan."]
    errors = errors_of(lambda: commit(world["nhs"], to=world["fund"], amount="5", year="2017/18"))
    assert errors["financial_year"] == [
        "Pooled Health Fund is for 2016/17: a commitment to it is for the same year."
    ]
    neither = ResourceCommitment(
        partner=world["nhs"],
        kind=ResourceKind.REVENUE,
        amount=Decimal("5"),
        financial_year="2016/17",
    )
    errors = errors_of(lambda: services.commitment_save(commitment=neither))
    assert errors["plan"] == ["Choose the action plan or the fund the resources are committed to."]
    errors = errors_of(lambda: commit(world["nhs"], to=world["plan"], amount="-3"))
    assert errors["amount"] == ["Enter an amount of more than £0."]
    assert not ResourceCommitment.objects.exists()


def test_the_public_page_totals_what_is_filtered_and_hides_draft_plans(client, world):
    commit(world["council"], to=world["fund"], amount="60000")
    commit(world["nhs"], to=world["plan"], kind=ResourceKind.STAFF, fte="1.5")
    commit(world["nhs"], to=world["plan"], kind=ResourceKind.CAPITAL, amount="2500.50")
    commit(world["police"], to=world["draft"], amount="999")
    page = client.get("/funding/resources/").content.decode()
    assert "Clinical Commissioning Group" in page and "Cheshire Police" not in page
    assert "£60,000" in page and "£2,500.50" in page and "1.50 full-time equivalent" in page
    assert world["plan"].get_absolute_url() in page
    assert world["draft"].title not in page
    only = client.get("/funding/resources/", {"partner": world["nhs"].slug}).content.decode()
    assert "1.50 full-time equivalent" in only and "£60,000" not in only
    assert "£0" in only  # no revenue from that partner


def test_a_bad_filter_says_so_on_its_field_and_filters_nothing(client, world):
    commit(world["council"], to=world["fund"], amount="60000")
    response = client.get("/funding/resources/", {"kind": "gold", "year": "1999/00"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a kind of resource from the list." in page
    assert "Choose a financial year from the list." in page
    assert "£60,000" in page


def test_the_fund_page_names_a_pooled_budgets_contributors(client, world):
    commit(world["council"], to=world["fund"], amount="60000")
    commit(world["nhs"], to=world["fund"], amount="30000")
    page = client.get(world["fund"].get_absolute_url()).content.decode()
    assert "A pooled budget: its contributors" in page
    assert "£90,000 of £100,000" in page
    assert page.index("Cheshire East Council") < page.index("Clinical Commissioning Group")


@pytest.mark.parametrize("rows", [3, 30])
def test_the_resources_page_query_count_does_not_grow(
    client, world, django_assert_num_queries, rows
):
    partners = [pf.organisation() for _ in range(3)]
    for i in range(rows):
        commit(partners[i % 3], to=world["plan"], amount="10")
    # Years, partners for the filter, the totals, the page's count and its rows.
    with django_assert_num_queries(5):
        assert client.get("/funding/resources/").status_code == 200


def test_the_admin_writes_through_the_service(admin_client, world):
    url = "/admin/funding/resourcecommitment/add/"
    data = {
        "partner": world["nhs"].pk,
        "kind": ResourceKind.REVENUE,
        "financial_year": "2016/17",
        "amount": "100000.01",
        "fund": world["fund"].pk,
        "description": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "this commitment can be at most £100,000" in response.content.decode()
    assert not ResourceCommitment.objects.exists()
    data["amount"] = "5000"
    assert admin_client.post(url, data).status_code == 302
    assert ResourceCommitment.objects.get().history.count() == 1
