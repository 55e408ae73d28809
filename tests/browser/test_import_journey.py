"""An officer imports grants from a spreadsheet in Chromium: downloads the template,
uploads a file with a recipient PACE does not know, reads the problem on the page,
adds the recipient, checks the same file again without choosing it, and imports."""

from playwright.sync_api import expect

from funding.models import Fund, GrantAward, Mechanism
from partnerships.models import Body, BodyKind

from .test_admin_width import _sign_in_officer

WIDE = {"width": 1280, "height": 900}


def test_an_officer_imports_a_csv_with_an_error_fixes_it_and_imports(example, page, shot):
    page.set_viewport_size(WIDE)
    fund = Fund.objects.exclude(mechanism=Mechanism.COMMISSIONING).first()
    town = Body.objects.filter(kind=BodyKind.TOWN_PARTNERSHIP).first()
    before = GrantAward.objects.count()
    header = "fund,recipient_body,recipient_organisation,title,description,amount,award_date,status"
    csv = "\n".join(
        [
            header,
            f"{fund.name},{town.name},,Summer reading club,Books and volunteers,750,2016-09-01,"
            "proposed",
            f"{fund.name},,Wybunbury Youth Club,Youth club trips,Three trips,1200,01/09/2016,"
            "proposed",
        ]
    )
    _sign_in_officer(page, example.url)
    page.goto(example.url + "/admin/funding/grantaward/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download a template CSV").click()
    template = open(download.value.path()).read()  # noqa: PTH123, SIM115
    assert template.startswith("fund,recipient_body,recipient_organisation,title")

    page.locator("input[name=import_file]").set_input_files(
        files=[{"name": "grants.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_role("button", name="Check the file (nothing is imported yet)").click()
    expect(page.get_by_text("Nothing was imported: 1 row needs fixing")).to_be_visible()
    # The problem is written on the page, not only in a box shown on hover.
    expect(
        page.get_by_text(
            "Row 2, recipient_organisation: There is no organisation named or numbered "
            '"Wybunbury Youth Club".'
        )
    ).to_be_visible()
    shot("import-problem")
    assert GrantAward.objects.count() == before

    # The officer adds the club in another tab, then checks the same file again.
    other = page.context.new_page()
    other.goto(example.url + "/admin/partnerships/organisation/add/")
    other.get_by_label("Name").fill("Wybunbury Youth Club")
    other.get_by_label("Slug").fill("wybunbury-youth-club")
    other.get_by_label("Sector").select_option(label="Voluntary, community and faith sector")
    other.get_by_role("button", name="Save", exact=True).click()
    expect(other.get_by_text("was added successfully")).to_be_visible()
    other.close()

    page.get_by_role("button", name="Check grants.csv again").click()
    page.get_by_role("button", name="Import 2 awards").click()
    expect(page.get_by_text("Import finished")).to_be_visible()
    shot("import-done")
    assert GrantAward.objects.count() == before + 2
    assert GrantAward.objects.get(title="Youth club trips").recipient_organisation.name == (
        "Wybunbury Youth Club"
    )
