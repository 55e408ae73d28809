"""Issue 17's journeys in Chromium, on the example data: a resident finds a decision
and follows it to its meeting, to the report it was taken on and to the forward
plan; a resident follows a member's attendance from a meeting to their page. Every
page visited passes axe-core (WCAG 2.2 A and AA)."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from partnerships.models import Decision, Meeting

REPORT_TITLE = "Ambition for All - Partnerships Structure and Strategy 2016-2020"


def _menu(page, name: str) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=name).click()


def _dmy(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def test_resident_finds_a_decision(example, page, shot, axe_check):
    """Home, the decision log through the service navigation, filtered by body and
    by a period, searched by words; a decision, its meeting; the Cabinet's decision
    of 12 July 2016 and its report's "Decision taken"; the forward plan."""
    today = timezone.localdate()
    decision = (
        Decision.objects.public()
        .filter(meeting__body__slug="leaders-board", title__icontains="participatory budgeting")
        .order_by("-decided_on")
        .first()
    )
    assert decision is not None, "the example's Leaders Board decided on participatory budgeting"

    page.goto(example.url + "/")
    _menu(page, "Decisions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions")
    shot("log")
    axe_check("decision log")

    # The Leaders Board's decisions of the last year.
    page.get_by_label("Decided by").select_option(label="Cheshire East Leaders Board")
    page.get_by_label("From").fill(_dmy(today - datetime.timedelta(days=365)))
    page.get_by_label("To").fill(_dmy(today))
    page.get_by_role("button", name="Show decisions").click()
    assert "body=leaders-board" in page.url
    table = page.get_by_role("table", name="Decisions, the latest first")
    # The latest first: the one chosen above leads (the Board may have decided on the
    # same subject before).
    expect(table.get_by_role("link", name=decision.title, exact=True).first).to_be_visible()
    expect(table).not_to_contain_text("Area Board")
    shot("log-filtered")
    axe_check("decision log filtered by body and period")

    # Words narrow it further.
    page.get_by_label("Search the decisions").fill("participatory budgeting")
    page.get_by_role("button", name="Show decisions").click()
    expect(page.get_by_text(re.compile(r"\d+ decisions? found"))).to_be_visible()
    page.get_by_role("link", name=decision.title, exact=True).first.click()
    expect(page).to_have_url(re.compile(rf"/decisions/{decision.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(decision.title)
    expect(page.locator("main")).to_contain_text("key decision", ignore_case=True)
    expect(page.locator("main")).to_contain_text("Forward plan")
    shot("decision")
    axe_check("a decision")

    # To the meeting that took it.
    page.get_by_role("link", name=decision.meeting.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(decision.meeting.title)
    expect(page.locator("main")).to_contain_text(decision.text[:60])
    shot("decision-meeting")
    axe_check("the decision's meeting")

    # The Cabinet's decision on the seed report, found by its day.
    _menu(page, "Decisions")
    page.get_by_label("From").fill("12/07/2016")
    page.get_by_label("To").fill("12/07/2016")
    page.get_by_role("button", name="Show decisions").click()
    expect(page.get_by_text("1 decision found")).to_be_visible()
    page.get_by_role("link", name=REPORT_TITLE).click()
    expect(page.locator("main")).to_contain_text("Cabinet")
    expect(page.locator("main")).to_contain_text("12 July 2016")
    shot("cabinet-decision")
    axe_check("the Cabinet's decision")
    page.get_by_role("link", name="read it as it was laid").click()
    taken = page.locator(".pace-decision-taken")
    expect(taken.get_by_role("heading", name="Decision taken")).to_be_visible()
    expect(taken).to_contain_text("agrees to the implementation of a revised partnership")
    shot("report-decision-taken")
    axe_check("the report the decision was taken on")

    # The decisions coming: one to be taken in private, and why.
    _menu(page, "Decisions")
    page.get_by_role("link", name=re.compile("forward plan")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forward plan")
    private = page.locator(".govuk-summary-card", has_text="extension of the contract")
    expect(private).to_contain_text("No, in private")
    expect(private).to_contain_text("commercially sensitive")
    expect(page.get_by_role("heading", name="Taken in the last three months")).to_be_visible()
    shot("forward-plan")
    axe_check("forward plan")


def test_resident_follows_a_members_attendance(example, page, shot, axe_check):
    """A body's page with its next meeting, a meeting held with its attendance and
    quorum, a member's page, their attendance over a chosen period and their
    register of interests."""
    page.goto(example.url + "/partnerships/leaders-board/")
    card = page.locator("#next-meeting")
    expect(card.get_by_role("heading", name="Next meeting")).to_be_visible()
    expect(
        card.get_by_role("link", name=re.compile("Add this meeting to your calendar"))
    ).to_have_attribute("href", re.compile(r"^/meetings/\d+\.ics$"))
    shot("body-next-meeting")
    axe_check("body page with its next meeting")

    held = (
        Meeting.objects.filter(body__slug="leaders-board", status="held", minutes_published=True)
        .order_by("-starts_at")
        .first()
    )
    page.get_by_role("table", name="Recent meetings").get_by_role(
        "link", name=held.title, exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(held.title)
    attendance = page.locator("main")
    expect(attendance).to_contain_text(re.compile(r"\d+ of 9 members present"))
    expect(attendance).to_contain_text("The quorum is 5.")
    shot("meeting-attendance")
    axe_check("meeting with its attendance")

    page.get_by_role("table", name="Members expected").get_by_role(
        "link", name="Imran Shah"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Imran Shah")
    register = page.get_by_role("table", name="Registered interests, current ones first")
    expect(register).to_contain_text("Trustee of a town partnership")
    shot("person")
    axe_check("a member's page")

    # Their attendance over the quarter of that meeting only.
    day = timezone.localdate(held.starts_at)
    page.get_by_label("From").fill(_dmy(day - datetime.timedelta(days=30)))
    page.get_by_label("To").fill(_dmy(day + datetime.timedelta(days=30)))
    page.get_by_role("button", name="Show attendance").click()
    assert "since=" in page.url and "until=" in page.url
    rows = page.get_by_role("table", name="Attendance at meetings, the latest first")
    expect(rows.get_by_role("link", name=held.title)).to_be_visible()
    expect(rows.get_by_role("row")).to_have_count(2)  # the header and that meeting
    expect(page.get_by_text(re.compile(r"of the 1 meeting recorded"))).to_be_visible()
    shot("person-period")
    axe_check("a member's attendance over a period")
