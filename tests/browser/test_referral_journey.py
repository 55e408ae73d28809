"""An Area Board's referral of a local need, in Chromium (cabinet report 5.6.3): a
member of the Crewe and Nantwich Area Board raises it to the Health and Wellbeing
Board (sent with mistakes first: the GOV.UK error summary, nothing saved); a member
of that board signs in and accepts it into the board's plan, with a message in the
thread; a resident then reads the public thread and its answer, and never sees
the example's confidential referral. Every page on the way passes axe (WCAG 2.2 A
and AA)."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from pace.referrals.models import Referral, ReferralStatus
from partnerships.models import Person
from partnerships.services import person_save
from strategy.models import ActionPlan, PlanStatus

from .conftest import sign_in

TITLE = "Safe walking routes to Crewe's primary schools"
CONFIDENTIAL = "A care home in Nantwich at risk of closing"


def _board_login(slug: str, username: str) -> Person:
    """A login for a member of the Health and Wellbeing Board, with the password the
    demonstration logins use."""
    person = Person.objects.get(slug=slug)
    person.user = get_user_model().objects.create_user(
        username=username, password=f"pace-example-{username}"
    )
    person_save(person=person)
    return person


def test_an_area_board_raises_a_need_and_a_thematic_board_accepts_it(
    example, page, shot, axe_check
):
    base = example.url
    health_member = _board_login("janet-whitlow", "health.member")
    plan = ActionPlan.objects.filter(
        body__slug="health-and-wellbeing-board", status=PlanStatus.ADOPTED
    ).latest("starts_on")

    def check(label: str) -> None:
        shot(label)
        axe_check(label)

    # The Area Board's member raises it.
    sign_in(page, base, "board.member")
    page.goto(f"{base}/referrals/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals of local needs")
    expect(page.get_by_role("link", name=CONFIDENTIAL)).to_be_visible()  # their own board's
    check("list-member")
    page.get_by_role("link", name="Raise a referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a referral")
    check("raise-form")
    count = Referral.objects.count()
    page.get_by_label("Link to the evidence (optional)").fill("javascript:alert(1)")
    page.get_by_role("button", name="Raise the referral").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Choose the body the referral is for.")
    expect(summary).to_contain_text("Say what the area needs.")
    check("raise-errors")
    summary.get_by_role("link", name="Enter a title.").click()
    expect(page.get_by_label("Title")).to_be_focused()
    assert Referral.objects.count() == count

    page.get_by_label("Which body is it for?").select_option(label="Health and Wellbeing Board")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("What does the area need?").fill(
        "Crossings and lollipop patrols on the routes to three primary schools."
    )
    page.get_by_label("What is the evidence?").fill(
        "Parents reported 14 near misses this term; <b>most</b> near the station."
    )
    page.get_by_label("Link to the evidence (optional)").fill("https://example.org/near-misses")
    page.get_by_label("Crewe Railside").check()
    page.get_by_label("Public: residents can read it, its thread and the answer").check()
    page.get_by_role("button", name="Raise the referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(
        page.get_by_text("Your referral has gone to Health and Wellbeing Board.")
    ).to_be_visible()
    check("raised")
    referral = Referral.objects.get(title=TITLE)
    assert referral.status == ReferralStatus.OPEN and referral.is_public
    page.context.clear_cookies()

    # A member of the Health and Wellbeing Board accepts it into the board's plan.
    sign_in(page, base, "health.member")
    page.goto(base + referral.get_absolute_url())
    expect(
        page.get_by_role("heading", name="Answer for Health and Wellbeing Board")
    ).to_be_visible()
    check("answer-form")
    page.get_by_label("Accepted into a plan").check()
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the plan of Health and Wellbeing Board that takes the need on."
    )
    check("answer-errors")
    page.get_by_label("Accepted into a plan").check()
    page.get_by_label("If you accept it: the plan that takes it on").select_option(label=plan.title)
    page.get_by_label("Your answer").fill("Taken on: our public health team will walk the routes.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text(f"You have accepted the referral into {plan.title}.")).to_be_visible()
    page.get_by_label("Your message").fill("We will report progress with the plan's.")
    page.get_by_role("button", name="Add the message").click()
    expect(page.get_by_text("Your message has been added to the thread.")).to_be_visible()
    check("accepted")
    referral.refresh_from_db()
    assert (referral.status, referral.plan, referral.answered_by) == (
        ReferralStatus.ACCEPTED,
        plan,
        health_member,
    )
    page.context.clear_cookies()

    # A resident reads it: the need, the answer, the thread; never the confidential one.
    page.goto(f"{base}/referrals/")
    expect(page.get_by_role("link", name=CONFIDENTIAL)).to_have_count(0)
    check("list-public")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("most near the station", exact=False)).to_have_count(0)
    expect(page.get_by_text("<b>most</b> near the station", exact=False)).to_be_visible()
    expect(page.get_by_role("link", name=plan.title)).to_be_visible()
    expect(page.get_by_text("We will report progress with the plan's.")).to_be_visible()
    expect(page.get_by_role("button", name="Send the answer")).to_have_count(0)
    expect(page.get_by_role("button", name="Add the message")).to_have_count(0)
    check("public-thread")
