"""An exception report escalating to the Leaders Board (issue 21): a member of an
Area Management Group posts a red update, which raises an exception report to the
Area Board; left unresolved for the period the Area Board's terms set, the daily
escalation takes it to the Leaders Board, whose member finds it on their dashboard
with the way it came, and answers it."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.utils.timezone import localdate as today
from playwright.sync_api import expect

from partnerships import routing
from partnerships.models import BodyKind, Membership
from partnerships.services import person_save
from strategy.models import ExceptionReport, ExceptionStatus
from strategy.notices import exception_reports_escalate

from .conftest import sign_in

ACTION = "Town centre health walks"
PASSWORD = "pace-example-leaders.member"


def _leaders_login() -> str:
    """A login for a current member of the Leaders Board, as the demo logins are made."""
    membership = (
        Membership.objects.current(today())
        .filter(body__kind=BodyKind.LEADERS_BOARD, person__user__isnull=True)
        .select_related("person", "body")
        .order_by("pk")
        .first()
    )
    user = get_user_model().objects.create_user(username="leaders.member", password=PASSWORD)
    person = membership.person
    person.user = user
    person_save(person=person)
    return membership.body.name


def test_an_unresolved_exception_report_reaches_the_leaders_board(example, page, shot, axe_check):
    base = example.url
    sign_in(page, base, "board.member")
    page.goto(f"{base}/dashboard/")
    page.get_by_role("link", name=ACTION).first.click()
    expect(page.get_by_role("heading", name=ACTION)).to_be_visible()
    page.get_by_role("link", name="Post a progress update").click()
    page.get_by_label("Red: off track").check()
    page.get_by_label("What has been done, and what happens next?").fill(
        "No volunteer walk leaders recruited; the group cannot solve this alone."
    )
    page.get_by_role("button", name="Post update").click()
    expect(
        page.get_by_text(
            re.compile("An exception report has gone to Crewe and Nantwich Area Board")
        )
    ).to_be_visible()
    report = ExceptionReport.objects.select_related("addressed_to").get(
        action__title=ACTION, status=ExceptionStatus.OPEN
    )
    board = report.addressed_to
    raised = f"Raised to {board.name} on {report.opened_on:%-d %B %Y}"
    expect(page.get_by_text(raised)).to_be_visible()
    shot("raised")
    axe_check("action page with its exception report")

    # Time passes: the daily escalation runs on the day the Area Board's wait is over.
    waited = routing.escalate_after_days(board)
    on = report.opened_on + datetime.timedelta(days=waited)
    exception_reports_escalate(on - datetime.timedelta(days=1))
    report.refresh_from_db()
    assert report.addressed_to_id == board.pk, "escalated before the wait was over"
    exception_reports_escalate(on)
    exception_reports_escalate(on)  # run twice that day: one step
    report.refresh_from_db()
    assert report.addressed_to.kind == BodyKind.LEADERS_BOARD
    assert report.steps.filter(kind="escalated").count() == 1

    leaders = _leaders_login()
    escalated = f"Escalated to {leaders} on {on:%-d %B %Y} (unresolved after {waited} days)"
    page.context.clear_cookies()
    sign_in(page, base, "leaders.member")
    expect(page).to_have_url(f"{base}/dashboard/")
    item = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=ACTION))
    expect(item.first).to_contain_text(raised)
    expect(item.first).to_contain_text(escalated)
    expect(item.first).to_contain_text("To answer")
    steps = item.first.locator("ol li")
    expect(steps.first).to_have_text(raised)
    expect(steps.last).to_have_text(escalated)
    shot("leaders-dashboard")
    axe_check("Leaders Board member's dashboard")

    page.get_by_role("link", name=f"Answer the exception report on {ACTION}").click()
    expect(page.get_by_role("heading", name=f"Resolve: {ACTION}")).to_be_visible()
    expect(page.get_by_text(escalated)).to_be_visible()
    shot("answer")
    axe_check("exception report page")
    page.get_by_label(re.compile("resolved", re.IGNORECASE)).fill(
        "The Leaders Board asked the VCF sector's volunteer centre to recruit walk leaders."
    )
    page.get_by_role("button", name="Resolve").click()
    expect(
        page.get_by_text(f"The exception report on “{ACTION}” has been resolved.")
    ).to_be_visible()
    report.refresh_from_db()
    assert report.status == ExceptionStatus.RESOLVED
