"""The resident's and the officer's journeys through the site, in Chromium."""

import re

from playwright.sync_api import expect

from pace.reports.models import CabinetReport, ReportStatus
from partnerships.models import Body, Membership


def test_resident_journey(example, page, shot, axe_check):
    """Home, a priority, an action, its body, a meeting, the funding page, a
    consultation and a cabinet report's PDF."""
    page.goto(example.url + "/")
    expect(page.get_by_role("heading", name="Our vision")).to_be_visible()
    shot("home")
    page.get_by_role("link", name=re.compile("Drive out the sources of poor health")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Drive out the sources of poor health"
    )
    shot("priority")
    page.get_by_role("link", name="Run participatory budgeting for public health projects").click()
    expect(page.get_by_role("heading", name="Who is accountable")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("values"))).to_be_visible()
    shot("action")
    page.get_by_role("link", name="Crewe and Nantwich Area Management Group").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Crewe and Nantwich Area Management Group"
    )
    shot("body")
    # Up the chain of accountability to the Area Board, then its assembly's meetings.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Crewe and Nantwich Area Board"
    ).click()
    page.get_by_role("link", name="Crewe and Nantwich Area Assembly").first.click()
    # The meeting itself, not the invitation to ask a question at it.
    page.get_by_role("link", name=re.compile("^(?!Ask).*Summer Assembly")).first.click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    shot("meeting")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Funding").click()
    expect(page.locator("main")).to_contain_text("£72,000")
    shot("funding")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Consultations").click()
    page.get_by_role("link", name=re.compile("Ambition for All")).first.click()
    expect(page.get_by_text("The four principles of fair consultation").first).to_be_visible()
    shot("consultation")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    page.get_by_role("link", name=re.compile("Partnerships Structure and Strategy")).first.click()
    expect(page.get_by_role("heading", name=re.compile("Report Summary"))).to_be_visible()
    shot("report")
    pdf_link = page.get_by_role("link", name=re.compile("PDF")).first
    href = pdf_link.get_attribute("href")
    response = page.request.get(example.url + href if href.startswith("/") else href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def admin_select2(page, field: str, text: str) -> None:
    """Choose ``text`` in the admin's autocomplete widget for ``field``."""
    page.locator(f"#id_{field}").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_officer_journey(example, page, shot):
    """An officer adds a member to an Area Management Group, moves a body in the tree
    and publishes a cabinet report, all in the admin."""
    base = example.url
    draft = CabinetReport.objects.published().first()
    draft.pk = None
    draft.title = "Partnership progress 2026/27"
    draft.status = ReportStatus.DRAFT
    draft.save()

    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("pace-example-officer")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Partnership structure")).to_be_visible()
    shot("admin-home")

    # A new member of the Congleton Area Management Group.
    amg = Body.objects.get(slug="congleton-area-management-group")
    page.goto(base + "/admin/partnerships/membership/add/")
    admin_select2(page, "person", "Alex Marsh")
    admin_select2(page, "body", "Congleton Area Management Group")
    page.locator("#id_starts_on").fill("2026-11-01")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Membership.objects.filter(body=amg, person__slug="alex-marsh").exists()
    shot("member-added")

    # Move Alsager Town Partnership from Crewe and Nantwich to Congleton.
    town = Body.objects.get(slug="alsager-town-partnership")
    page.goto(base + f"/admin/partnerships/body/{town.pk}/change/")
    admin_select2(page, "parent", "Congleton Area Board")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    town.refresh_from_db()
    assert town.parent.slug == "congleton-area-board"
    shot("body-moved")
    page.goto(base + "/partnerships/congleton-area-board/")
    expect(page.get_by_role("link", name="Alsager Town Partnership")).to_be_visible()

    # Publish the draft report; the public list shows it.
    page.goto(base + "/reports/")
    expect(page.get_by_role("link", name="Partnership progress 2026/27", exact=True)).to_have_count(
        0
    )
    page.goto(base + "/admin/reports/cabinetreport/")
    page.get_by_role("row", name=re.compile(r"Partnership progress 2026.27")).get_by_role(
        "checkbox"
    ).check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("ublished")
    shot("report-published")
    draft.refresh_from_db()
    assert draft.status == ReportStatus.PUBLISHED
    page.goto(base + "/reports/")
    expect(
        page.get_by_role("link", name="Partnership progress 2026/27", exact=True)
    ).to_be_visible()
