"""Issue 16 in Chromium, on the example data: a resident responds to the open
consultation end to end (an error, "save and come back later" with the link read
from the e-mail the worker sent through a real SMTP server, another browser, the
equality questions, check your answers, the reference number), every page
checked with axe at 1280 px and at 320 px; then an officer reads and tags the
responses, writes "you said, we did" from the themes and publishes the outcome."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from pace.notifications.models import Message
from strategy.consultations.models import (
    Consultation,
    EqualityMonitoring,
    Response,
    ResponseStatus,
)
from tests.notifications.conftest import Inbox, part, run_worker, smtp  # noqa: F401  (fixtures)

LOCAL = "crewe-and-nantwich-participatory-budgeting-priorities"
NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}
LINK = re.compile(r"(http://[^\s]+/respond/resume/[\w:.\-]+/)")


def both_widths(page, shot, axe_check, name: str) -> None:
    """axe at 1280 px and at 320 px, nothing wider than the screen at 320 px, and a
    screenshot of each."""
    page.set_viewport_size(WIDE)
    axe_check(name)
    shot(name)
    page.set_viewport_size(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{name} is {width}px wide at 320px"
    axe_check(f"{name} at 320px")
    shot(f"{name}-320")
    page.set_viewport_size(WIDE)


def test_a_resident_responds_end_to_end(example, page, shot, axe_check, smtp, settings):  # noqa: F811 (smtp)
    settings.PACE_SITE_URL = example.url
    consultation = Consultation.objects.get(slug=LOCAL)
    before = Response.objects.filter(consultation=consultation).count()
    monitored = EqualityMonitoring.objects.filter(consultation=consultation).count()

    page.goto(f"{example.url}{consultation.get_absolute_url()}")
    page.get_by_role("button", name="Respond online").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Respond:")
    both_widths(page, shot, axe_check, "respond-start")
    page.get_by_role("button", name="Start now").click()

    # Question 1 is needed: sent empty, the error summary says so and links to it.
    expect(page.get_by_text("Question 1 of 4")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select an answer")
    assert page.title().startswith("Error:")
    both_widths(page, shot, axe_check, "respond-question-error")
    summary.get_by_role("link").first.click()
    page.get_by_label("Loneliness").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Walking groups").check()
    page.get_by_label("Coffee mornings").check()
    both_widths(page, shot, axe_check, "respond-question-checkboxes")
    page.get_by_role("button", name="Continue").click()

    # Question 3: save and come back later, by a link e-mailed.
    both_widths(page, shot, axe_check, "respond-question-scale")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Save your answers and come back later"
    )
    both_widths(page, shot, axe_check, "respond-save")
    page.get_by_label("Your e-mail address").fill("resident@example.org")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    both_widths(page, shot, axe_check, "respond-saved")
    run_worker()
    (message,) = [m for m in smtp.messages if "Your saved response" in m["Subject"]]
    assert message["X-Envelope-To"] == "resident@example.org"
    link = LINK.search(part(message, "text/plain")).group(1)
    assert link.startswith(example.url)

    # Another browser (a phone, say: no session, only the link) carries on.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", name="Carry on with your response")).to_be_visible()
    both_widths(page, shot, axe_check, "respond-resume")
    page.get_by_role("button", name="Carry on with my answers").click()
    expect(page.get_by_text("Question 3 of 4")).to_be_visible()
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    typed = "<b>Safer</b> crossings near the school, please."
    page.get_by_label(re.compile("Is there anything else")).fill(typed)
    both_widths(page, shot, axe_check, "respond-question-text")
    page.get_by_role("button", name="Continue").click()

    # The equality questions: some answered, one "Prefer not to say", the rest skipped.
    expect(page.get_by_role("heading", name="Equality questions")).to_be_visible()
    both_widths(page, shot, axe_check, "respond-equality")
    page.get_by_role("group", name=re.compile("What is your age")).get_by_label("35 to 44").check()
    page.get_by_role("group", name=re.compile("What is your sex")).get_by_label("Female").check()
    page.get_by_role("group", name=re.compile("religion or belief")).get_by_label(
        "Prefer not to say"
    ).check()
    page.get_by_role("button", name="Continue", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    expect(page.get_by_text(typed)).to_be_visible()  # markup shows as typed
    for answer in ("Loneliness", "Walking groups", "35 to 44", "Prefer not to say"):
        expect(page.locator(".govuk-summary-list").get_by_text(answer).first).to_be_visible()
    both_widths(page, shot, axe_check, "respond-check")
    page.get_by_role("button", name="Send your response").click()

    expect(page.get_by_role("heading", name="Response sent")).to_be_visible()
    both_widths(page, shot, axe_check, "respond-sent")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    response = Response.objects.get(reference=reference)
    assert response.consultation == consultation and response.status == ResponseStatus.ACCEPTED
    assert response.answers.get(question__position=4).text == typed
    assert Response.objects.filter(consultation=consultation).count() == before + 1
    assert EqualityMonitoring.objects.filter(consultation=consultation).count() == monitored + 1
    # The saved draft and the message that carried its link are gone; the link says so.
    assert not Message.objects.filter(topic__startswith="consultation-return:").exists()
    page.goto(link)
    expect(page.get_by_text("no longer leads to a saved response")).to_be_visible()
    # The reference and the answer are on no public page.
    page.goto(f"{example.url}{consultation.get_absolute_url()}")
    assert reference not in page.content() and "Safer" not in page.content()


def admin_sign_in(page, base: str) -> None:
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("pace-example-officer")
    page.get_by_role("button", name="Log in").click()


def test_an_officer_tags_responses_and_publishes_you_said_we_did(example, page, shot, axe_check):
    base = example.url
    consultation = Consultation.objects.get(slug=LOCAL)
    today = timezone.localdate()
    # The consultation has closed: its responses are to be taken into account.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - datetime.timedelta(days=40), closes_on=today - datetime.timedelta(days=1)
    )
    admin_sign_in(page, base)
    page.goto(f"{base}/admin/consultations/consultation/{consultation.pk}/change/")
    page.get_by_role("link", name="Read the responses").click()
    expect(page.get_by_role("heading", name=re.compile("Which health need"))).to_be_visible()
    expect(page.locator("svg[aria-hidden=true]").first).to_be_visible()
    shot("officer-responses")
    axe_check("officer responses summary")

    # The response held for moderation is rejected (spam).
    page.get_by_role("link", name=re.compile("held for moderation")).click()
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("reject_responses")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("rejected")
    assert not Response.objects.filter(consultation=consultation, status="held").exists()

    # Read the written answers and tag the ones not tagged yet.
    page.goto(f"{base}/admin/consultations/consultation/{consultation.pk}/responses/")
    page.get_by_role("link", name="Read and tag the answers to question 4").click()
    page.get_by_label("Show", exact=True).select_option("none")
    page.get_by_role("button", name="Show").click()
    shot("officer-tagging")
    axe_check("officer tagging")
    page.get_by_label("Name", exact=True).fill("Time for carers")
    page.get_by_role("button", name="Add the theme").click()
    expect(page.locator(".messagelist")).to_contain_text("Time for carers is added")
    row = page.get_by_role("row", name=re.compile("Carers are lonely too")).first
    row.get_by_label("Time for carers").check()
    page.get_by_role("button", name="Save the themes of these answers").click()
    expect(page.locator(".messagelist")).to_contain_text("Tags saved")

    # "You said, we did" from each theme.
    page.goto(f"{base}/admin/consultations/consultation/{consultation.pk}/responses/themes/")
    shot("officer-themes")
    axe_check("officer themes")
    we_did = {
        "Safe places to be active": "Lighting in two parks is part of the first round.",
        "Support without waiting": "A drop-in peer support group opens in Crewe library.",
        "Time for carers": "Carers' coffee mornings are funded in the first round.",
    }
    for theme, did in we_did.items():
        section = page.locator(".module", has=page.get_by_role("heading", name=theme, exact=True))
        section.get_by_label("We did", exact=True).fill(did)
        section.get_by_role("button", name=f"Write it for {theme}").click()
        expect(page.locator(".messagelist")).to_contain_text(f"written for {theme}")

    # The summary and the decision, then publish the outcome.
    page.goto(f"{base}/admin/consultations/consultation/{consultation.pk}/change/")
    page.get_by_label("Summary of the responses").fill(
        "Residents put loneliness and getting active first, and asked for safe places and "
        "support without waiting."
    )
    page.get_by_label("Decision taken").fill("The first round funds projects on loneliness.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto(f"{base}/admin/consultations/consultation/{consultation.pk}/publish-outcome/")
    page.get_by_label(re.compile("Publish the outcome")).check()
    page.get_by_role("button", name="Publish the outcome").click()
    expect(page.locator(".messagelist")).to_contain_text("The outcome is published.")
    consultation.refresh_from_db()
    assert consultation.outcome_published

    # The public page: counts, and each point with its theme; no answer.
    page.context.clear_cookies()
    page.goto(f"{base}{consultation.get_absolute_url()}")
    table = page.get_by_role("table", name="You said, we did")
    expect(table).to_contain_text("Carers' coffee mornings are funded in the first round.")
    expect(table).to_contain_text("Time for carers (1 response)")
    expect(page.get_by_text(re.compile(r"We received \d+ responses"))).to_be_visible()
    assert "Carers are lonely too." not in page.content()
    assert page.get_by_text("Met", exact=True).count() == 4
    both_widths(page, shot, axe_check, "consultation-you-said-we-did")
