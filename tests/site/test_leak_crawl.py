"""No private record reaches anyone outside it, through any address of the site.

Every confidential or non-public field of a small partnership (``world``) holds a
marker. The crawl requests every public address as an anonymous visitor and as a
member of an unrelated body: each URL pattern of the project (found by walking the
resolver, so a new address is covered the day it is added), its path parameters
filled with every real object of the kind, private ones included; the filters of
each list with every value; a search for each marker; and every same-site link on
the pages it reaches. Any marker in any response (page, feed, export, PDF text,
error page, header) fails the test.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.db import connection
from django.urls import reverse

from funding.models import Fund, Mechanism
from pace.site import search as site_search
from partnerships.models import Body, Person, Question
from strategy.consultations.models import Consultation, EqualityMonitoring, Response
from strategy.indicators.models import IndicatorKind
from strategy.indicators.status import Status
from strategy.models import Outcome, Priority

from .crawl import (
    FILLERS,
    SKIPPED,
    addresses,
    crawl,
    public_routes,
    search_address,
    unfillable,
)
from .world import MARKER, build_world

pytestmark = pytest.mark.django_db

#: Enough for every address of the small partnership several times over; the
#: crawl stops there so that a loop of links cannot run away.
CRAWL_LIMIT = 4000
OUTSIDERS = ["anonymous", "member_b"]


def test_every_address_with_parameters_is_filled_by_the_crawler():
    routes = public_routes()
    missing = unfillable(public_routes())
    assert not missing, (
        "These addresses have path parameters the leak crawl cannot fill; add them to "
        f"FILLERS in tests/site/crawl.py: {[(r.name, r.route) for r in missing]}"
    )
    names = {route.name for route in routes}
    assert set(FILLERS) <= names, f"Stale fillers: {set(FILLERS) - names}"
    assert set(SKIPPED) <= names, f"Stale skips: {set(SKIPPED) - names}"


@pytest.mark.urls("tests.site.crawl_urls")
def test_a_new_address_the_crawler_cannot_fill_fails():
    assert [route.name for route in unfillable(public_routes())] == ["new-thing"]


def _query_variants() -> list[str]:
    """Each list's filters with every value they accept, and some they do not."""
    urls = []
    bodies = list(Body.objects.values_list("slug", flat=True))
    people = list(Person.objects.values_list("slug", flat=True))
    for slug in bodies:
        urls += [
            f"/meetings/?body={slug}",
            f"/meetings/?body={slug}&below=on",
            f"/meetings/declarations/?body={slug}&below=on",
            f"/partnerships/{slug}/?on=2016-07-12",
        ]
    urls += [f"/meetings/declarations/?person={slug}" for slug in people]
    for fund in Fund.objects.all():
        urls.append(f"/funding/?year={fund.financial_year}&fund={fund.pk}")
    urls += [f"/funding/?mechanism={m}" for m in Mechanism.values]
    # The indicators' filters with every outcome and priority, a draft strategy's too.
    urls += [
        f"/indicators/?serves=outcome-{pk}" for pk in Outcome.objects.values_list("pk", flat=True)
    ]
    urls += [
        f"/indicators/?serves=priority-{pk}" for pk in Priority.objects.values_list("pk", flat=True)
    ]
    urls += [f"/indicators/?kind={kind}" for kind in IndicatorKind.values]
    urls += [f"/indicators/?status={status}" for status in Status.values]
    urls += [
        "/partnerships/?on=2016-07-12",
        "/partnerships/?on=12/07/2016",
        "/meetings/?page=2",
        "/meetings/?upcoming=2&page=999",
        "/meetings/declarations/?page=abc",
        "/funding/?page=-1",
        "/consultations/?page=0",
        "/reports/?page=2",
        "/meetings/area-assemblies/?year=2016",
    ]
    return urls


