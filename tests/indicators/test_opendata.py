"""The indicators' open data (``strategy/indicators/opendata.py``): JSON valid
against its own published schema, CSV that matches the database, figures as exact
decimals, only published indicators whoever asks, fixed query counts."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker

from pace.documents.registry import documents
from strategy.indicators.models import Indicator, IndicatorKind, IndicatorValue, MeasureType
from strategy.indicators.status import Status, Travel
from strategy.models import Direction
from tests.documents.helpers import body, build_queries
from tests.partnerships import factories as pf
from tests.strategy import factories as sf

from . import records as r

pytestmark = pytest.mark.django_db

BULK_JSON = "/indicators/indicators.json"
BULK_CSV = "/indicators/indicators.csv"
SCHEMA = "/indicators/schema.json"


@pytest.fixture
def data():
    """Two published indicators (one compared across two places, one a performance
    measure) and an unpublished one."""
    strategy = sf.strategy(priorities=2)
    outcome = strategy.outcomes.create(position=1, title="People live well for longer")
    priority = strategy.priorities.get(position=1)
    owner = pf.body(name="Health and Wellbeing Board")
    county, crewe = r.places()
    smoking = r.indicator(
        owner=owner,
        title="Adults who smoke",
        slug="adults-who-smoke",
        values=["19.1", "18.4", "17.9", "16.5", "15.2"],
        target="12.0",
        polarity=Direction.DOWN,
        outcomes=[outcome],
        priorities=[priority],
        baseline=Decimal("19.100"),
        baseline_on=r.year_ends(5)[0],
        decimal_places=2,
    )
    for day, figure in zip(r.year_ends(2), ["21.3", "20.13"], strict=True):
        kept = r.value(smoking, figure, day, geography=crewe, note='=HYPERLINK("x")')
    # A figure kept to more places than the indicator now gives (its places lowered
    # after it was entered) is published in full, never rounded.
    IndicatorValue.objects.filter(pk=kept.pk).update(value=Decimal("20.125"))
    plan = sf.plan(owner, strategy)
    measure = r.indicator(
        owner=owner,
        title="Stop-smoking sessions held",
        slug="sessions-held",
        kind=IndicatorKind.PERFORMANCE,
        plan=plan,
        measure_type=MeasureType.HOW_MUCH,
        unit="number",
        decimal_places=0,
        values=["120", "135"],
        target=None,
    )
    hidden = r.indicator(
        owner=owner,
        title="Draft measure of loneliness",
        slug="loneliness",
        public=False,
        values=["33.3"],
    )
    return {
        "smoking": smoking,
        "measure": measure,
        "hidden": hidden,
        "outcome": outcome,
        "priority": priority,
        "plan": plan,
    }


def validator(client) -> Draft202012Validator:
    response = client.get(SCHEMA)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    schema = response.json()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def errors(client, document: dict) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message}" for e in validator(client).iter_errors(document)
    ]


def rows(response) -> list[dict]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8"))))


def test_bulk_json_is_valid_against_its_schema_and_matches_the_database(client, data):
    response = client.get(BULK_JSON)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(body(response))
    assert errors(client, document) == []
    by_slug = {i["slug"]: i for i in document["indicators"]}
    assert set(by_slug) == {"adults-who-smoke", "sessions-held"}

    smoking = by_slug["adults-who-smoke"]
    stored = IndicatorValue.objects.filter(indicator=data["smoking"])
    assert len(smoking["values"]) == stored.count() == 7
    # Every figure is the stored decimal exactly, written to the indicator's places.
    for item in smoking["values"]:
        match = stored.get(period_end=item["period_end"], geography__slug=item["geography"]["slug"])
        assert Decimal(item["value"]) == match.value
        assert isinstance(item["value"], str)
    crewe_values = [v["value"] for v in smoking["values"] if v["geography"]["slug"] == "crewe-area"]
    assert crewe_values == ["21.30", "20.125"]  # more places than the indicator's: all kept
    assert smoking["geography"] == {
        "slug": "cheshire-east",
        "name": "Cheshire East",
        "kind": "authority",
        "ons_code": "E06000049",
    }
    assert smoking["polarity"]["code"] == "down"
    assert smoking["baseline"] == {"date": r.year_ends(5)[0].isoformat(), "value": "19.10"}
    assert smoking["targets"][0]["value"] == "12.00"
    assert smoking["outcomes"][0]["title"] == "People live well for longer"
    assert smoking["outcomes"][0]["url"].endswith(
        reverse(
            "indicators:outcome-scorecard",
            args=[data["outcome"].strategy.slug, data["outcome"].position],
        )
    )
    assert smoking["priorities"][0]["url"].endswith("/scorecard/")
    assert smoking["plan"] is None and smoking["rba_question"] is None
    # Lower is better, falling from 19.1 towards 12.0: improving, and on the line.
    assert smoking["travel"]["code"] == Travel.IMPROVING
    assert smoking["status"]["code"] in Status.values
    assert smoking["status"]["latest"]["value"] == "15.20"
    # Where the line to the target stood, worked out, to the indicator's places.
    assert re.fullmatch(r"\d+\.\d{2}", smoking["status"]["expected"])

    measure = by_slug["sessions-held"]
    assert measure["kind"]["code"] == "performance"
    assert measure["rba_question"] == {"code": "how_much", "label": "How much did we do?"}
    assert measure["plan"]["title"] == data["plan"].title
    assert measure["status"]["code"] == Status.NO_TARGET
    assert [v["value"] for v in measure["values"]] == ["120", "135"]


def test_the_status_is_the_one_the_pages_use(client, data):
    from strategy.indicators.selectors import indicator_cards

    cards = {c.indicator.slug: c for c in indicator_cards(Indicator.objects.public())}
    document = json.loads(body(client.get(BULK_JSON)))
    for item in document["indicators"]:
        assessment = cards[item["slug"]].assessment
        assert item["status"]["code"] == assessment.status.value
        assert item["status"]["label"] == assessment.status.label
        assert item["travel"]["code"] == assessment.travel.value


def test_per_indicator_json_is_the_same_document_with_one_indicator(client, data):
    response = client.get("/indicators/adults-who-smoke.json")
    assert response.status_code == 200
    document = response.json()
    assert errors(client, document) == []
    assert [i["slug"] for i in document["indicators"]] == ["adults-who-smoke"]
    bulk = json.loads(body(client.get(BULK_JSON)))
    assert document["indicators"][0] == next(
        i for i in bulk["indicators"] if i["slug"] == "adults-who-smoke"
    )


def test_an_invalid_document_fails_the_schema(client, data):
    """The schema is strict enough to catch a float or a made-up status."""
    document = json.loads(body(client.get(BULK_JSON)))
    document["indicators"][0]["values"][0]["value"] = 19.1
    document["indicators"][0]["status"]["code"] = "nearly"
    found = errors(client, document)
    assert len(found) >= 2


def test_bulk_csv_has_a_row_per_value_matching_the_database(client, data):
    response = client.get(BULK_CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="indicators.csv"'
    assert response["Access-Control-Allow-Origin"] == "*"
    got = rows(response)
    public_values = IndicatorValue.objects.filter(indicator__is_public=True)
    assert len(got) == public_values.count() == 9
    for row in got:
        stored = public_values.get(
            indicator__slug=row["indicator_slug"],
            period_end=row["period_end"],
            geography__name=row["geography"],
        )
        assert Decimal(row["value"]) == stored.value
        assert row["indicator_id"] == str(stored.indicator_id)
        assert row["value_status"] == stored.status
    smoking = [row for row in got if row["indicator_slug"] == "adults-who-smoke"]
    first = smoking[0]
    assert first["unit"] == "percent" and first["polarity"] == "down"
    assert first["indicator_geography_ons_code"] == "E06000049"
    assert first["outcomes"] == "People live well for longer"
    assert first["status"] in Status.values and first["travel"] == "improving"
    assert first["target"] == "12.00"
    # A formula typed into a note stays text in a spreadsheet.
    crewe = [row for row in smoking if row["geography"] == "Crewe area"]
    assert crewe and all(row["note"].startswith("'=") for row in crewe)


def test_per_indicator_csv(client, data):
    response = client.get("/indicators/sessions-held.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="indicator-sessions-held.csv"'
    got = rows(response)
    assert [(row["period_end"], row["value"]) for row in got] == [
        (day.isoformat(), figure)
        for day, figure in zip(r.year_ends(2), ["120", "135"], strict=True)
    ]
    assert got[0]["rba_question"] == "how_much"
    assert got[0]["plan"] == data["plan"].title


def _everyone(data):
    officer = pf.officer()
    member = pf.person(with_login=True)
    pf.member(data["hidden"].owner, member)
    return [None, officer, member.user]


def test_an_unpublished_indicator_is_in_no_file_whoever_asks(client, data):
    for user in _everyone(data):
        client.logout()
        if user is not None:
            client.force_login(user)
        for path in (BULK_JSON, BULK_CSV):
            content = body(client.get(path)).decode()
            assert "loneliness" not in content.lower() and "33.3" not in content, (user, path)
        for path in ("/indicators/loneliness.json", "/indicators/loneliness.csv"):
            assert client.get(path).status_code == 404, (user, path)


def test_a_draft_plan_is_not_named(client, data):
    data["plan"].status = "draft"
    data["plan"].save()
    document = client.get("/indicators/sessions-held.json").json()
    assert document["indicators"][0]["plan"] is None
    assert errors(client, document) == []


def test_unknown_indicator_is_404(client, db):
    assert client.get("/indicators/nothing-here.json").status_code == 404
    assert client.get("/indicators/nothing-here.csv").status_code == 404


def test_conditional_get_answers_304(client, data):
    first = client.get(BULK_JSON)
    assert first.has_header("ETag")
    again = client.get(BULK_JSON, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_empty_files_are_still_valid(client, db):
    document = json.loads(body(client.get(BULK_JSON)))
    assert document["indicators"] == []
    assert errors(client, document) == []
    assert rows(client.get(BULK_CSV)) == []


#: The bulk files: the indicators, their outcomes, their priorities, the values and
#: the targets, whatever their number. One indicator's files: the same five.
OPEN_DATA_QUERIES = 5


def _grow(data, extra: int):
    for n in range(extra):
        r.indicator(
            owner=data["smoking"].owner,
            title=f"More indicator {n}",
            values=["10.0", "11.0", "12.0"],
            outcomes=[data["outcome"]],
            priorities=[data["priority"]],
        )


@pytest.mark.parametrize("extra", [0, 6])
def test_query_counts_do_not_grow_with_the_data(client, data, django_assert_num_queries, extra):
    _grow(data, extra)
    with django_assert_num_queries(OPEN_DATA_QUERIES):
        response = client.get("/indicators/adults-who-smoke.json")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name,path", [("indicators.json", BULK_JSON), ("indicators.csv", BULK_CSV)]
)
def test_the_bulk_files_are_built_in_as_many_queries_whatever_the_data(
    client, data, django_assert_num_queries, name, path
):
    with django_assert_num_queries(OPEN_DATA_QUERIES):
        documents[name].build("http://testserver")
    small = build_queries(name)
    _grow(data, 6)
    with django_assert_num_queries(OPEN_DATA_QUERIES):
        documents[name].build("http://testserver")
    assert build_queries(name) == small
    # Served as built: the stored file's record, whatever the data.
    with django_assert_num_queries(1):
        response = client.get(path)
    assert response.status_code == 200
    assert body(response).decode().count("More indicator") >= 6


def test_schema_costs_no_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(SCHEMA).status_code == 200


def test_a_negative_score_stays_a_number_in_the_csv(client, data):
    score = r.indicator(
        owner=data["smoking"].owner,
        title="Wellbeing score gap",
        slug="wellbeing-gap",
        unit="score",
        values=["-1.5", "-0.5"],
        target=None,
    )
    got = rows(client.get(f"/indicators/{score.slug}.csv"))
    assert [row["value"] for row in got] == ["-1.5", "-0.5"]
    document = client.get(f"/indicators/{score.slug}.json").json()
    assert [v["value"] for v in document["indicators"][0]["values"]] == ["-1.5", "-0.5"]
    assert errors(client, document) == []
