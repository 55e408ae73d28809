"""Every public page type and the board members' pages in Chromium: no WCAG 2.2 A or
AA violation (axe-core), nothing wider than a 320 px screen, and a screenshot of
each under test-artifacts/screenshots/."""

import pytest
from django.utils.timezone import localdate

from funding.models import Fund, GrantAward
from pace.reports.models import CabinetReport
from partnerships.models import Attendance, Body, Decision, Meeting
from strategy.consultations.models import Consultation
from strategy.models import Action, ActionPlan, Strategy

from .conftest import SCREENSHOTS, sign_in

NARROW = {"width": 320, "height": 800}


def public_pages() -> dict[str, str]:
    """One address of each public page type, from the example data."""
    report = CabinetReport.objects.published().first()
    responding = Consultation.objects.filter(online_form=True, outcome_published=False).first()
    return (
        {
            "home": "/",
            "structure": "/partnerships/",
            # A body with its next meeting first.
            "body": "/partnerships/crewe-and-nantwich-area-board/",
            # Terms of reference (issue 21): the core terms, and a body's own.
            "terms": "/partnerships/terms/",
            "body-terms": "/partnerships/leaders-board/terms/",
            "meetings": "/meetings/",
            # Filtered by ward (issue 21), and a ward that does not exist.
            "meetings-by-ward": "/meetings/?ward=crewe-railside",
            "meetings-bad-ward": "/meetings/?ward=atlantis",
            "meeting": Meeting.objects.filter(is_public=True, agenda_items__isnull=False)
            .first()
            .get_absolute_url(),
            "declarations": "/meetings/declarations/",
            "meeting-calendar": "/meetings/calendar/?month=2016-09",
            "person": Attendance.objects.first().person.get_absolute_url(),
            "strategy": Strategy.objects.get(slug="ambition-for-all-2010-2025").get_absolute_url(),
            # The strategy in force (the latest adopted), and the record of them all.
            "strategy-current": Strategy.objects.filter(status="adopted")
            .order_by("-starts_on")
            .first()
            .get_absolute_url(),
            "strategies": "/strategies/",
            "priority": Action.objects.public().first().priority.get_absolute_url(),
            "plan": ActionPlan.objects.filter(status="adopted").first().get_absolute_url(),
            "action": Action.objects.public()
            .filter(measures__isnull=False)
            .first()
            .get_absolute_url(),
            "funding": "/funding/",
            # Filtered by area and status (issue 19), and a filter it does not accept.
            "funding-filtered": "/funding/?area=crewe-and-nantwich-area-board&status=approved",
            "funding-bad-filter": "/funding/?area=atlantis&year=2016/17",
            # Partners' commitments and a pooled fund, the wards (issue 21).
            "resources": "/funding/resources/",
            "resources-bad-filter": "/funding/resources/?kind=gold",
            "pooled-fund": Fund.objects.filter(commitments__isnull=False)
            .distinct()
            .first()
            .get_absolute_url(),
            "wards": "/wards/",
            "ward": "/wards/crewe-railside/",
            "funding-by-ward": "/funding/?ward=crewe-railside",
            "structure-on-date": "/partnerships/?on=01/04/2017",
            "structure-bad-date": "/partnerships/?on=31/02/2017",
            "fund": Fund.objects.get(name="Town Partnerships Fund 2016/17").get_absolute_url(),
            "award": GrantAward.objects.public().first().get_absolute_url(),
            "consultations": "/consultations/",
            "consultation": Consultation.objects.published().first().get_absolute_url(),
            "reports": "/reports/",
            "report": report.get_absolute_url(),
            "decisions": "/decisions/",
            "decision": Decision.objects.public()
            .filter(meeting__isnull=False, is_key_decision=True)
            .first()
            .get_absolute_url(),
            "decision-cabinet": Decision.objects.get(decision_maker="Cabinet").get_absolute_url(),
            "forward-plan": "/decisions/forward-plan/",
            "search": "/search/?q=health",
            # Filtered, corrected, and with a filter it does not accept (issue 19).
            "search-filtered": "/search/?q=grants&type=grants&since=01/04/2016",
            "search-misspelt": "/search/?q=helth",
            "search-bad-filter": "/search/?q=health&since=31/02/2016",
            "accessibility": "/accessibility/",
            "contact": "/contact/",
            "sign-in": "/accounts/login/",
            "not-found": "/partnerships/no-such-body/",
            "alerts": "/alerts/",
            "subscribe": "/alerts/subscribe/?topic=body:crewe-and-nantwich-area-board",
            "alerts-privacy": "/alerts/privacy/",
            "bad-alert-link": "/alerts/confirm/not-a-token/",
            # Responding to a consultation online (issue 16), on the open one.
            **{
                f"respond-{name}": f"/consultations/{responding.slug}/respond/{path}"
                for name, path in [
                    ("start", ""),
                    ("question", "questions/1/"),
                    ("question-text", "questions/4/"),
                    ("equality", "equality/"),
                    ("check", "check/"),
                    ("save", "save/"),
                    ("bad-link", "resume/not-a-token/"),
                ]
            },
            "consultations-privacy": "/consultations/privacy/",
        }
        | budgeting_pages()
        | question_pages()
    )


