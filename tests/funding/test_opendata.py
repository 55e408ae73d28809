"""360Giving JSON and CSV, and the Transparency Code CSV, of the public awards."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from funding.models import AwardStatus
from pace.documents.registry import documents
from partnerships.models import BodyKind, Sector
from tests.documents.helpers import body, build_queries
from tests.partnerships import factories as pf

from . import factories as ff

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "360giving"
#: The package schema's grants.items $ref (a 1.4.2 address; the local copy is 1.4.3).
GRANT_SCHEMA_URL = (
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/"
    "360-giving-schema.json"
)


def validator_360() -> Draft202012Validator:
    """The package schema, with the grant schema served from the local copy under the
    address the package schema uses, and format checking on: nothing is fetched."""
    package = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text())
    grant = json.loads((SCHEMAS / "360-giving-schema.json").read_text())
    # The schemas say "http://json-schema.org/draft/2020-12/schema", which referencing
    # does not recognise by itself: name the specification.
    resource = Resource.from_contents(grant, default_specification=DRAFT202012)
    registry = Registry().with_resources([(GRANT_SCHEMA_URL, resource), (grant["$id"], resource)])
    return Draft202012Validator(
        package, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture
def grants():
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    board = pf.body(BodyKind.AREA_BOARD, leaders)
    town = pf.body(BodyKind.TOWN_PARTNERSHIP, board, name="Crewe Town Partnership")
    fund = ff.fund(decided_by=leaders, amount="100000", name="Town Partnerships Fund 2016/17")
    charity = pf.organisation("Helping Hands", sector=Sector.VCF)
    charity.registration_number = "1234567"
    charity.save()
    public_body = pf.organisation("Cheshire Police", sector=Sector.EMERGENCY)
    paid = ff.award(fund, to=town, amount="8000", status=AwardStatus.PAID, title="Crewe grant")
    paid.planned_start_on = datetime.date(2016, 8, 1)
    paid.planned_end_on = datetime.date(2017, 3, 31)
    paid.save()
    approved = ff.award(fund, to=charity, amount="8000.50", title="=HYPERLINK(evil)")
    ff.award(fund, to=public_body, amount="500", title="Police grant")
    ff.award(fund, to=charity, status=AwardStatus.PROPOSED, title="Secret proposed grant")
    withdrawn = ff.award(fund, to=charity, title="Secret withdrawn grant")
    withdrawn.status = AwardStatus.WITHDRAWN
    withdrawn.save()
    return {"paid": paid, "approved": approved, "fund": fund}


def test_360giving_json_validates_against_the_standard(client, grants):
    response = client.get("/funding/360giving.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    package = json.loads(body(response))
    errors = sorted(validator_360().iter_errors(package), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]
    assert len(package["grants"]) == 3
    by_id = {g["id"]: g for g in package["grants"]}
    paid = by_id[f"360G-cheshireeast-pace-{grants['paid'].pk}"]
    assert paid["amountAwarded"] == 8000 and paid["currency"] == "GBP"
    assert paid["awardDate"] == "2016-08-01"
    assert paid["plannedDates"] == [{"startDate": "2016-08-01", "endDate": "2017-03-31"}]
    assert paid["recipientOrganization"][0]["name"] == "Crewe Town Partnership"
    assert paid["fundingOrganization"][0]["id"] == "GB-LAE-CHE"
    assert paid["fundingOrganization"][0]["name"] == "Cheshire East Council"
    assert paid["grantProgramme"][0]["title"] == "Town Partnerships Fund 2016/17"
    assert by_id[f"360G-cheshireeast-pace-{grants['approved'].pk}"]["amountAwarded"] == 8000.5


def test_the_validator_refuses_a_broken_grant(client, grants):
    package = json.loads(body(client.get("/funding/360giving.json")))
    package["grants"][0]["awardDate"] = "1 August 2016"
    del package["grants"][1]["fundingOrganization"]
    assert len(list(validator_360().iter_errors(package))) == 2


def test_no_proposed_or_withdrawn_award_in_any_export(client, grants):
    for url in ("/funding/360giving.json", "/funding/360giving.csv", "/funding/transparency.csv"):
        text = body(client.get(url)).decode()
        assert "Secret" not in text, url


def test_360giving_csv_has_the_same_grants(client, grants):
    response = client.get("/funding/360giving.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body(response).decode())))
    package = json.loads(body(client.get("/funding/360giving.json")))
    assert [r["Identifier"] for r in rows] == [g["id"] for g in package["grants"]]
    crewe = next(r for r in rows if r["Title"] == "Crewe grant")
    assert crewe["Amount Awarded"] == "8000.00" and crewe["Currency"] == "GBP"
    assert crewe["Planned Dates:Start Date"] == "2016-08-01"
    assert crewe["Funding Org:Department"] == "Partnerships and Communities"
    # A title a spreadsheet would run as a formula is written as text.
    assert any(r["Title"] == "'=HYPERLINK(evil)" for r in rows)


def test_transparency_csv_lists_grants_to_vcse_organisations(client, grants):
    rows = list(csv.DictReader(io.StringIO(body(client.get("/funding/transparency.csv")).decode())))
    # The town partnership and the voluntary sector charity; not the police.
    assert sorted(r["Beneficiary"] for r in rows) == ["Crewe Town Partnership", "Helping Hands"]
    by_name = {r["Beneficiary"]: r for r in rows}
    assert "Cheshire Police" not in by_name
    charity = by_name["Helping Hands"]
    assert charity["Beneficiary registration number"] == "1234567"
    assert charity["Amount (GBP)"] == "8000.50"
    assert charity["Awarding department"] == "Partnerships and Communities"
    assert charity["Time period"] == "1 April 2016 to 31 March 2017 (financial year 2016/17)"
    crewe = by_name["Crewe Town Partnership"]
    assert crewe["Time period"] == "1 August 2016 to 31 March 2017"
    assert crewe["Date awarded"] == "2016-08-01"
    assert crewe["Purpose of the grant"] == "What the grant is for."


#: The exports, by the name they are stored under.
EXPORTS = {
    "360giving.json": "/funding/360giving.json",
    "360giving.csv": "/funding/360giving.csv",
    "transparency.csv": "/funding/transparency.csv",
}


def test_exports_do_not_grow_in_queries_with_data(client, grants, django_assert_num_queries):
    for name in EXPORTS:
        # the awards with their funds and recipients, in one query
        with django_assert_num_queries(1):
            documents[name].build("http://testserver")
    small = {name: build_queries(name) for name in EXPORTS}
    for _ in range(30):
        ff.award(grants["fund"], amount="10", to=pf.organisation(sector=Sector.VCF))
    assert {name: build_queries(name) for name in EXPORTS} == small
    for url in EXPORTS.values():
        # Served as built: the stored document's record, whatever the data.
        with django_assert_num_queries(1):
            response = client.get(url)
        assert response.status_code == 200
    assert len(json.loads(body(client.get(EXPORTS["360giving.json"])))["grants"]) == 33
