"""/partnerships/popolo.json: valid Popolo, the whole structure, nothing private."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from pace.documents.registry import documents
from partnerships.models import Body, BodyKind, Membership
from tests.documents.helpers import body, build_queries

from . import factories as f

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "popolo"


def registry() -> Registry:
    """The Popolo schemas by their web addresses, read from the local copies."""
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append(
            (schema["id"], Resource.from_contents(schema, default_specification=DRAFT3))
        )
    return Registry().with_resources(resources)


def validator(name: str) -> Draft3Validator:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    return Draft3Validator(schema, registry=registry())


def errors_in(data: dict) -> list[str]:
    found = []
    for key, schema in [
        ("organizations", "organization"),
        ("persons", "person"),
        ("posts", "post"),
        ("memberships", "membership"),
    ]:
        check = validator(schema)
        for item in data[key]:
            found += [f"{key} {item.get('id')}: {e.message}" for e in check.iter_errors(item)]
    return found


@pytest.fixture
def structure():
    bodies = f.area()
    police = f.organisation("Cheshire Constabulary")
    chair = f.person("Chris Chair")
    chair.email, chair.telephone, chair.public_title = (
        "chris@private.example",
        "01270 999 888",
        "Inspector",
    )
    chair.save()
    f.member(bodies["amg"], chair, role="chair", organisation_=police)
    leaver = f.member(bodies["area_board"], ends_on=f.START.replace(year=2021))
    return bodies, chair, leaver


def test_popolo_export_is_valid_and_complete(client, structure):
    bodies, chair, leaver = structure
    response = client.get("/partnerships/popolo.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(body(response))
    assert errors_in(data) == []
    orgs = {o["id"]: o for o in data["organizations"]}
    amg = orgs[f"body/{bodies['amg'].slug}"]
    assert amg["parent_id"] == f"body/{bodies['area_board'].slug}"
    assert amg["classification"] == "Area Management Group"
    assert orgs["organisation/cheshire-constabulary"]["name"] == "Cheshire Constabulary"
    chair_membership = next(
        m for m in data["memberships"] if m["person_id"] == "person/chris-chair"
    )
    assert chair_membership["role"] == "Chair"
    assert chair_membership["on_behalf_of_id"] == "organisation/cheshire-constabulary"
    assert chair_membership["start_date"] == "2020-01-01"
    past = next(m for m in data["memberships"] if m["id"] == f"membership/{leaver.pk}")
    assert past["end_date"] == "2021-01-01"
    assert {"id": "person/chris-chair", "name": "Chris Chair", "summary": "Inspector"} in data[
        "persons"
    ]
    assert any(p["organization_id"] == amg["id"] and p["role"] == "Chair" for p in data["posts"])


def test_popolo_export_has_no_personal_contact_details(client, structure):
    text = body(client.get("/partnerships/popolo.json")).decode()
    assert "chris@private.example" not in text and "01270 999 888" not in text


def test_popolo_gives_a_bodys_own_published_contact(client, structure):
    bodies = structure[0]
    Body.objects.filter(pk=bodies["area_board"].pk).update(
        contact_name="Area Board support officer",
        contact_email="board@example.org",
        contact_telephone="01632 960 123",
    )
    data = json.loads(body(client.get("/partnerships/popolo.json")))
    assert errors_in(data) == []
    orgs = {o["id"]: o for o in data["organizations"]}
    assert orgs[f"body/{bodies['area_board'].slug}"]["contact_details"] == [
        {"label": "Area Board support officer", "type": "email", "value": "board@example.org"},
        {"label": "Area Board support officer", "type": "voice", "value": "01632 960 123"},
    ]
    # A body below shows that contact on its page, but it is not the body's own.
    assert "contact_details" not in orgs[f"body/{bodies['amg'].slug}"]


def test_invalid_data_would_be_caught():
    bad = {
        "organizations": [{"id": 5}],
        "persons": [],
        "posts": [],
        "memberships": [{"id": "m", "start_date": "12/07/2016"}],
    }
    assert len(errors_in(bad)) == 2


def test_popolo_queries_do_not_grow(client, structure, django_assert_num_queries):
    # Bodies, organisations, people, memberships, wards and relations.
    with django_assert_num_queries(6):
        documents["popolo.json"].build("http://testserver")
    small = build_queries("popolo.json")
    bodies = structure[0]
    for _ in range(30):
        f.member(bodies["area_board"])
    f.body(BodyKind.TOWN_PARTNERSHIP, bodies["area_board"])
    assert Membership.objects.count() > 30
    with django_assert_num_queries(6):
        documents["popolo.json"].build("http://testserver")
    assert build_queries("popolo.json") == small
    # Served as built: the stored document's record, whatever the data.
    with django_assert_num_queries(1):
        response = client.get("/partnerships/popolo.json")
    assert len(json.loads(body(response))["memberships"]) == Membership.objects.count()