def question_pages() -> dict[str, str]:
    """Residents' questions at Area Assemblies (issue 16): the meeting with the
    example's accepted question on its agenda, its form, the form with its errors
    shown is in the journey (test_question_journey), and a meeting taking none."""
    from partnerships.models import Question

    meeting = Question.objects.filter(status="accepted").first().meeting
    other = Meeting.objects.filter(is_public=True).exclude(body__kind="area_assembly").first()
    return {
        "assembly-meeting-questions": meeting.get_absolute_url(),
        "question-form": f"/meetings/{meeting.pk}/questions/",
        "question-closed": f"/meetings/{other.pk}/questions/",
        "assembly": meeting.body.get_absolute_url(),
    }


def budgeting_pages() -> dict[str, str]:
    """Participatory budgeting's page types: the example has a round in each phase."""
    from django.utils import timezone

    from funding import services
    from funding.models import BudgetingRound, Phase

    today = timezone.localdate()
    rounds = {r.phase(today): r for r in BudgetingRound.objects.order_by("pk")}
    voting, closed = rounds[Phase.VOTING], rounds[Phase.RESULTS]
    token = services.ballot_link_token(
        services.VotingLink(
            voting.pk, services.voter_identity(voting.pk, email="page@example.org"), "SK10"
        )
    )
    return {
        "budgeting": "/funding/budgeting/",
        "budgeting-rule": "/funding/budgeting/rule/",
        "round-ideas": rounds[Phase.PROPOSALS].get_absolute_url(),
        "round-checking": rounds[Phase.CHECKING].get_absolute_url(),
        "round-voting": voting.get_absolute_url(),
        "propose": f"/funding/budgeting/{rounds[Phase.PROPOSALS].pk}/propose/",
        "vote": f"/funding/budgeting/{voting.pk}/vote/",
        "ballot": f"/funding/budgeting/ballot/{token}/",
        "bad-ballot-link": "/funding/budgeting/ballot/not-a-token/",
        "results": f"/funding/budgeting/{closed.pk}/results/",
        "results-waiting": f"/funding/budgeting/{voting.pk}/results/",
        "budgeting-project": closed.projects.first().get_absolute_url(),
    }


def check(page, base, name, path, shot, axe_check):
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(base + path)
    assert response.status < 500, (name, response.status)
    shot(name)
    axe_check(name)
    page.set_viewport_size(NARROW)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= NARROW["width"], f"{name} is {overflow}px wide at 320px"
    shot(f"{name}-320")


def test_public_page_types(example, page, shot, axe_check):
    pages = public_pages()
    for name, path in pages.items():
        check(page, example.url, name, path, shot, axe_check)
    print(f"\n{len(pages)} public page types checked")


