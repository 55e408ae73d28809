# Over 400 lines, as one piece: every strategy page, for each kind of visitor.
"""Board members' pages and the public pages of the strategy."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localdate as today

from partnerships.models import Body, BodyKind
from strategy.models import Action, ExceptionReport, PlanStatus, ProgressUpdate, Rag

from ..partnerships import factories as pf
from ..pins import BODY_PAGE, HOME_PAGE, PRIORITY_PAGE, REFERRALS_PANEL, SIGNED_IN
from . import factories as sf

pytestmark = pytest.mark.django_db
SECRET = "Quietly restructure the Zeta contract"


@pytest.fixture
def world():
    bodies = pf.area()
    strat = sf.strategy()
    member = pf.person("Mo Member", with_login=True)
    pf.member(bodies["amg"], member)
    parent_member = pf.person("Pat Parent", with_login=True)
    pf.member(bodies["area_board"], parent_member)
    plan = sf.plan(bodies["amg"], strat)
    public = sf.action(plan, member, title="Health walks in every town")
    private = sf.action(plan, member, title=SECRET, is_public=False)
    draft = sf.plan(bodies["amg"], strat, status=PlanStatus.DRAFT)
    drafted = sf.action(draft, member, title="Drafted idea Omega")
    other = pf.body(BodyKind.THEMATIC_BOARD, bodies["leaders"])
    other_member = pf.person("Olu Other", with_login=True)
    pf.member(other, other_member)
    other_action = sf.action(sf.plan(other, strat), other_member, title="Other board's action")
    return locals()


def update_data(**overrides):
    data = {
        "reported_on": today().strftime("%d/%m/%Y"),
        "rag": "red",
        "narrative": "Venue fell through",
        "measured_value": "",
        "submission_key": "k1",
    }
    return data | overrides


def test_board_member_posts_red_update_and_parent_gets_exception(client, world):
    client.force_login(world["member"].user)
    url = f"/actions/{world['public'].pk}/update/"
    assert client.get(url).status_code == 200
    response = client.post(url, update_data())
    assert response.status_code == 302
    report = ExceptionReport.objects.get()
    assert report.addressed_to == world["bodies"]["area_board"]
    # Posting the same form again records nothing more.
    client.post(url, update_data())
    assert ProgressUpdate.objects.count() == 1
    # The parent body's page and its members' dashboard show it until resolved.
    board_page = client.get(world["bodies"]["area_board"].get_absolute_url()).content.decode()
    assert "Health walks in every town" in board_page and "Exception reports received" in board_page
    client.force_login(world["parent_member"].user)
    dashboard = client.get("/dashboard/").content.decode()
    assert (
        "Health walks in every town" in dashboard
        and f"/exceptions/{report.pk}/resolve/" in dashboard
    )
    response = client.post(
        f"/exceptions/{report.pk}/resolve/", {"resolution": "Moved to the library"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "resolved" and report.resolved_by == world["parent_member"].user
    assert f"/exceptions/{report.pk}/resolve/" not in client.get("/dashboard/").content.decode()


def test_members_cannot_post_on_another_bodys_action(client, world):
    client.force_login(world["member"].user)
    assert (
        client.post(f"/actions/{world['other_action'].pk}/update/", update_data()).status_code
        == 403
    )
    # Members of the body above review but do not post.
    client.force_login(world["parent_member"].user)
    assert client.get(f"/actions/{world['public'].pk}/").status_code == 200
    assert client.post(f"/actions/{world['public'].pk}/update/", update_data()).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_only_the_addressed_body_resolves_an_exception(client, world):
    from strategy import services

    services.progress_update_post(action=world["public"], rag=Rag.RED, narrative="n")
    report = ExceptionReport.objects.get()
    client.force_login(world["member"].user)  # the AMG raised it; the Area Board resolves it
    assert client.post(f"/exceptions/{report.pk}/resolve/", {"resolution": "x"}).status_code == 403
    client.force_login(world["parent_member"].user)
    response = client.post(f"/exceptions/{report.pk}/resolve/", {"resolution": "   "})
    assert (
        response.status_code == 200
        and "Say how the exception has been resolved" in response.content.decode()
    )
    report.refresh_from_db()
    assert report.status == "open"


def test_anonymous_posting_is_sent_to_sign_in(client, world):
    response = client.post(f"/actions/{world['public'].pk}/update/", update_data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    "overrides,field_message",
    [
        ({"rag": "purple"}, "Select red, amber or green"),
        ({"rag": ""}, "Select how the action is going"),
        ({"reported_on": "31/02/2026"}, "Enter a real date"),
        (
            {"reported_on": (today() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")},
            "cannot be in the future",
        ),
        ({"reported_on": "01/01/2000"}, "on or after the plan starts"),
        ({"measured_value": "-4"}, "cannot be negative"),
        ({"measured_value": "lots"}, "Enter the measured value as a number"),
        ({"narrative": ""}, "Say what has been done"),
    ],
)
def test_bad_update_input_gets_a_message_and_saves_nothing(client, world, overrides, field_message):
    client.force_login(world["member"].user)
    response = client.post(f"/actions/{world['public'].pk}/update/", update_data(**overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and field_message in page
    assert not ProgressUpdate.objects.exists() and not ExceptionReport.objects.exists()


def test_anonymous_never_sees_private_or_draft_actions(client, world):
    bodies = world["bodies"]
    strat = world["strat"]
    priority = strat.priorities.first()
    pages = [
        "/",
        strat.get_absolute_url(),
        priority.get_absolute_url(),
        world["plan"].get_absolute_url(),
        bodies["amg"].get_absolute_url(),
        bodies["area_board"].get_absolute_url(),
        world["public"].get_absolute_url(),
    ]
    from strategy.models import StrategyStatus

    assert strat.status == StrategyStatus.ADOPTED
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert SECRET not in page and "Drafted idea Omega" not in page, url
    assert "Health walks in every town" in client.get(priority.get_absolute_url()).content.decode()
    for url in (
        world["private"].get_absolute_url(),
        world["drafted"].get_absolute_url(),
        world["draft"].get_absolute_url(),
    ):
        assert client.get(url).status_code == 404
    # A member of an unrelated body does not see them either.
    client.force_login(world["other_member"].user)
    assert client.get(world["private"].get_absolute_url()).status_code == 404
    assert SECRET not in client.get(world["plan"].get_absolute_url()).content.decode()
    # Members of the body, and of the body above, do.
    for who in ("member", "parent_member"):
        client.force_login(world[who].user)
        assert SECRET in client.get(world["plan"].get_absolute_url()).content.decode()
        assert client.get(world["drafted"].get_absolute_url()).status_code == 200


def test_dashboard_lists_own_due_overdue_and_children(client, world):
    plan = world["plan"]
    sf.action(
        plan,
        world["member"],
        title="Late leaflet drop",
        due_on=today() - datetime.timedelta(days=2),
    )
    sf.action(
        plan,
        world["member"],
        title="Far future survey",
        due_on=today() + datetime.timedelta(days=200),
    )
    client.force_login(world["member"].user)
    page = client.get("/dashboard/").content.decode()
    due_soon = page.split("Due in the next 30 days (")[1].split("</table>")[0]
    assert "Health walks in every town" in due_soon and "Far future survey" not in due_soon
    assert "Late leaflet drop" in page.split("Overdue (")[1]
    assert "Other board&#x27;s action" not in page and "Other board's action" not in page


def test_dashboard_lists_say_how_many_and_page_each_on_its_own(client, world):
    """An officer's overdue list can run to thousands: each list says how many there
    are in all and pages on its own parameter, keeping the others' pages."""
    plan = world["plan"]
    Action.objects.bulk_create(
        Action(
            plan=plan,
            priority=plan.strategy.priorities.first(),
            title=f"Late {i:03}",
            measure_of_success="m",
            target="t",
            due_on=today() - datetime.timedelta(days=200 - i),
        )
        for i in range(120)
    )
    client.force_login(pf.officer())
    first = client.get("/dashboard/").content.decode()
    overdue = first.split("Overdue (")[1].split("</table>")[0]
    assert overdue.startswith("120 in all; 1 to 50 shown)")
    assert "Late 000" in overdue and "Late 050" not in overdue
    assert 'href="?overdue=2"' in first
    last = client.get("/dashboard/?overdue=3&soon=1").content.decode()
    overdue = last.split("Overdue (")[1].split("</table>")[0]
    assert overdue.startswith("120 in all; 101 to 120 shown)")
    assert "Late 119" in overdue and "Late 099" not in overdue
    assert 'href="?overdue=2&amp;soon=1"' in last
    for junk in ("zzz", "0", "-1", "99999"):
        assert client.get(f"/dashboard/?overdue={junk}").status_code == 200