def _seeds(world) -> list[str]:
    urls = addresses(public_routes()) + _query_variants()
    urls += [search_address(marker) for marker in world.markers]
    urls += [search_address(word) for word in ("confidential", "draft", "proposed", "private")]
    # Search's "did you mean" (issue 19): a near miss of each marker, which must never
    # be corrected to it; and each type of record, body and period filtered.
    urls += [search_address(marker.replace("leak", "laek", 1)) for marker in world.markers]
    urls += [
        f"{search_address(word)}&type={source.kind}&since=01/01/2000"
        for word in ("confidential", "draft", "private", "meeting")
        for source in site_search.sources()
    ]
    urls += [
        f"{search_address('meeting')}&body={slug}"
        for slug in Body.objects.values_list("slug", flat=True)
    ]
    urls += ["/no/such/page/", "/meetings/999999/", "/partnerships/no-such-body/"]
    return urls


def _skip(url: str) -> bool:
    return url.startswith(("/admin/", "/static/")) or url.startswith(
        tuple(reverse(name) for name in SKIPPED)
    )


def _leaks(visits, markers: dict[str, str]) -> list[tuple[str, str, str]]:
    found = []
    for visit in visits:
        echoed = {m.lower() for m in MARKER.findall(visit.url)}  # the visitor typed it
        for marker in {m.lower() for m in MARKER.findall(visit.text)} - echoed:
            found.append((visit.url, marker, markers.get(marker, "?")))
    return found


@pytest.fixture
def world():
    return build_world()