def test_board_member_page_types(example, page, shot, axe_check):
    sign_in(page, example.url, "board.member")
    action = Action.objects.get(title="Town centre health walks")
    pages = {
        "dashboard": "/dashboard/",
        "private-action": Action.objects.filter(is_public=False).first().get_absolute_url(),
        "update-form": f"/actions/{action.pk}/update/",
        "member-body": "/partnerships/crewe-and-nantwich-area-management-group/",
        "notification-choices": "/account/notifications/",
        # An officers' page: the 403 page in the site's own words.
        "forbidden": "/dashboard/gaps/",
    }
    for name, path in pages.items():
        check(page, example.url, name, path, shot, axe_check)
    # The resolution form belongs to the parent body's members: the Area Board's.
    from strategy import services

    report = services.progress_update_post(
        action=action, rag="red", narrative="Stuck"
    ).exception_report
    page.context.clear_cookies()
    chair = Body.objects.get(slug="crewe-and-nantwich-area-board").memberships.first().person
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("area.chair", password="pace-example-area.chair")
    chair.user = user
    from partnerships.services import person_save

    person_save(person=chair)
    sign_in(page, example.url, "area.chair")
    check(page, example.url, "resolve-form", f"/exceptions/{report.pk}/resolve/", shot, axe_check)


@pytest.mark.parametrize("width", [320])
def test_pages_work_without_javascript(example, browser, width):
    """A resident with JavaScript off: navigation, search and filters still work."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.goto(example.url + "/")
    page.get_by_role("link", name="Partnerships", exact=True).first.click()
    assert page.url.endswith("/partnerships/")
    # The search box in the header of every page (issue 19).
    header_search = page.get_by_role("search", name="Site")
    header_search.get_by_label("Search the partnership's records").fill("health")
    header_search.get_by_role("button", name="Search").click()
    assert "q=health" in page.url
    assert page.get_by_role("heading", name="results for “health”").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "no-javascript--search-320.png"), full_page=True)
    context.close()


def test_paginated_lists(example, page, shot, axe_check):
    """A priority and a fund with more than a page of rows: their second pages, with
    the caption's count and the pagination, pass axe and fit a 320 px screen."""
    import datetime

    priority = Action.objects.public().first().priority
    plan = ActionPlan.objects.filter(status="adopted").first()
    Action.objects.bulk_create(
        Action(
            plan=plan,
            priority=priority,
            title=f"Extra action {i}",
            measure_of_success="m",
            target="t",
            due_on=datetime.date(2016, 1, 1) + datetime.timedelta(days=i),
        )
        for i in range(60)
    )
    fund = Fund.objects.get(name="Town Partnerships Fund 2016/17")
    town = GrantAward.objects.filter(fund=fund).exclude(recipient_body=None).first()
    GrantAward.objects.bulk_create(
        GrantAward(
            fund=fund,
            recipient_body=town.recipient_body,
            title=f"Extra grant {i}",
            description="d",
            amount=1,
            award_date=datetime.date(2016, 6, 1),
            status="paid",
        )
        for i in range(60)
    )
    for name, path in {
        "priority-page-2": priority.get_absolute_url() + "?page=2",
        "fund-page-2": fund.get_absolute_url() + "?page=2",
    }.items():
        check(page, example.url, name, path, shot, axe_check)
        assert "in all;" in page.content() and "Page 2 of" in page.content()


