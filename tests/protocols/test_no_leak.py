"""No complaint, whistle-blowing report or dispute reaches anyone outside those who
may read it, through any address of the site: every URL pattern (its parameters
filled as the site-wide leak crawl fills them), a search for each marker, the open
data exports and feeds, and every same-site link on the pages reached, as an
anonymous visitor, a member of an unrelated body and a member of the body the
complaint is routed to (who may read the complaint, but never the report)."""

from urllib.parse import unquote

import pytest
from django.test import Client
from django.utils import timezone

from pace.protocols import services
from pace.protocols.models import CaseStatus
from pace.site import search as site_search

from ..site.crawl import FILLERS, addresses, crawl, public_routes, search_address
from .conftest import login_member, terms

pytestmark = pytest.mark.django_db

COMPLAINT = ["LEAKC1summary", "LEAKC2details", "LEAKC3name", "leakc4@example.org", "LEAKC5outcome"]
REPORT = ["LEAKW1summary", "LEAKW2details", "LEAKW3name", "leakw4@example.org"]
DISPUTE = ["LEAKD1subject", "LEAKD2position", "LEAKD3position", "LEAKD4decision"]

OPEN_DATA = [
    "/partnerships/popolo.json",
    "/meetings.ics",
    "/funding/360giving.json",
    "/funding/360giving.csv",
    "/funding/transparency.csv",
    "/indicators/indicators.json",
    "/indicators/indicators.csv",
    "/decisions/",
]


@pytest.fixture
def planted(tree, people):
    terms(tree["area_board"], receives_complaints=True, receives_whistleblowing=True)
    complaint = services.complaint_receive(
        about_body=tree["amg"],
        summary=COMPLAINT[0],
        details=COMPLAINT[1],
        name=COMPLAINT[2],
        email=COMPLAINT[3],
        client=None,
    )
    services.case_close(case=complaint, status=CaseStatus.UPHELD, outcome=COMPLAINT[4])
    services.whistleblowing_receive(
        about_body=tree["amg"],
        summary=REPORT[0],
        details=REPORT[1],
        name=REPORT[2],
        email=REPORT[3],
        client=None,
    )
    dispute = services.dispute_refer(
        body_a=tree["thematic"],
        body_b=tree["area_board"],
        subject=DISPUTE[0],
        position_a=DISPUTE[1],
        position_b=DISPUTE[2],
    )
    # Decided, not published: the decision stays with the bodies concerned.
    services.dispute_decide(dispute=dispute, decision=DISPUTE[3], decided_on=timezone.localdate())
    return tree


def test_search_has_no_source_of_these_records():
    kinds = " ".join(source.kind for source in site_search.sources()).lower()
    for word in ("complaint", "whistle", "dispute"):
        assert word not in kinds


@pytest.mark.parametrize(
    "role,secret",
    [
        ("anonymous", COMPLAINT + REPORT + DISPUTE),
        # A member of the Area Management Group: below the Area Board, party to nothing.
        ("amg_member", COMPLAINT + REPORT + DISPUTE),
        # The thematic board is a party to the dispute: it reads it, not the complaint.
        ("other_member", COMPLAINT + REPORT),
        # The Area Board: the complaint is routed to it, and it is the other party.
        ("routed_member", REPORT + [COMPLAINT[2], COMPLAINT[3]]),
    ],
)
def test_no_marker_reaches_those_outside(planted, people, role, secret):
    client = Client()
    if role == "amg_member":
        client.force_login(login_member(planted["amg"], "Ada Amg", "ada@example.org"))
    elif people[role] is not None:
        client.force_login(people[role])
    # Addresses the site-wide crawl cannot fill yet are its own test's to report.
    routes = [r for r in public_routes() if not r.params or r.name in FILLERS]
    seeds = addresses(routes) + OPEN_DATA
    seeds += [search_address(marker) for marker in COMPLAINT + REPORT + DISPUTE]
    seeds += [search_address(word) for word in ("complaint", "whistle", "dispute")]
    visits = crawl(
        client,
        seeds,
        limit=1500,
        skip=lambda url: url.startswith(("/admin/", "/accounts/logout")),
    )
    assert len(visits) > 50
    # A marker in the address was typed by the visitor (a search echoes it): no leak.
    leaks = [
        (v.url, m)
        for v in visits
        for m in secret
        if m.lower() in v.text.lower() and m.lower() not in unquote(v.url).lower()
    ]
    assert leaks == []
    # Open data and feeds were read, not sent elsewhere.
    statuses = {v.url: v.status for v in visits}
    assert all(statuses[url] == 200 for url in OPEN_DATA)
