"""The officers' admin: funds with their awards, CSV import with a dry run, export."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from funding.models import AwardStatus, Fund, GrantAward
from partnerships.models import BodyKind
from tests.partnerships import factories as pf

from . import factories as ff

pytestmark = pytest.mark.django_db
HEADER = "fund,recipient_body,recipient_organisation,title,description,amount,award_date,status"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def officer_client(client):
    client.force_login(pf.officer())
    return client


@pytest.fixture
def towns():
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    board = pf.body(BodyKind.AREA_BOARD, leaders)
    fund = ff.fund(decided_by=leaders, amount="24000", name="Town Fund")
    return fund, [pf.body(BodyKind.TOWN_PARTNERSHIP, board) for _ in range(4)]


def upload(client, text: str):
    return client.post(
        "/admin/funding/grantaward/import/",
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("awards.csv", text.encode(), "text/csv"),
        },
    )


def test_officer_opens_every_funding_admin_page(officer_client, towns):
    fund, bodies = towns
    award = ff.award(fund, to=bodies[0])
    for url in (
        "/admin/funding/",
        "/admin/funding/fund/",
        f"/admin/funding/fund/{fund.pk}/change/",
        "/admin/funding/fund/add/",
        "/admin/funding/grantaward/",
        "/admin/funding/grantaward/?subsidy=review",
        "/admin/funding/grantaward/?conflict=flagged",
        "/admin/funding/grantaward/?subsidy=clear&conflict=none",
        f"/admin/funding/grantaward/{award.pk}/change/",
        "/admin/funding/grantaward/add/",
        "/admin/funding/grantaward/import/",
        "/admin/funding/grantaward/export/",
        "/admin/funding/budgetinground/",
        "/admin/funding/budgetingproject/",
    ):
        assert officer_client.get(url).status_code == 200, url


def test_import_dry_run_shows_each_bad_row_and_saves_nothing(officer_client, towns):
    fund, bodies = towns
    rows = [
        f"Town Fund,{bodies[0].slug},,Grant A,For A,8000,2016-08-01,approved",
        f"Town Fund,{bodies[1].slug},,Grant B,For B,-5,2016-08-01,approved",
        f"Town Fund,{bodies[2].slug},,Grant C,For C,8000,2016-08-01,approved",
        f"No Such Fund,{bodies[3].slug},,Grant D,For D,100,01/08/2016,approved",
        f"Town Fund,{bodies[3].slug},,Grant E,For E,12.345,2016-08-01,approved",
    ]
    response = upload(officer_client, "\n".join([HEADER, *rows]) + "\n")
    assert response.status_code == 200
    page = response.content.decode()
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [2, 4, 5]
    assert "more than £0" in page
    assert "There is no fund named &quot;No Such Fund&quot;." in page
    assert result.invalid_rows[1].error_dict["fund"] == ['There is no fund named "No Such Fund".']
    assert "2 decimal places" in page
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not GrantAward.objects.exists()


def test_import_refuses_a_file_that_overspends_the_fund_and_names_the_row(officer_client, towns):
    fund, bodies = towns
    rows = [
        f"Town Fund,{body.slug},,Grant {i},For {i},8000,2016-08-01,approved"
        for i, body in enumerate(bodies)
    ]
    response = upload(officer_client, "\n".join([HEADER, *rows]) + "\n")
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [4]
    assert "£0 is left" in response.content.decode()
    assert not GrantAward.objects.exists()


def test_a_good_file_is_shown_in_a_dry_run_then_imported_on_confirmation(officer_client, towns):
    fund, bodies = towns
    charity = pf.organisation("Helping Hands")
    rows = [
        f"Town Fund,{bodies[0].slug},,Grant A,For A,8000,2016-08-01,paid",
        f"Town Fund,,{charity.slug},Grant B,For B,£1500.50,01/08/2016,approved",
        f"Town Fund,{bodies[1].slug},,Grant C,For C,50000,2016-08-01,proposed",
    ]
    response = upload(officer_client, "\n".join([HEADER, *rows]) + "\n")
    assert not response.context["result"].has_validation_errors()
    assert not GrantAward.objects.exists()  # a dry run
    confirm = response.context["confirm_form"]
    response = officer_client.post(
        "/admin/funding/grantaward/process_import/",
        {name: confirm.initial.get(name, "") for name in confirm.fields},
    )
    assert response.status_code == 302
    assert GrantAward.objects.count() == 3
    assert GrantAward.objects.get(title="Grant B").amount == Decimal("1500.50")
    assert fund.committed() == Decimal("9500.50")


def test_confirmation_saves_nothing_if_the_data_changed_since_the_dry_run(officer_client, towns):
    fund, bodies = towns
    rows = [
        f"Town Fund,{bodies[0].slug},,Grant A,For A,8000,2016-08-01,approved",
        f"Town Fund,{bodies[1].slug},,Grant B,For B,8000,2016-08-01,approved",
    ]
    response = upload(officer_client, "\n".join([HEADER, *rows]) + "\n")
    confirm = response.context["confirm_form"]
    # Meanwhile another officer spends most of the fund.
    ff.award(fund, to=bodies[2], amount="15000")
    response = officer_client.post(
        "/admin/funding/grantaward/process_import/",
        {name: confirm.initial.get(name, "") for name in confirm.fields},
        follow=True,
    )
    assert "Nothing was imported" in response.content.decode()
    assert GrantAward.objects.count() == 1


def test_export_writes_every_award_as_csv(officer_client, towns):
    fund, bodies = towns
    ff.award(fund, to=bodies[0], amount="8000.50", title="Exported grant")
    response = officer_client.post(
        "/admin/funding/grantaward/export/",
        {
            "format": "0",
            "resource": "0",
            **{
                f"grantawardresource_{f}": "on"
                for f in (
                    "id",
                    "fund",
                    "recipient_body",
                    "recipient_organisation",
                    "title",
                    "description",
                    "amount",
                    "award_date",
                    "status",
                )
            },
        },
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["title"] == "Exported grant" and rows[0]["amount"] == "8000.50"
    assert rows[0]["fund"] == "Town Fund" and rows[0]["recipient_body"] == bodies[0].name


def inline_data(fund: Fund, awards: list[dict]) -> dict:
    data = {
        "name": fund.name,
        "financial_year": fund.financial_year,
        "amount": str(fund.amount),
        "mechanism": fund.mechanism,
        "budget_holder": fund.budget_holder,
        "decided_by": fund.decided_by_id,
        "approved_by": fund.approved_by,
        "approved_on": "2016-07-12",
        "awards-TOTAL_FORMS": len(awards),
        "awards-INITIAL_FORMS": 0,
    }
    for i, award in enumerate(awards):
        for key, value in award.items():
            data[f"awards-{i}-{key}"] = value
    return data


def test_fund_inline_refuses_rows_that_together_overspend_the_fund(officer_client, towns):
    fund, bodies = towns
    rows = [
        {
            "recipient_body": body.pk,
            "title": f"Grant {i}",
            "description": "x",
            "amount": "8000",
            "award_date": "2016-08-01",
            "status": AwardStatus.APPROVED,
        }
        for i, body in enumerate(bodies)
    ]
    url = f"/admin/funding/fund/{fund.pk}/change/"
    response = officer_client.post(url, inline_data(fund, rows))
    assert response.status_code == 200
    # The row that takes the fund past its amount says so, on its amount.
    (awards,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is GrantAward
    ]
    assert [bool(form.errors) for form in awards.forms] == [False, False, False, True]
    assert "more than is left in Town Fund" in awards.forms[3].errors["amount"][0]
    assert "£0 is left" in response.content.decode()
    assert not GrantAward.objects.exists()
    response = officer_client.post(url, inline_data(fund, rows[:3]))
    assert response.status_code == 302
    assert fund.committed() == Decimal("24000")


def test_award_admin_shows_the_flags(officer_client, towns, settings):
    settings.PACE_SUBSIDY_MFA_THRESHOLD = Decimal("10000")
    fund, bodies = towns
    ff.award(fund, to=bodies[0], amount="8000")
    over = ff.award(fund, to=bodies[0], amount="2000.01", title="Over the threshold")
    page = officer_client.get("/admin/funding/grantaward/?subsidy=review").content.decode()
    assert "Over the threshold" in page and "Review: £10,000.01 over three years" in page
    page = officer_client.get(f"/admin/funding/grantaward/{over.pk}/change/").content.decode()
    assert "Flagged for review" in page


def test_import_takes_only_csv_files_of_up_to_2_mb(officer_client, towns):
    def send(name: str, content: bytes):
        return officer_client.post(
            "/admin/funding/grantaward/import/",
            {"format": "0", "resource": "0", "import_file": SimpleUploadedFile(name, content)},
        )

    page = send("awards.exe", f"{HEADER}\n".encode()).content.decode()
    assert "Choose a CSV file" in page
    big = (HEADER + "\n" + "x" * (2 * 1024 * 1024)).encode()
    assert "larger than 2 MB" in send("awards.csv", big).content.decode()
    assert not GrantAward.objects.exists()
    assert "Choose a CSV file" not in send("awards.csv", f"{HEADER}\n".encode()).content.decode()


def test_the_officers_export_writes_formulas_as_text(officer_client, towns):
    fund, bodies = towns
    for title in ("=cmd|' /C calc'!A0", "+SUM(1)", "-2+3", "@SUM(A1)"):
        ff.award(fund, to=bodies[0], amount="100", title=title)
    response = officer_client.post(
        "/admin/funding/grantaward/export/",
        {"format": "0", "resource": "0", "grantawardresource_title": "on"},
    )
    titles = {
        row["title"] for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }
    assert titles == {"'=cmd|' /C calc'!A0", "'+SUM(1)", "'-2+3", "'@SUM(A1)"}
