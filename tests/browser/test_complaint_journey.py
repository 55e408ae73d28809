"""A resident complains in Chromium: from the page that explains the protocols to the
form (sent with mistakes first: the GOV.UK error summary), then the "received" page,
which shows nothing of what was sent; an officer finds the complaint in the admin.
The whistle-blowing form is checked too. Every public page passes axe (WCAG 2.2 A
and AA)."""

from playwright.sync_api import expect

from pace.protocols.models import Complaint, WhistleblowingReport

from .conftest import sign_in

SUMMARY = "The Area Board's meeting room had no hearing loop"
DETAILS = "I could not follow the <b>discussion</b> at the meeting on Tuesday."


def test_a_resident_complains_and_an_officer_sees_it(example, page, shot, axe_check):
    base = example.url
    before = Complaint.objects.count()

    def check(label: str) -> None:
        shot(label)
        axe_check(label)

    page.goto(f"{base}/complaints/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Complaints and whistle-blowing")
    check("protocols-index")
    for example_complaint in Complaint.objects.all():
        expect(page.get_by_text(example_complaint.summary)).to_have_count(0)

    page.get_by_role("link", name="Report a concern in confidence").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a concern in confidence")
    check("whistleblowing-form")
    page.go_back()

    page.get_by_role("link", name="Make a complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a complaint")
    check("complaint-form")

    page.get_by_label("Your e-mail address").fill("not an address")
    page.get_by_role("button", name="Send your complaint").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter a summary in a sentence.")
    expect(summary).to_contain_text("Enter your name.")
    check("complaint-errors")
    summary.get_by_role("link", name="Enter the details.").click()
    expect(page.get_by_label("The details")).to_be_focused()
    assert Complaint.objects.count() == before  # nothing saved

    page.get_by_label("Which part of the partnership is it about? (optional)").select_option(
        label="Crewe and Nantwich Area Board"
    )
    page.get_by_label("In a sentence, what is it about?").fill(SUMMARY)
    page.get_by_label("The details").fill(DETAILS)
    page.get_by_label("Your name").fill("Grace Okafor")
    page.get_by_label("Your e-mail address").fill("grace.okafor@example.org")
    page.get_by_role("button", name="Send your complaint").click()
    expect(page.get_by_role("heading", name="Complaint received")).to_be_visible()
    check("complaint-received")
    complaint = Complaint.objects.get(email="grace.okafor@example.org")
    content = page.content()
    for sent in (SUMMARY, "discussion", "Grace Okafor", "grace.okafor", complaint.reference):
        assert sent not in content
    assert complaint.about_body.name == "Crewe and Nantwich Area Board"

    sign_in(page, base, "officer")
    page.goto(f"{base}/admin/protocols/complaint/")
    expect(page.get_by_text(SUMMARY)).to_be_visible()
    page.get_by_role("link", name=complaint.reference).click()
    expect(page.get_by_text(DETAILS)).to_be_visible()  # escaped, as typed
    shot("complaint-admin")
    # The officers' group alone does not open whistle-blowing reports.
    assert WhistleblowingReport.objects.exists()
    response = page.goto(f"{base}/admin/protocols/whistleblowingreport/")
    assert response.status == 403