def test_gaps_page_for_officers_only(client, world):
    bodies = world["bodies"]
    unowned = sf.action(world["plan"], None, title="Nobody's job")
    from strategy import services

    services.progress_update_post(action=unowned, rag=Rag.RED, narrative="n")
    ExceptionReport.objects.all().delete()
    client.force_login(world["member"].user)
    assert client.get("/dashboard/gaps/").status_code == 403
    client.force_login(pf.officer())
    page = client.get("/dashboard/gaps/").content.decode()
    unowned_part = page.split("Actions with no owner</caption>")[1].split("</table>")[0]
    assert "Nobody&#x27;s job" in unowned_part
    red_part = page.split("Red actions with no open exception report</caption>")[1].split(
        "</table>"
    )[0]
    assert "Nobody&#x27;s job" in red_part
    assert bodies["amg"].name in page.split("Bodies with no current chair")[1]
    assert world["plan"].title in page.split("Plans with no measures")[1]


# --- Query counts do not grow with the data -------------------------------------------

# --- A priority's actions, a page at a time ----------------------------------------


@pytest.fixture
def many_actions(world):
    """520 actions of the strategy's second priority, due one a day in the order of
    their numbers, the last five members only; every fourth red."""
    priority = world["strat"].priorities.order_by("position")[1]
    Action.objects.bulk_create(
        Action(
            plan=world["plan"],
            priority=priority,
            title=f"Numbered action {i:03}",
            measure_of_success="m",
            target="t",
            due_on=today() + datetime.timedelta(days=i),
            latest_rag="red" if i % 4 == 0 else "green",
            is_public=i <= 515,
        )
        for i in range(1, 521)
    )
    return priority


