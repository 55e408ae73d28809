"""A resident asks a question at an Area Assembly in Chromium, at 320 px and
1280 px: from the Area Assembly's page to the meeting, the form (sent with
mistakes first: the GOV.UK error summary), the confirmation; an officer accepts
the question in the admin; it shows on the meeting's agenda, with the name the
resident agreed to show. Every public page on the way passes axe (WCAG 2.2 A and
AA) and fits the screen."""

import pytest
from playwright.sync_api import expect

from partnerships.models import Question, QuestionStatus
from partnerships.question_selectors import meetings_taking_questions

from .conftest import sign_in


def _fits(page, width: int, label: str) -> None:
    """The page's own content fits the screen (the header and footer, shared by
    every page, are checked by test_pages)."""
    # What overflows the content and is not clipped (as a scrolling table is) widens
    # the main element's scroll width.
    right = page.evaluate(
        "(() => { const m = document.querySelector('main');"
        " return m.getBoundingClientRect().left + m.scrollWidth; })()"
    )
    assert right <= width, f"{label}'s content reaches {right}px at {width}px"


@pytest.mark.parametrize("width", [320, 1280])
def test_a_resident_asks_an_officer_accepts_and_it_is_on_the_agenda(
    example, page, shot, axe_check, width
):
    base = example.url
    page.set_viewport_size({"width": width, "height": 900})
    meeting = Question.objects.filter(status="accepted").first().meeting
    assembly = meeting.body
    assert meeting in meetings_taking_questions(assembly, [meeting])

    def check(label: str) -> None:
        shot(f"{label}-{width}")
        axe_check(f"{label} at {width}px")
        _fits(page, width, label)

    page.goto(base + assembly.get_absolute_url())
    # The body page as a whole is checked in test_pages; here, the question links.
    shot(f"assembly-{width}")
    axe_check(f"assembly at {width}px")
    link = page.get_by_role("link", name=f"Ask a question at {meeting.title}").first
    box = link.locator("xpath=ancestor::div[contains(@class, 'govuk-inset-text')]").bounding_box()
    assert box["x"] + box["width"] <= width
    page.get_by_role("link", name=f"Ask a question at {meeting.title}").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a question at this meeting")
    expect(page.get_by_text("5 working days before the meeting")).to_be_visible()
    check("question-form")

    # Sent with mistakes: the error summary, each message linking to its field.
    page.get_by_label("Your e-mail address").fill("not an address")
    page.get_by_role("button", name="Send your question").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter your name.")
    expect(summary).to_contain_text("Enter your question.")
    check("question-errors")
    summary.get_by_role("link", name="Enter your question.").click()
    expect(page.get_by_label("Your question")).to_be_focused()
    assert Question.objects.count() == 2  # the example's two: nothing saved

    page.get_by_label("Your name").fill("Priya Patel")
    page.get_by_label("Your e-mail address").fill("priya.patel@example.org")
    page.get_by_label("Your postcode or ward (optional)").fill("CW2 5AA")
    page.get_by_label("Your question").fill("Will the <b>library</b> open on Sundays?")
    page.get_by_label("Show my name with my question").check()
    page.get_by_role("button", name="Send your question").click()
    expect(page.get_by_role("heading", name="Question sent")).to_be_visible()
    question = Question.objects.get(email="priya.patel@example.org")
    expect(page.get_by_text(question.reference)).to_be_visible()
    check("question-sent")
    assert question.status == QuestionStatus.PENDING

    # Not on the agenda until an officer accepts it.
    page.goto(base + meeting.get_absolute_url())
    expect(page.get_by_text("Will the <b>library</b> open on Sundays?")).to_have_count(0)

    # The officer accepts it in the admin.
    sign_in(page, base, "officer")
    page.goto(f"{base}/admin/partnerships/question/{question.pk}/change/")
    page.get_by_label("Status").select_option("accepted")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    question.refresh_from_db()
    assert question.status == QuestionStatus.ACCEPTED
    page.context.clear_cookies()

    # On the agenda, as typed, with the name the resident agreed to show.
    page.goto(base + meeting.get_absolute_url())
    agenda = page.locator(".pace-resident-questions")
    expect(agenda).to_contain_text("Priya Patel asked:")
    expect(agenda).to_contain_text("Will the <b>library</b> open on Sundays?")
    expect(agenda).to_contain_text("Margaret Hollins asked:")
    expect(page.get_by_text("priya.patel@example.org")).to_have_count(0)
    expect(page.get_by_text("Queens Park", exact=False)).to_have_count(0)
    check("agenda-with-questions")
