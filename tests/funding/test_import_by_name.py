"""The grant awards import as officers use it: recipients by the name PACE shows or a
charity number, a template to fill in, every problem written out by row, and the
same file checked again after the fix is made in PACE, without choosing it again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from funding.models import GrantAward
from partnerships.models import Organisation

from .test_admin import HEADER, officer_client, towns, upload  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_template_has_the_columns_the_import_reads(officer_client):  # noqa: F811
    response = officer_client.get("/admin/funding/grantaward/import-template.csv")
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    columns = response.content.decode().strip().split(",")
    assert columns[:4] == ["fund", "recipient_body", "recipient_organisation", "title"]
    assert "id" not in columns
    page = officer_client.get("/admin/funding/grantaward/import/").text
    assert "Download a template CSV" in page
    assert 'value="Check the file (nothing is imported yet)"' in page


def test_the_template_is_for_officers_only(client):
    response = client.get("/admin/funding/grantaward/import-template.csv")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_recipients_by_name_or_charity_number(officer_client, towns):  # noqa: F811
    fund, bodies = towns
    Organisation.objects.create(name="Helping Hands", slug="helping-hands")
    Organisation.objects.create(
        name="Crewe Lions", slug="crewe-lions", registration_number="1123456"
    )
    rows = [
        f"Town Fund,{bodies[0].name},,Grant A,For A,100,2016-08-01,approved",
        "Town Fund,,helping hands,Grant B,For B,100,2016-08-01,approved",
        "Town Fund,,1123456,Grant C,For C,100,2016-08-01,approved",
    ]
    response = upload(officer_client, "\n".join([HEADER, *rows]) + "\n")
    assert not response.context["result"].has_validation_errors()
    assert 'value="Import 3 awards"' in response.text


def test_a_name_two_organisations_share_is_refused_with_what_to_give_instead(
    officer_client,  # noqa: F811
    towns,  # noqa: F811
):
    Organisation.objects.create(name="Friends of the Park", slug="friends-of-the-park")
    Organisation.objects.create(name="FRIENDS OF THE PARK", slug="friends-of-the-park-2")
    row = "Town Fund,,Friends of the Park,Grant,For,100,2016-08-01,approved"
    response = upload(officer_client, f"{HEADER}\n{row}\n")
    assert (
        "Row 1, recipient_organisation: More than one organisation named or numbered "
        "&quot;Friends of the Park&quot;: give its charity or company number"
    ) in response.text


def test_every_problem_is_written_out_and_the_same_file_is_checked_again(
    officer_client,  # noqa: F811
    towns,  # noqa: F811
):
    fund, bodies = towns
    rows = [
        f"Town Fund,{bodies[0].slug},,Grant A,For A,100,2016-08-01,approved",
        "Town Fund,,Wybunbury Youth Club,Grant B,For B,100,2016-08-01,approved",
    ]
    response = upload(officer_client, "\n".join([HEADER, *rows]) + "\n")
    # The problem as text on the page, by row, not only in a box shown on hover.
    problem = (
        "<li>Row 2, recipient_organisation: There is no organisation named or numbered "
        "&quot;Wybunbury Youth Club&quot;.</li>"
    )
    assert problem in response.text
    assert "Nothing was imported: 1 row needs fixing" in response.text
    kept = response.context["form"].cleaned_data["import_file"].tmp_storage_name
    assert 'value="Check awards.csv again"' in response.text

    # The officer adds the club to PACE, then checks the same file again.
    Organisation.objects.create(name="Wybunbury Youth Club", slug="wybunbury-youth-club")
    again = officer_client.post(
        "/admin/funding/grantaward/import/",
        {"format": "0", "resource": "0", "kept_file": kept, "kept_name": "awards.csv"},
    )
    assert again.status_code == 200
    assert not again.context["result"].has_validation_errors()
    confirm = again.context["confirm_form"]
    done = officer_client.post(
        "/admin/funding/grantaward/process_import/",
        {name: confirm.initial.get(name, "") for name in confirm.fields},
    )
    assert done.status_code == 302
    assert GrantAward.objects.count() == 2

    # The kept copy was used up: sending its name again asks for the file.
    gone = officer_client.post(
        "/admin/funding/grantaward/import/",
        {"format": "0", "resource": "0", "kept_file": kept, "kept_name": "awards.csv"},
        follow=True,
    )
    assert "The file checked last is no longer kept: choose it again." in gone.text


@pytest.mark.parametrize("kept", ["../../etc/passwd", "x" * 32, ""])
def test_a_kept_file_name_that_is_not_one_gives_no_file(officer_client, towns, kept):  # noqa: F811
    response = officer_client.post(
        "/admin/funding/grantaward/import/",
        {"format": "0", "resource": "0", "kept_file": kept, "kept_name": "awards.csv"},
        follow=True,
    )
    assert response.status_code == 200
    assert not GrantAward.objects.exists()
    if kept:
        assert "no longer kept" in response.text
    else:
        assert "This field is required" in response.text


def test_an_upload_still_wins_over_a_kept_name(officer_client, towns):  # noqa: F811
    fund, bodies = towns
    row = f"Town Fund,{bodies[0].slug},,Grant A,For A,100,2016-08-01,approved"
    response = officer_client.post(
        "/admin/funding/grantaward/import/",
        {
            "format": "0",
            "resource": "0",
            "kept_file": "0" * 32,
            "import_file": SimpleUploadedFile("new.csv", f"{HEADER}\n{row}\n".encode()),
        },
    )
    assert not response.context["result"].has_validation_errors()