def test_key_figures_need_no_sideways_scroll_at_320(example, page, shot, axe_check):
    """At 320 px the tables that carry the figures people come for (an action's due
    date, status and rating; a grant's amount; a meeting's date) show each row as a
    card, every figure on screen under its column's name; at 1280 px they are tables.
    Long breadcrumbs collapse to their first and last items."""
    plan = ActionPlan.objects.filter(status="adopted", actions__isnull=False).first()
    fund = Fund.objects.filter(awards__isnull=False).first()
    cells = {
        plan.get_absolute_url(): ["Due", "Status", "Latest rating"],
        fund.get_absolute_url(): ["Awarded on", "Status", "Amount"],
        "/meetings/": ["Date"],
        "/decisions/": ["Date", "Decided by"],
    }
    for path, labels in cells.items():
        page.set_viewport_size(NARROW)
        page.goto(example.url + path)
        table = page.locator("table.pace-table--stack").first
        for label in labels:
            cell = table.locator(f'[data-label="{label}"]').first
            box = cell.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"], (
                path,
                label,
                box,
            )
            # The column's name is read out before the figure, as a label.
            before = cell.evaluate("c => getComputedStyle(c, '::before').content")
            assert before == f'"{label}: "', (path, label, before)
        axe_check(f"stacked {path}")
        page.set_viewport_size({"width": 1280, "height": 900})
        assert table.locator("thead").is_visible()
        assert table.locator("td").first.evaluate("c => getComputedStyle(c).display") == (
            "table-cell"
        )

    # Every other table of people, declarations, participatory budgeting, a
    # strategy's plan and risks and a report's appendices: stacked too, so none
    # scrolls sideways at 320 px.
    from funding.models import BudgetingRound, Phase

    member = Attendance.objects.first().person
    results = next(
        r for r in BudgetingRound.objects.order_by("pk") if r.phase(localdate()) == Phase.RESULTS
    )
    report = CabinetReport.objects.published().first()
    strategy = Strategy.objects.filter(milestones__isnull=False, risks__isnull=False).first()
    stacked = {
        "/partnerships/crewe-and-nantwich-area-board/": ["Role", "Representing", "Since"],
        member.get_absolute_url(): ["Role", "Representing", "From"],
        Meeting.objects.filter(is_public=True, declarations__isnull=False)
        .first()
        .get_absolute_url(): ["Who", "Interest", "Agenda item"],
        "/meetings/declarations/": ["Meeting", "Who", "Interest", "Details"],
        "/funding/budgeting/": ["Area Board", "Money", "Where it is"],
        results.get_absolute_url() + "results/": ["Votes", "Cost", "Money left before it"],
        strategy.get_absolute_url(): ["Due", "Likelihood", "Next review"],
        report.get_absolute_url(): ["Amount", "Due"],
    }
    for path, labels in stacked.items():
        page.set_viewport_size(NARROW)
        page.goto(example.url + path)
        for label in labels:
            cells = page.locator(f'table.pace-table--stack [data-label="{label}"]')
            assert cells.count(), (path, label)
            cell = cells.first
            box = cell.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= NARROW["width"], (
                path,
                label,
                box,
            )
            before = cell.evaluate("c => getComputedStyle(c, '::before').content")
            assert before == f'"{label}: "', (path, label, before)
        # No table of records, nor the box around it, is wider than the screen (a
        # chart's table of figures is the chart's own affair).
        wide = page.evaluate(
            "[...document.querySelectorAll('main table, main .pace-table-scroll')]"
            ".filter(t => !t.closest('[data-chart-figure], [data-chart-table]')"
            " && !t.querySelector('[data-chart-table]'))"
            ".filter(t => t.scrollWidth > t.clientWidth + 1"
            " || t.getBoundingClientRect().right > 321)"
            ".map(t => (t.querySelector('caption') || t).textContent.trim().slice(0, 60))"
        )
        assert wide == [], (path, wide)
        axe_check(f"stacked {path}")

    # A town partnership's page: four crumbs above it, two shown at 320 px.
    page.set_viewport_size(NARROW)
    page.goto(example.url + "/partnerships/crewe-and-nantwich-area-management-group/")
    crumbs = page.locator(".govuk-breadcrumbs__list-item")
    shown = [c for c in crumbs.all() if c.is_visible()]
    assert crumbs.count() >= 3 and len(shown) < crumbs.count()
    shot("collapsed-breadcrumbs-320")