def action_titles(page: str) -> list[str]:
    return re.findall(r">(Numbered action \d{3})<", page)


def test_a_priority_lists_its_actions_fifty_a_page_and_says_how_many(client, many_actions):
    url = many_actions.get_absolute_url()
    first = client.get(url).content.decode()
    assert action_titles(first) == [f"Numbered action {i:03}" for i in range(1, 51)]
    assert "(515 in all; 1 to 50 shown)" in first
    assert "Page 1 of 11" in first and 'href="?page=2" rel="next"' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert action_titles(second)[0] == "Numbered action 051"
    assert "Numbered action 050" not in second
    assert "(515 in all; 51 to 100 shown)" in second
    # Past the 500 the page used to stop at, to the last public action.
    last = client.get(url, {"page": 11}).content.decode()
    assert action_titles(last) == [f"Numbered action {i:03}" for i in range(501, 516)]
    assert 'rel="next"' not in last


def test_a_priority_roll_up_counts_every_action_not_the_page(client, many_actions):
    page = client.get(many_actions.get_absolute_url()).content.decode()
    rollup = re.search(r'aria-label="Progress on this priority">(.*?)</ul>', page, re.S).group(1)
    counts = [int(n) for n in re.findall(r"</strong> (\d+)</li>", rollup)]
    # red, amber, green, no update, complete, overdue: of the 515 public actions
    # 128 are red (every fourth) and the rest green.
    assert counts == [128, 0, 387, 0, 0, 0]


@pytest.mark.parametrize(
    ("number", "shows"),
    [("zzz", 1), ("", 1), ("0", 11), ("-3", 11), ("999999", 11), ("1e3", 1), ("2.0", 1)],
)
def test_a_page_number_that_is_not_one_shows_a_page_not_an_error(
    client, many_actions, number, shows
):
    response = client.get(many_actions.get_absolute_url(), {"page": number})
    assert response.status_code == 200
    assert f"Page {shows} of 11" in response.content.decode()


def test_a_member_counts_and_pages_the_actions_only_members_see(client, world, many_actions):
    client.force_login(world["member"].user)
    last = client.get(many_actions.get_absolute_url(), {"page": 11}).content.decode()
    assert "(520 in all; 501 to 520 shown)" in last
    assert action_titles(last)[-1] == "Numbered action 520"


UNBUILT = {"lft": 0, "rght": 0, "tree_id": 0, "level": 0}


def grow(world, bodies: int, actions: int) -> None:
    leaders = world["bodies"]["leaders"]
    with Body.objects.disable_mptt_updates():
        Body.objects.bulk_create(
            Body(
                name=f"Board {i}",
                slug=f"board-{i}-{bodies}",
                kind=BodyKind.AREA_BOARD,
                parent=leaders,
                **UNBUILT,
            )
            for i in range(bodies)
        )
    Body.objects.rebuild()
    plan = world["plan"]
    priorities = list(world["strat"].priorities.all())
    Action.objects.bulk_create(
        Action(
            plan=plan,
            priority=priorities[i % 3],
            title=f"Bulk {i}",
            measure_of_success="m",
            target="t",
            due_on=today() + datetime.timedelta(days=i % 60 - 20),
            latest_rag=["red", "amber", "green", ""][i % 4],
            is_public=i % 5 != 0,
        )
        for i in range(actions)
    )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("who", ["anonymous", "member", "officer"])