class _TablesRead:
    """Notes every statement that names one of ``tables`` (an execute wrapper)."""

    def __init__(self, *tables: str) -> None:
        self.tables = tables
        self.found: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if any(table in sql for table in self.tables):
            self.found.append(sql)
        return execute(sql, params, many, context)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_no_private_record_reaches_an_outsider(client, world, role):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    # Equality monitoring answers hold no text to mark: no public address may so
    # much as read their table.
    equality = _TablesRead(EqualityMonitoring._meta.db_table)
    with connection.execute_wrapper(equality):
        visits = crawl(client, _seeds(world), limit=CRAWL_LIMIT, skip=_skip)
    print(f"\nLeak crawl as {role}: {len(visits)} addresses visited")

    leaks = _leaks(visits, world.markers)
    assert not leaks, "\n".join(f"{where} ({marker}) at {url}" for url, marker, where in leaks)
    assert equality.found == []
    # Nor the reference number of any response (shown once, to its sender).
    references = set(Response.objects.values_list("reference", flat=True))
    assert len(references) == 7
    assert [v.url for v in visits if any(r in v.text for r in references)] == []
    assert len(visits) < CRAWL_LIMIT, "The crawl hit its limit: raise it, or find the loop."
    # No page answers with a server error, or carries a form with an empty action,
    # which the HTML standard forbids (leave the attribute out to send to the page).
    assert [visit.url for visit in visits if visit.status >= 500] == []
    assert [visit.url for visit in visits if 'action=""' in visit.text] == []
    by_url = {visit.url: visit for visit in visits}
    # It did reach the private records, which answered with nothing.
    private = world.objects
    assert by_url[private["private_meeting"].get_absolute_url()].status == 404
    assert by_url[private["private_action"].get_absolute_url()].status == 404
    assert by_url[private["draft_plan"].get_absolute_url()].status == 404
    # Indicators (issue 22): the unpublished one is not found, nor listed or counted
    # on the list or the scorecards; the published ones are, with their figures.
    assert by_url[private["hidden_indicator"].get_absolute_url()].status == 404
    indicator = by_url[private["public_indicator"].get_absolute_url()]
    assert indicator.status == 200 and "72.5% for the year to" in indicator.text
    listed = by_url["/indicators/"].text
    assert "2 indicators." in listed and "People helped by the draft plan" in listed
    outcome = private["outcome"]
    scorecard = by_url[reverse("indicators:outcome-scorecard", args=[outcome.strategy.slug, 1])]
    assert scorecard.status == 200 and "Adults in work" in scorecard.text
    assert by_url[f"/plans/{private['draft_plan'].pk}.pdf"].status == 404
    assert by_url[private["draft_report"].get_pdf_url()].status == 404
    assert by_url[private["award_proposed"].get_absolute_url()].status == 404
    assert by_url[private["idea_waiting"].get_absolute_url()].status == 404
    assert by_url[private["idea_removed"].get_absolute_url()].status == 404
    voting = private["voting_round"].pk
    assert by_url[f"/funding/budgeting/{voting}/ballots.json"].status == 404
    assert by_url[private["draft_consultation"].get_absolute_url()].status == 404
    meeting_pk = private["meeting"].pk
    assert by_url[private["confidential_paper"].get_absolute_url()].status == 404
    assert by_url[f"/meetings/{meeting_pk}/agenda-pack-full.pdf"].status == 404
    # And the public ones, with their content (so the crawl reads what it fetches).
    meeting = by_url[private["meeting"].get_absolute_url()]
    assert meeting.status == 200 and "Apprenticeships" in meeting.text
    assert "Confidential item" in meeting.text
    pdf = by_url[f"/partnerships/{world.a.slug}/annual-report.pdf"]
    assert pdf.content_type == "application/pdf" and "Open a skills hub" in pdf.text
    assert "Nantwich town grant" in by_url["/funding/360giving.json"].text
    closed = private["closed_round"].pk
    assert "Walking group" in by_url[f"/funding/budgeting/{closed}/ballots.csv"].text
    assert "3 ballots" in by_url[f"/funding/budgeting/{closed}/results/"].text
    assert "Tea dances" in by_url[private["ideas_round"].get_absolute_url()].text
    assert "SUMMARY:Crewe Area Board" in by_url["/meetings.ics"].text
    pack = by_url[f"/meetings/{meeting_pk}/agenda-pack.pdf"]
    assert pack.content_type == "application/pdf" and "Apprenticeships: the report" in pack.text
    # Responses (issue 16): the draft's form is not found; the open one's is, and a
    # real link to a saved response shows a button, not the answers; a published
    # outcome gives the counts and the theme its point answers.
    draft_slug = private["draft_consultation"].slug
    assert by_url[f"/consultations/{draft_slug}/respond/questions/1/"].status == 404
    open_slug = private["published_consultation"].slug
    assert by_url[f"/consultations/{open_slug}/respond/questions/1/"].status == 200
    assert by_url[urlsplit(private["saved_link"].url).path].status == 200
    outcome = by_url[private["outcome_consultation"].get_absolute_url()].text
    assert "We received 3 responses" in outcome and "Near the station (2 responses)" in outcome
    # Residents' questions (issue 16): the accepted ones are on the agenda, the
    # name shown only where the asker agreed; the answer is in the approved minutes;
    # the form of the meeting taking questions is open. No question's reference
    # (given only to its asker) is anywhere.
    coming = by_url[private["assembly_meeting"].get_absolute_url()].text
    assert "Nora Named asked:" in coming and "Can the park gates stay open later?" in coming
    assert "A resident asked:" in coming
    answered = by_url[private["question_answered"].meeting.get_absolute_url()].text
    assert "Yes: the pool stays open." in answered
    assert by_url[f"/meetings/{private['assembly_meeting'].pk}/questions/"].status == 200
    question_refs = set(Question.objects.values_list("reference", flat=True))
    assert len(question_refs) == 7
    assert [v.url for v in visits if any(r in v.text for r in question_refs)] == []


