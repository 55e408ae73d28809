"""A board member's home (issue 19): they sign in and land on their task list, work
through it, post an update that completes an action and moves its measure's chart,
and lose nothing when their session times out or a form is refused for its CSRF
token. axe finds nothing at 320 and 1280 px on each new page and state."""

import re
import time

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from pace.core import sessions
from strategy.models import Action, ActionStatus

from .conftest import sign_in

NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}


def both_widths(page, shot, axe_check, name):
    """axe at 1280 and 320 px, no sideways scroll at 320, a screenshot of each."""
    page.set_viewport_size(WIDE)
    shot(name)
    axe_check(name)
    page.set_viewport_size(NARROW)
    # The page's own content, and the timeout dialog, fit without a sideways scroll
    # (the header is the search's, issue 19 part 1, and checked with it).
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('main *, dialog *')).filter((e) => "
        "e.getClientRects().length && e.getBoundingClientRect().right > 321)"
        ".slice(-3).map((e) => e.outerHTML.slice(0, 160))"
    )
    assert not wide, (name, wide)
    shot(f"{name}-320")
    axe_check(f"{name} at 320px")
    page.set_viewport_size(WIDE)


def session_deadline_in(page, seconds: float) -> None:
    """Set the server's idle deadline of the browser's session ``seconds`` from now
    (in the past, for the server's side of a timeout)."""
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    assert Session.objects.filter(session_key=key).exists()
    store = SessionStore(session_key=key)
    store[sessions.DEADLINE_KEY] = time.time() + seconds
    store.save()


def test_board_member_works_through_the_task_list(example, page, shot, axe_check):
    base = example.url
    page.clock.install()
    sign_in(page, base, "board.member")

    # Signing in lands on the task list, and says so.
    expect(page).to_have_url(f"{base}/dashboard/")
    expect(page.get_by_text("You are signed in as Nadia Evans.")).to_be_visible()
    expect(page.get_by_role("heading", name="What needs doing")).to_be_visible()
    updates = page.get_by_role("list", name="Progress updates due")
    expect(updates).to_contain_text("Town centre health walks")
    expect(updates).to_contain_text("Overdue")
    expect(page.get_by_role("heading", name="Meetings coming up")).to_be_visible()
    expect(page.get_by_role("heading", name="Consultations your bodies run")).to_be_visible()
    both_widths(page, shot, axe_check, "task-list")

    # An overdue update, posted from the list: the action is no longer "Not started".
    page.get_by_role("link", name="Post an update on Town centre health walks").click()
    expect(page.get_by_role("heading", name="Post a progress update")).to_be_visible()
    page.get_by_label("Green: on track").check()
    page.get_by_label("What has been done, and what happens next?").fill(
        "Three volunteer walk leaders trained; first walks start next month."
    )
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("The action is now in progress.")).to_be_visible()
    walks = Action.objects.get(title="Town centre health walks")
    assert walks.status == ActionStatus.IN_PROGRESS
    page.goto(f"{base}/dashboard/")
    expect(page.get_by_role("heading", name="What needs doing")).to_be_visible()
    expect(
        page.get_by_role("link", name="Post an update on Town centre health walks")
    ).to_have_count(0)

    # Completing an action with its final measured value moves its chart.
    budgeting = Action.objects.get(title__startswith="Run participatory budgeting")
    page.goto(f"{base}{budgeting.get_absolute_url()}")
    page.get_by_role("link", name="Post a progress update").click()
    expect(page.get_by_label("Complete: the action is done")).to_be_visible()
    both_widths(page, shot, axe_check, "update-form-with-status")
    page.get_by_label("Green: on track").check()
    page.get_by_label("Complete: the action is done").check()
    page.get_by_label(re.compile("Latest value of “Community projects funded”")).fill("12")
    page.get_by_label("What has been done, and what happens next?").fill(
        "Twelve community projects funded after the residents' vote."
    )
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("The action is now complete.")).to_be_visible()
    expect(page.get_by_text("12 is on the chart of “Community projects funded”.")).to_be_visible()
    # The value is the chart's latest point, and in its table twin.
    expect(page.locator('svg[data-chart] [data-value="12.00"]').first).to_be_attached()
    budgeting.refresh_from_db()
    assert budgeting.status == ActionStatus.COMPLETE
    assert budgeting.measures.get().values.order_by("measured_on").last().value == 12
    both_widths(page, shot, axe_check, "action-completed")

    # The session times out while an update is being written: a warning first,
    # "Stay signed in" keeps the session, and after a real timeout the member signs
    # in again and finds their text in the form.
    review = Action.objects.get(title="Review of anti-social behaviour hot spots")
    form_url = f"/actions/{review.pk}/update/"
    # The page's clock is the test's to move; the server's deadline starts afresh,
    # however long the steps above took.
    session_deadline_in(page, 30 * 60)
    page.goto(f"{base}{form_url}")
    typed = "Hot spot map shared with the police; housing data arrives in March."
    page.get_by_label("What has been done, and what happens next?").fill(typed)
    page.get_by_label("Amber: at risk").check()
    page.clock.fast_forward("26:00")
    dialog = page.get_by_role("dialog", name="You are about to be signed out")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("we will sign you out in")
    both_widths(page, shot, axe_check, "timeout-warning")
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()

    session_deadline_in(page, -1)
    page.clock.fast_forward("31:00")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(
        page.get_by_text("You were signed out because you had not used the site")
    ).to_be_visible()
    both_widths(page, shot, axe_check, "signed-out-after-timeout")
    page.get_by_label("Username").fill("board.member")
    page.get_by_label("Password").fill("pace-example-board.member")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}{form_url}")
    expect(page.get_by_text("We kept what you typed before.")).to_be_visible()
    expect(page.get_by_label("What has been done, and what happens next?")).to_have_value(typed)
    expect(page.get_by_label("Amber: at risk")).to_be_checked()
    both_widths(page, shot, axe_check, "form-kept-after-timeout")
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("Your progress update has been posted.")).to_be_visible()
    assert review.updates.filter(narrative=typed).exists()

    # A form refused for its CSRF token (the cookie is gone): the site's own page,
    # and the text is back in the form.
    page.goto(f"{base}{form_url}")
    again = "A second note, written before the cookie was lost."
    page.get_by_label("What has been done, and what happens next?").fill(again)
    page.get_by_label("Green: on track").check()
    page.context.clear_cookies(name="csrftoken")
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_role("heading", name="Your form could not be sent")).to_be_visible()
    both_widths(page, shot, axe_check, "csrf-failure")
    page.get_by_role("link", name="Go back to the form").click()
    expect(page.get_by_label("What has been done, and what happens next?")).to_have_value(again)
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("Your progress update has been posted.")).to_be_visible()
    assert review.updates.filter(narrative=again).exists()

    # Signing out says so, and forgets anything kept in the tab.
    page.goto(f"{base}{form_url}")
    page.get_by_label("What has been done, and what happens next?").fill("Not for anyone else")
    page.get_by_role("button", name="Sign out").first.click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    kept = page.evaluate(
        "Object.keys(sessionStorage).filter((k) => k.startsWith('pace-keep:')).length"
    )
    assert kept == 0
    both_widths(page, shot, axe_check, "signed-out")
