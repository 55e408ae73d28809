"""The officers' admin of indicators: every save goes through the services, a value
records who entered it, and a value the services refuse is shown on its inline row
and field, with nothing saved."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from strategy.indicators import services
from strategy.indicators.models import (
    Geography,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ValueStatus,
)

from . import value_builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = b.officer()
    client.force_login(user)
    return user


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def indicator_post(owner, where, values: list[dict], targets: list[dict] = ()) -> dict:
    data = {
        "kind": "population",
        "title": "Adults who are physically active",
        "slug": "adults-physically-active",
        "definition": "Adults doing 150 minutes of moderate activity a week.",
        "is_public": "on",
        "unit": "percent",
        "decimal_places": 1,
        "polarity": "up",
        "frequency": "annual",
        "geography": where.county.pk,
        "source": "Active Lives Survey",
        "source_url": "",
        "owner": owner.pk,
        "plan": "",
        "measure_type": "",
        "baseline": "",
        "baseline_on": "",
        **management("targets", len(targets)),
        **management("values", len(values)),
    }
    for i, target in enumerate(targets):
        data.update({f"targets-{i}-{k}": v for k, v in target.items()})
    for i, value in enumerate(values):
        data.update({f"values-{i}-{k}": v for k, v in value.items()})
    return data


def test_an_officer_opens_every_indicators_admin_page(client, officer):
    where = b.places()
    owner, _ = b.boards()
    indicator = b.indicator(owner, where.county)
    for url in (
        "/admin/indicators/",
        "/admin/indicators/geography/",
        "/admin/indicators/geography/add/",
        f"/admin/indicators/geography/{where.ward.pk}/change/",
        "/admin/indicators/indicator/",
        "/admin/indicators/indicator/add/",
        f"/admin/indicators/indicator/{indicator.pk}/change/",
        "/admin/indicators/indicatorvalue/",
        "/admin/indicators/indicatorvalue/add/",
        "/admin/indicators/indicatorvalue/import/",
        "/admin/indicators/curvereport/",
        "/admin/indicators/curvereport/add/",
    ):
        assert client.get(url).status_code == 200, url
    listing = client.get("/admin/indicators/indicatorvalue/").content.decode()
    assert "Import values from a CSV file" in listing


def test_an_officer_adds_an_indicator_with_targets_and_values(client, officer):
    where = b.places()
    owner, _ = b.boards()
    first, second = b.year_ends(2)
    response = client.post(
        "/admin/indicators/indicator/add/",
        indicator_post(
            owner,
            where,
            targets=[{"target_on": f"{second.year + 5}-03-31", "value": "70", "note": "JSNA"}],
            values=[
                {
                    "geography": where.county.pk,
                    "period_end": f"{first}",
                    "value": "61.5",
                    "status": "final",
                    "note": "",
                },
                {
                    "geography": where.area.pk,
                    "period_end": f"{second}",
                    "value": "63",
                    "status": "provisional",
                    "note": "Early figure",
                },
            ],
        ),
    )
    assert response.status_code == 302, response.context and [
        f.errors for fs in response.context["inline_admin_formsets"] for f in fs.formset.forms
    ]
    indicator = Indicator.objects.get(slug="adults-physically-active")
    assert IndicatorTarget.objects.get(indicator=indicator).value == Decimal(70)
    values = IndicatorValue.objects.filter(indicator=indicator).order_by("period_end")
    assert [(v.geography, v.value, v.status) for v in values] == [
        (where.county, Decimal("61.5"), ValueStatus.FINAL),
        (where.area, Decimal(63), ValueStatus.PROVISIONAL),
    ]
    assert {v.entered_by for v in values} == {officer}
    assert indicator.history.count() == 1


def _row_errors(response, prefix: str) -> list[dict]:
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return [dict(form.errors) for form in inline.formset.forms]
    raise AssertionError(prefix)


def test_a_bad_value_is_shown_on_its_row_and_field_and_nothing_is_saved(client, officer):
    where = b.places()
    owner, _ = b.boards()
    first, second = b.year_ends(2)
    response = client.post(
        "/admin/indicators/indicator/add/",
        indicator_post(
            owner,
            where,
            values=[
                {
                    "geography": where.county.pk,
                    "period_end": f"{first}",
                    "value": "61.5",
                    "status": "final",
                },
                {
                    "geography": where.county.pk,
                    "period_end": f"{second}",
                    "value": "101",
                    "status": "final",
                },
                {
                    "geography": where.elsewhere.pk,
                    "period_end": f"{second.year}-02-28",
                    "value": "50",
                    "status": "final",
                },
                {
                    "geography": where.county.pk,
                    "period_end": f"{first}",
                    "value": "62",
                    "status": "final",
                },
            ],
        ),
    )
    assert response.status_code == 200
    rows = _row_errors(response, "values")
    assert rows[0] == {}
    assert rows[1] == {"value": ["The value cannot be above 100 %"]}
    assert set(rows[2]) == {"geography", "period_end"}
    assert "ends one of its periods" in rows[2]["period_end"][0]
    assert rows[3]["period_end"][0].startswith(f"There is already a value for {where.county}")
    assert not Indicator.objects.exists() and not IndicatorValue.objects.exists()


def test_a_value_added_on_a_stored_indicators_page_is_checked_against_its_values(client, officer):
    where = b.places()
    owner, _ = b.boards()
    indicator = b.indicator(owner, where.county)
    last = b.year_ends(1)[0]
    stored = services.indicator_value_save(
        value=IndicatorValue(
            indicator=indicator, geography=where.county, period_end=last, value=Decimal(60)
        )
    )
    data = indicator_post(owner, where, values=[])
    data.update(
        {
            "title": indicator.title,
            "slug": indicator.slug,
            **management("values", 2, initial=1),
            "values-0-id": stored.pk,
            "values-0-indicator": indicator.pk,
            "values-0-geography": where.county.pk,
            "values-0-period_end": f"{last}",
            "values-0-value": "60.0",
            "values-0-status": "final",
            "values-1-indicator": indicator.pk,
            "values-1-geography": where.county.pk,
            "values-1-period_end": f"{last}",
            "values-1-value": "61",
            "values-1-status": "final",
        }
    )
    response = client.post(f"/admin/indicators/indicator/{indicator.pk}/change/", data)
    assert response.status_code == 200
    assert _row_errors(response, "values")[1]["period_end"][0].startswith(
        "There is already a value"
    )
    assert IndicatorValue.objects.get().value == Decimal(60)

    # Changed to a period of its own, it is saved, with who entered it.
    data["values-1-period_end"] = f"{last.replace(year=last.year - 1)}"
    response = client.post(f"/admin/indicators/indicator/{indicator.pk}/change/", data)
    assert response.status_code == 302
    added = IndicatorValue.objects.exclude(pk=stored.pk).get()
    assert added.value == Decimal(61) and added.entered_by == officer


def test_a_value_on_its_own_page_is_checked_by_the_services(client, officer):
    where = b.places()
    owner, _ = b.boards()
    indicator = b.indicator(owner, where.county)
    last = b.year_ends(1)[0]
    post = {
        "indicator": indicator.pk,
        "geography": where.county.pk,
        "period_end": f"{b.next_year_end()}",
        "value": "12.25",
        "status": "final",
        "note": "",
    }
    response = client.post("/admin/indicators/indicatorvalue/add/", post)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "has not ended yet" in errors["period_end"][0]
    assert errors["value"] == ["Give the value to 1 decimal places or fewer"]
    assert not IndicatorValue.objects.exists()

    post.update({"period_end": f"{last}", "value": "12.2"})
    assert client.post("/admin/indicators/indicatorvalue/add/", post).status_code == 302
    assert IndicatorValue.objects.get().entered_by == officer


def test_a_place_cannot_be_put_within_a_place_within_it(client, officer):
    where = b.places()
    response = client.post(
        f"/admin/indicators/geography/{where.county.pk}/change/",
        {
            "name": where.county.name,
            "slug": where.county.slug,
            "kind": "authority",
            "parent": where.ward.pk,
            "code": "",
            "body": "",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "A place cannot be within itself or a place within it"
    ]
    assert Geography.objects.get(pk=where.county.pk).parent is None


def test_the_import_page_checks_then_imports_on_confirmation(client, officer):
    where = b.places()
    owner, _ = b.boards()
    indicator = b.indicator(owner, where.county)
    last = b.year_ends(1)[0]
    text = f"indicator,area,period_end,value,unit\n{indicator.slug},{where.county},{last},55,%\n"
    template = client.get("/admin/indicators/indicatorvalue/import-template.csv")
    assert template.content.decode().startswith("indicator,area,period_end,value,unit,status")
    upload = SimpleUploadedFile("values.csv", text.encode(), "text/csv")
    checked = client.post("/admin/indicators/indicatorvalue/import/", {"file": upload})
    assert checked.status_code == 200
    assert "Import 1 value" in checked.content.decode()
    assert not IndicatorValue.objects.exists()

    done = client.post(
        "/admin/indicators/indicatorvalue/import/",
        {"text": text, "confirm": "Import 1 value"},
        follow=True,
    )
    assert done.redirect_chain == [("/admin/indicators/indicatorvalue/", 302)]
    assert "Imported 1 new value." in done.content.decode()
    assert IndicatorValue.objects.get().entered_by == officer


def test_the_import_page_lists_a_bad_rows_problem_and_saves_nothing(client, officer):
    where = b.places()
    owner, _ = b.boards()
    indicator = b.indicator(owner, where.county)
    last = b.year_ends(1)[0]
    text = (
        "indicator,area,period_end,value,unit\n"
        f"{indicator.slug},{where.county},{last},55,%\n"
        f"{indicator.slug},{where.area},{last},55,years\n"
    )
    response = client.post(
        "/admin/indicators/indicatorvalue/import/", {"text": text, "confirm": "Import"}
    )
    page = response.content.decode()
    assert "Nothing was imported: 1 row needs fixing" in page
    assert "Row 3, unit: “years” is not the unit of" in page
    assert not IndicatorValue.objects.exists()


def test_board_members_cannot_reach_the_import(client):
    member = b.pf.person(with_login=True)
    owner, _ = b.boards()
    b.pf.member(owner, member)
    client.force_login(member.user)
    response = client.get("/admin/indicators/indicatorvalue/import/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_dry_run_page_shows_each_row_and_what_it_does(client, officer):
    where = b.places()
    owner, _ = b.boards()
    indicator = b.indicator(owner, where.county)
    first, second = b.year_ends(2)
    services.indicator_value_save(
        value=IndicatorValue(
            indicator=indicator,
            geography=where.county,
            period_end=first,
            value=Decimal("49.9"),
            status=ValueStatus.PROVISIONAL,
        )
    )
    text = (
        "indicator,area,period_end,value,unit,status\n"
        f"{indicator.slug},{where.county},{first},50.2,%,final\n"
        f"{indicator.slug},{where.county},{second},51,%,provisional\n"
    )
    upload = SimpleUploadedFile("values.csv", text.encode(), "text/csv")
    page = client.post("/admin/indicators/indicatorvalue/import/", {"file": upload})
    rows = page.content.decode().split('<table id="import-rows">')[1]
    assert "Replaces the provisional value 49.9" in rows
    assert "New value" in rows
    assert "Import 2 values" in page.content.decode()
    assert IndicatorValue.objects.get().value == Decimal("49.9")
    # The indicators' list offers the import too.
    listing = client.get("/admin/indicators/indicator/").content.decode()
    assert "/admin/indicators/indicatorvalue/import/" in listing