def test_the_markers_are_there_to_be_found(client, world):
    """The crawl's control: the same addresses, read by an officer, show the private
    records' markers, so a crawl that finds none has looked in the right places."""
    client.force_login(world.users["officer"])
    objects = world.objects
    urls = [
        objects["meeting"].get_absolute_url(),
        objects["private_meeting"].get_absolute_url(),
        objects["private_action"].get_absolute_url(),
        objects["draft_plan"].get_absolute_url(),
        f"/plans/{objects['draft_plan'].pk}.pdf",
        objects["draft_report"].get_absolute_url(),
        objects["draft_report"].get_pdf_url(),
        objects["award_proposed"].get_absolute_url(),
        objects["draft_consultation"].get_absolute_url(),
        "/funding/checks/",
        "/consultations/officers/",
        objects["confidential_paper"].get_absolute_url(),
        f"/meetings/{objects['meeting'].pk}/agenda-pack-full.pdf",
        f"/admin/funding/budgetingproject/{objects['idea_waiting'].pk}/change/",
        f"/admin/partnerships/question/{objects['question_waiting'].pk}/change/",
        f"/admin/partnerships/question/{objects['question_declined'].pk}/change/",
        f"/admin/partnerships/question/{objects['question_unnamed'].pk}/change/",
        objects["question_private"].meeting.get_absolute_url(),
        objects["hidden_indicator"].get_absolute_url(),
        "/indicators/",
        reverse("indicators:outcome-scorecard", args=[objects["strategy"].slug, 1]),
    ]
    published, done = objects["published_consultation"], objects["outcome_consultation"]
    urls += [
        reverse("admin:consultations_consultation_responses", args=[published.pk]),
        reverse("admin:consultations_consultation_responses_question", args=[published.pk, 1]),
        reverse("admin:consultations_consultation_export_csv", args=[published.pk]),
        reverse("admin:consultations_consultation_export_json", args=[done.pk]),
        reverse("admin:consultations_response_change", args=[objects["held_response"].pk]),
    ]
    visits = crawl(client, urls, limit=len(urls), skip=lambda url: True)
    found = {marker for _, marker, _ in _leaks(visits, world.markers)}
    for where in (
        "confidential item title",
        "confidential item minutes",
        "private meeting title",
        "private action title",
        "progress narrative of a private action",
        "draft plan title",
        "draft report paragraph",
        "proposed award description",
        "draft consultation purpose",
        "text of a confidential paper",
        "confidential paper title",
        "confidential link address",
        "title of an idea waiting for its check",
        "proposer e-mail of an idea waiting",
        "answer of a response 0",
        "answer of a response 1",
        "theme name of an open consultation",
        "answer of a published outcome 2",
        "theme of a published outcome, not answered",
        "answer of a response held for moderation",
        "text of a question waiting",
        "e-mail of an asker 1",
        "postcode or ward of an asker 1",
        "text of a question declined",
        "reason a question was declined",
        "name of an asker who did not agree to it being shown",
        "text of a question at a private meeting",
        "unpublished indicator title",
        "unpublished indicator definition",
        "unpublished performance measure title",
        "outcome of a draft strategy",
    ):
        marker = next(m for m, w in world.markers.items() if w == where)
        assert marker in found, where


def test_the_admin_is_closed_to_outsiders(client, world):
    """Every admin address, with every object's id, sends an anonymous visitor and a
    board member (not staff) to the admin's sign-in page, showing nothing."""
    urls = ["/admin/", "/admin/jsi18n/", "/admin/autocomplete/?app_label=partnerships"]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        urls.append(reverse("admin:app_list", args=[model._meta.app_label]))
        for pk in model._default_manager.values_list("pk", flat=True):
            urls += [
                reverse(f"{prefix}_{view}", args=[pk]) for view in ("change", "delete", "history")
            ]
    consultation = world.objects["draft_consultation"]
    urls.append(reverse("admin:consultations_consultation_publish_outcome", args=[consultation.pk]))
    for pk in Consultation.objects.values_list("pk", flat=True):
        for name in ("responses", "themes", "record", "export_csv", "export_json"):
            urls.append(reverse(f"admin:consultations_consultation_{name}", args=[pk]))
        urls.append(reverse("admin:consultations_consultation_responses_question", args=[pk, 1]))
    assert len(urls) > 100
    for role in OUTSIDERS:
        if world.users[role] is not None:
            client.force_login(world.users[role])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, (role, url)
            assert response["Location"].startswith("/admin/login/"), (role, url)
            assert not MARKER.search(response.content.decode()), (role, url)
    print(f"\nAdmin addresses checked: {len(urls)} for each of {len(OUTSIDERS)} outsiders")
