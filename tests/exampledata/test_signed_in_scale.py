"""Every page a signed-in board member or officer uses (tests/signed_in_pages.py)
costs the same number of queries with the scale data small and with ten times as
much of it, and what each costs at the small size is pinned here, so that a rise
shows and has to be explained.

A signed-in person is never served the page cache, so each of these is a render
every time they ask for it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strategy.models import OPEN_ACTION_STATUSES, Action

from ..example_snapshot import load_example
from ..signed_in_pages import deep_body, deep_member, officer, signed_in_pages
from .test_scale_data import SMALL, TEN_TIMES, make, small_example_actions

pytestmark = pytest.mark.django_db

#: Ten times the small run's actions, updates, awards and meetings on as many bodies
#: as it has, so that each body's plan holds ten times as many actions: the larger
#: size's member is the chair of one of these.
BUSY = {**TEN_TIMES, "bodies": SMALL["bodies"]}

#: What each page costs at the small size: (status, queries). Every page read
#: signed in starts with the session and the user (2). Pages that ask what the
#: reader may see then read a member's bodies (1, as ``pins.SIGNED_IN``) or an
#: officer's permissions (2: their own and their groups'), which is why most of an
#: officer's pages cost one more than a member's. The rest is the page's own, as
#: an anonymous visitor's, unless a line says otherwise.
MEMBER = {
    "home": (200, 14),
    "strategy": (200, 10),
    "priority": (200, 9),
    "plan": (200, 8),
    "action": (200, 8),
    "structure": (200, 4),
    "body": (200, 23),  # an Area Board's, with the referrals it raised (pins.REFERRALS_PANEL)
    "terms": (200, 5),
    "body terms": (200, 7),
    "meetings": (200, 9),
    "meeting": (200, 14),
    "declarations": (200, 7),
    "funding": (200, 12),
    "funding by ward": (200, 13),
    "resources": (200, 7),
    "wards": (200, 3),
    # The documents' build times (``pace.documents``).
    "open data": (200, 3),
    "ward": (200, 10),
    "fund": (200, 9),
    "award": (200, 6),
    "consultations": (200, 5),
    "consultation": (200, 10),
    "reports": (200, 4),
    "report": (200, 5),
    # Whether the reader may raise one (1).
    "referrals": (200, 10),
    "referral": (200, 6),
    "complaints": (200, 2),
    "decisions": (200, 7),
    "forward plan": (200, 7),
    "budgeting": (200, 3),
    "budgeting round": (200, 5),
    "budgeting results": (200, 5),
    # One query for each kind of record among the page's hits (``pace.site.search``).
    "search": (200, 8),
    # Their person, bodies and roll-up, their task list, the exception reports to
    # answer, and each list a page at a time (a count each, and keys and rows for
    # a list with any).
    "dashboard": (200, 19),
    # Their own body's page: a working group's, without an Area Board's panels.
    "own body": (200, 18),
    "own plan": (200, 8),
    "own action": (200, 8),
    # Their bodies, the action, its measures and the chain for the crumbs.
    "post an update": (200, 6),
    "own meeting": (200, 12),
    # Refused after reading the report: it is addressed to the body above theirs.
    "resolve an exception": (403, 5),
    # Not found: a confidential referral between bodies they do not sit on.
    "open referral": (404, 4),
    # Refused: they sit on no Area Board.
    "raise a referral": (403, 4),
    # Their bodies, the complaints and disputes about them.
    "cases": (200, 5),
    "indicators": (200, 9),
    "indicator": (200, 9),
    # Refused: their body does not keep the indicator.
    "enter a value": (403, 4),
    # Their choices.
    "notifications": (200, 3),
    # The officers' pages refuse a member before reading anything.
    "gaps": (403, 2),
    "area assemblies": (403, 2),
    "governance checks": (403, 2),
    "funding checks": (403, 2),
    "consultation checks": (403, 2),
}

OFFICER = {
    **{name: (status, n + 1) for name, (status, n) in MEMBER.items()},
    # Pages that read no body or permission for a member either: the same as a member's.
    **{
        name: MEMBER[name]
        for name in (
            "structure",
            "terms",
            "body terms",
            "funding",
            "funding by ward",
            "resources",
            "wards",
            "open data",
            "fund",
            "reports",
            "report",
            "complaints",
            "budgeting",
            "budgeting round",
            "budgeting results",
            "search",
        )
    },
    # The permissions (2), and the memberships the conflicts of interest check
    # reads (2).
    "award": (200, 10),
    # The permissions (2): an officer sees the drafts too.
    "consultations": (200, 7),
    "consultation": (200, 12),
    # The permissions (2, in place of the bodies), and the bodies the officer may
    # write to the thread for (1: the options are written without counting them).
    "referral": (200, 8),
    # The tops of the structure, each with its roll-up and the bodies below, the
    # open exception reports with their steps, due soon and overdue across the
    # partnership; no task list.
    "dashboard": (200, 18),
    "resolve an exception": (200, 6),
    # The referral, the plan it went into with its actions, its thread, and the
    # bodies of the answer and message forms (their options written without counting
    # them).
    "open referral": (200, 11),
    # The Area Boards they may raise one for, their choices and wards.
    "raise a referral": (200, 8),
    # The indicator and the places a value may be for.
    "enter a value": (200, 6),
    # The permissions (2), for the officers' daily digest among the choices.
    "notifications": (200, 5),
    # Actions with no owner, owners no longer members (with their bodies' places),
    # and plans and actions past due, with their bodies.
    "gaps": (200, 10),
    # The Area Boards, their Assemblies and the year's meetings.
    "area assemblies": (200, 7),
    # Nine for the checks however many bodies (``pace.site.governance``).
    "governance checks": (200, 13),
    # The flagged awards, those with a conflict, and the conflicts themselves.
    "funding checks": (200, 9),
    # Strategies without an equality impact assessment, consultations short of
    # Gunning.
    "consultation checks": (200, 6),
}

#: PostgreSQL ranks search hits differently from SQLite, so the first page of
#: "health" holds one more kind of record there.
POSTGRESQL = {"search": +1}


def pinned(counts: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    if connection.vendor != "postgresql":
        return counts
    return {name: (status, n + POSTGRESQL.get(name, 0)) for name, (status, n) in counts.items()}


def give_work(prefix: str) -> None:
    """Two of the open actions of ``deep_body(prefix)``: one the member owns due
    within the month, one overdue. Each list on the member's dashboard then has rows
    at both sizes: an empty list costs its count alone, one with rows two queries
    more, whatever its length."""
    today = timezone.localdate()
    body = deep_body(prefix)
    mine, late = Action.objects.filter(plan__body=body, status__in=OPEN_ACTION_STATUSES).order_by(
        "pk"
    )[:2]
    person = deep_member(prefix).person
    Action.objects.filter(pk=mine.pk).update(owner=person, due_on=today + datetime.timedelta(7))
    Action.objects.filter(pk=late.pk).update(due_on=today - datetime.timedelta(7))


def query_counts(client, prefix: str) -> dict[str, tuple[int, int]]:
    """{page type: (status, queries)}, each page read once before it is counted."""
    counts = {}
    for name, address in signed_in_pages(prefix).items():
        client.get(address)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        counts[name] = (response.status_code, len(queries))
    return counts


#: Who reads the pages (``prefix``: the scale data run whose body is the member's).
PEOPLE = {
    "deep member": (deep_member, MEMBER),
    "officer": (lambda prefix: officer(), OFFICER),
}


@pytest.mark.parametrize("who", PEOPLE)
def test_no_signed_in_page_costs_more_queries_with_ten_times_the_data(who, client, settings):
    """On the example data plus the scale data, then with ten times as much again
    (ten times the bodies, and then as many bodies as at first, each with ten times
    the actions). The member at the larger size is the chair of one of those, whose
    own plan, body and dashboard hold ten times what the first member's did."""
    settings.PACE_PAGE_CACHE_SECONDS = 0  # as the tests' settings have it: said here
    login, expected = PEOPLE[who]
    load_example()
    make()
    give_work("scale")
    client.force_login(login("scale"))
    small = query_counts(client, "scale")
    assert small == pinned(expected)
    make(prefix="more", **TEN_TIMES)
    assert Action.objects.count() == 11 * SMALL["actions"] + small_example_actions()
    make(prefix="busy", **BUSY)
    give_work("busy")
    own = Action.objects.filter(plan__body=deep_body("scale")).count()
    assert Action.objects.filter(plan__body=deep_body("busy")).count() == 10 * own
    client.force_login(login("busy"))
    large = query_counts(client, "busy")
    assert large == small