def test_query_counts_do_not_grow(client, world, who, django_assert_max_num_queries):
    if who == "member":
        client.force_login(world["member"].user)
    elif who == "officer":
        client.force_login(pf.officer())
    priority_url = world["strat"].priorities.first().get_absolute_url()
    urls = [
        "/",
        world["bodies"]["amg"].get_absolute_url(),
        world["bodies"]["leaders"].get_absolute_url(),
        priority_url,
        world["plan"].get_absolute_url(),
    ]
    if who != "anonymous":
        urls.append("/dashboard/")
    grow(world, bodies=10, actions=100)
    small = {url: queries(client, url) for url in urls}
    grow(world, bodies=490, actions=4900)
    large = {url: queries(client, url) for url in urls}
    assert large == small
    # Pins: session and user (2) and a member's bodies (1) or an officer's
    # permissions (2) come on top of each page's own queries.
    # The priority page's own were three (the priority, its roll-up, its first 500
    # actions) and are five since it is paginated: the count, then the page's keys
    # and their rows (pace/core/pagination.py: a late page costs what the first does).
    # "+ 1": an officer's permissions are two queries where a member's bodies are one.
    # The dashboard's three lists of actions are paged as the priority page is, each
    # with its count, its page's keys and their rows: three queries where there was
    # one when they stopped at 50 without saying so. A member's task list adds its
    # updates due, meetings and consultations (pace/site/tasks.py: 3); an officer
    # has no task list.
    # The priority page's chart of its rating mix by quarter adds one (tests/pins.py);
    # the home page is pinned exactly in tests/site/test_home.py. A plan's page lists
    # the wards it names (issue 21): 9 for an officer, whose permissions are two.
    pins = {
        "/plans/": 9,
        "/": 9,
        "/dashboard/": 12 + 3 * 2 + 3,
        "/partnerships/": BODY_PAGE + REFERRALS_PANEL + SIGNED_IN,
        priority_url: PRIORITY_PAGE + SIGNED_IN + 1,
    }
    for url, count in large.items():
        pin = next(
            (n for prefix, n in pins.items() if url.startswith(prefix) and prefix != "/"), None
        )
        assert count <= (pin or (HOME_PAGE + SIGNED_IN + 1 if url == "/" else 8)), (url, count)


def test_a_draft_strategy_is_for_officers_only(client):
    """A draft strategy (not yet out for consultation) 404s for everyone but officers,
    its priorities too, and the home page does not point to it."""
    from strategy.models import StrategyStatus

    adopted = sf.strategy()
    draft = sf.strategy(status=StrategyStatus.DRAFT)
    draft.title = "Secret refresh Kappa"
    draft.replaces = adopted
    draft.save()
    urls = [draft.get_absolute_url(), draft.priorities.first().get_absolute_url()]
    for url in urls:
        assert client.get(url).status_code == 404
    assert "Secret refresh Kappa" not in client.get("/").content.decode()
    member = pf.person(with_login=True)
    pf.member(pf.body(), member)
    client.force_login(member.user)
    assert all(client.get(url).status_code == 404 for url in urls)
    client.force_login(pf.officer())
    assert all(client.get(url).status_code == 200 for url in urls)
    assert "Secret refresh Kappa" in client.get("/").content.decode()
    # Out for consultation, it is public.
    draft.status = StrategyStatus.CONSULTATION
    draft.save()
    client.logout()
    assert all(client.get(url).status_code == 200 for url in urls)
    assert "Secret refresh Kappa" in client.get("/").content.decode()


def test_an_exception_on_an_action_one_cannot_see_is_not_found(client, world):
    """Resolving an exception report on another body's private action: 404, as for
    the action itself, not a 403 that says it exists."""
    from strategy import services

    services.progress_update_post(action=world["private"], rag=Rag.RED, narrative="n")
    report = ExceptionReport.objects.get()
    client.force_login(world["other_member"].user)
    assert client.get(f"/exceptions/{report.pk}/resolve/").status_code == 404
    assert client.post(f"/exceptions/{report.pk}/resolve/", {"resolution": "x"}).status_code == 404
    report.refresh_from_db()
    assert report.status == "open"


@pytest.mark.parametrize("red", [20, 21])
def test_a_body_page_says_when_it_lists_only_the_latest_exception_reports(client, world, red):
    """The body's page lists the 20 exception reports opened last and says when more
    are open, rather than stopping at 20 without a word."""
    from strategy import services

    for i in range(red):
        action = sf.action(world["plan"], world["member"], title=f"Red action {i:02}")
        services.progress_update_post(action=action, rag=Rag.RED, narrative="Behind")
    page = client.get(world["bodies"]["area_board"].get_absolute_url()).content.decode()
    listed = page.split("Exception reports received</caption>")[1].split("</table>")[0]
    assert listed.count("Red action") == 20
    assert ("More are open: the 20 opened most recently are listed." in page) == (red > 20)
