"""A resident's participatory budgeting journey in Chromium, at 320 px and 1280 px:
they send an idea, ask to vote, follow the link e-mailed to them, vote within the
round's money (after the page refuses a ballot over it), and see the results. Every
page on the way passes axe (WCAG 2.2 A and AA) and fits the screen."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from funding import services
from funding.models import BudgetingProject, BudgetingRound, Phase, ProjectStatus
from pace.notifications.models import Message


def _fits(page, width: int, label: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"{label} is {overflow}px wide at {width}px"


@pytest.mark.parametrize("width", [320, 1280])
def test_a_resident_proposes_verifies_votes_and_sees_the_results(
    example, page, shot, axe_check, width
):
    base = example.url
    page.set_viewport_size({"width": width, "height": 900})
    today = timezone.localdate()
    rounds = {r.phase(today): r for r in BudgetingRound.objects.all()}
    taking_ideas, voting = rounds[Phase.PROPOSALS], rounds[Phase.VOTING]

    def check(label: str) -> None:
        shot(f"{label}-{width}")
        axe_check(f"{label} at {width}px")
        _fits(page, width, label)

    # From the funding page to the round taking ideas.
    page.goto(base + "/funding/")
    page.get_by_role("link", name="Participatory budgeting", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Participatory budgeting")
    check("budgeting")
    page.get_by_role("link", name=taking_ideas.name).click()
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    check("round-taking-ideas")

    # An idea: sent empty first, the GOV.UK error summary; then as it should be.
    page.get_by_role("link", name="Send an idea").click()
    page.get_by_role("button", name="Send the idea").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter a name for your idea")
    check("idea-errors")
    summary.get_by_role("link", name="Enter your postcode.").click()
    expect(page.get_by_label("Your postcode")).to_be_focused()
    page.get_by_label("Name of your idea").fill("Lunch club <b>bus</b>")
    page.get_by_label("What would it do, and for whom?").fill(
        "A minibus to the lunch clubs in Crewe for people who no longer drive."
    )
    page.get_by_label("What would it cost?").fill("4200")
    page.get_by_label("Your e-mail address").fill("resident.two@example.org")
    page.get_by_label("Your postcode").fill("cw2 5aa")
    page.get_by_role("button", name="Send the idea").click()
    expect(page.get_by_role("heading", name="Idea sent")).to_be_visible()
    check("idea-sent")
    idea = BudgetingProject.objects.get(title="Lunch club <b>bus</b>")
    assert idea.status == ProjectStatus.SUBMITTED and idea.proposer_district == "CW2"

    # Voting: ask for the link, with a postcode in the area.
    page.goto(base + voting.get_absolute_url())
    check("round-voting")
    page.get_by_role("link", name="Vote", exact=True).click()
    page.get_by_label("Your e-mail address").fill("resident.two@example.org")
    page.get_by_label("Your postcode").fill("SK10 1AB")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    check("check-email")

    # The link from the e-mail in the outbox (the worker would send it).
    message = Message.objects.filter(to="resident.two@example.org").latest("pk")
    link = re.search(r"/funding/budgeting/ballot/[^/\s]+/", message.text).group(0)
    page.goto(base + link)
    expect(page.get_by_role("heading", name="Your ballot")).to_be_visible()
    check("ballot")

    # Over the round's money: refused, with the error summary; then within it.
    ballot = page.get_by_role("group", name=re.compile("Choose the projects"))
    for project in voting.projects.on_ballot():
        ballot.get_by_label(re.compile(re.escape(project.title))).check()
    expect(page.locator("#ballot-total")).to_contain_text("more than the £100,000")
    page.get_by_role("button", name="Send my vote").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("more than the £100,000")
    check("ballot-errors")
    ballot = page.get_by_role("group", name=re.compile("Choose the projects"))
    dearest = voting.projects.on_ballot().order_by("-cost").first()
    ballot.get_by_label(re.compile(re.escape(dearest.title))).uncheck()
    expect(page.locator("#ballot-total")).to_contain_text("left")
    page.get_by_role("button", name="Send my vote").click()
    expect(page.get_by_role("heading", name="Your vote is in")).to_be_visible()
    check("voted")

    # The same link again: the first vote stands, and the page says so.
    page.goto(base + link)
    expect(page.get_by_role("heading", name="You have already voted")).to_be_visible()

    # Voting closes (an officer closes it a day early); the results, by the rule.
    before = {row.project.pk: row.votes for row in _results(voting)}
    voting.refresh_from_db()
    voting.voting_closes_on = today - datetime.timedelta(days=1)
    services.round_save(budgeting_round=voting)
    page.goto(base + voting.get_absolute_url())
    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    table = page.get_by_role("table", name=re.compile("Projects in the rule's order"))
    expect(table).to_be_visible()
    for project in voting.projects.on_ballot():
        row = table.get_by_role("row", name=re.compile(re.escape(project.title)))
        expect(row).to_contain_text(str(before[project.pk]))
    check("results")
    assert (
        page.get_by_role("link", name="CSV", exact=True)
        .get_attribute("href")
        .endswith("ballots.csv")
    )


def _results(budgeting_round):
    from funding import selectors

    return selectors.round_results(budgeting_round).rows
