"""Site search finds public records and nothing else."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.utils import timezone

from funding.models import AwardStatus
from pace.site import search as site_search
from partnerships import services as partnership_services
from partnerships.models import AgendaItem, Decision, Meeting
from strategy.models import Action, PlanStatus

from ..example_snapshot import load_example
from ..funding import factories as ff
from ..partnerships import factories as pf
from ..strategy import factories as sf
from .search_cases import example_searches

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    bodies = pf.area()
    owner = pf.person()
    pf.member(bodies["amg"], owner)
    plan = sf.plan(bodies["amg"])
    sf.action(
        plan, owner, title="Community orchards in every ward", description="Planting fruit trees"
    )
    sf.action(plan, owner, title="Orchard land purchase negotiations", is_public=False)
    draft = sf.plan(bodies["amg"], plan.strategy, status=PlanStatus.DRAFT)
    sf.action(draft, owner, title="Orchard festival draft idea")
    meeting = Meeting.objects.create(body=bodies["amg"], title="AMG June", starts_at=timezone.now())
    AgendaItem.objects.create(meeting=meeting, position=1, title="Orchard volunteers update")
    AgendaItem.objects.create(
        meeting=meeting, position=2, title="Orchard site price secret", is_confidential=True
    )
    private = Meeting.objects.create(
        body=bodies["amg"],
        title="Closed session",
        is_public=False,
        starts_at=timezone.now() - datetime.timedelta(days=1),
    )
    AgendaItem.objects.create(meeting=private, position=1, title="Orchard closed session item")
    held = Meeting.objects.create(
        body=bodies["amg"],
        title="AMG May",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        status="held",
    )
    orchard = AgendaItem.objects.create(meeting=held, position=1, title="Orchards")
    secret = AgendaItem.objects.create(meeting=held, position=2, title="Land", is_confidential=True)
    for item, text in [(orchard, "Agreed to plant orchards"), (secret, "Orchard land bid agreed")]:
        partnership_services.decision_record(
            decision=Decision(meeting=held, agenda_item=item, title=item.title, text=text)
        )
    return bodies


@pytest.mark.parametrize("as_member", [False, True])
def test_search_finds_public_records_only(client, records, as_member):
    if as_member:
        member = pf.person(with_login=True)
        pf.member(records["amg"], member)
        client.force_login(member.user)
    page = _text(client.get("/search/", {"q": "orchard"}))
    assert "Community orchards in every ward" in page
    assert "Orchard volunteers update" in page
    assert "Agreed to plant orchards" in page  # a decision, from the log
    for hidden in (
        "land bid agreed",
        "land purchase negotiations",
        "festival draft idea",
        "site price secret",
        "closed session item",
    ):
        assert hidden not in page


def test_search_matches_several_words_and_bodies(client, records):
    page = _text(client.get("/search/", {"q": "fruit trees"}))
    assert "Community orchards in every ward" in page
    assert records["amg"].name in _text(client.get("/search/", {"q": records["amg"].name}))


def test_search_needs_every_word(client, records):
    """On PostgreSQL as elsewhere: ranking alone once let any record through for a
    query of two or more words."""
    page = _text(client.get("/search/", {"q": "fruit lorries"}))
    assert "Community orchards in every ward" not in page


def test_search_finds_agenda_items_by_their_meeting_title(client, records):
    page = _text(client.get("/search/", {"q": "AMG June"}))
    assert "Orchard volunteers update" in page
    assert "site price secret" not in page


def test_search_finds_grants_by_their_recipient(client):
    fund = ff.fund()
    trust = pf.organisation("Wistaston Wildlife Trust")
    partnership = pf.body(name="Poynton Partnership")
    to_trust = ff.award(fund, to=trust, title="Hedgerow planting")
    to_partnership = ff.award(fund, to=partnership, title="Bulb planting")
    proposed = ff.award(fund, to=trust, title="Pond dipping", status=AwardStatus.PROPOSED)
    page = _text(client.get("/search/", {"q": "wildlife trust"}))
    assert to_trust.get_absolute_url() in page
    assert proposed.get_absolute_url() not in page
    assert to_partnership.get_absolute_url() not in page
    page = _text(client.get("/search/", {"q": "Poynton"}))
    assert to_partnership.get_absolute_url() in page


#: The GIN indexes each kind's match must use (pace/site/migrations/0001-0004): its
#: own table's stored document's and those of the records it shows text from.
SEARCH_INDEXES = {
    "bodies": {"search_doc_partnerships_body"},
    "people": {"search_doc_partnerships_person"},
    "meetings": {"search_doc_partnerships_meeting"},
    "agenda-items": {"search_doc_partnerships_agendaitem", "search_meeting"},
    "minutes": {"search_doc_core_publishedversion"},
    "decisions": {"search_doc_partnerships_decision"},
    "strategies": {"search_doc_strategy_strategy"},
    "outcomes": {"search_doc_strategy_outcome"},
    "priorities": {"search_doc_strategy_priority"},
    "plans": {"search_doc_strategy_actionplan"},
    "actions": {"search_doc_strategy_action"},
    "funds": {"search_doc_funding_fund"},
    "grants": {"search_doc_funding_grantaward", "search_body_name", "search_organisation"},
    "consultations": {"search_doc_consultations_consultation"},
    "reports": {"search_doc_reports_cabinetreport"},
    "report-paragraphs": {"search_doc_reports_reportparagraph"},
    "referrals": {"search_doc_referrals_referral"},
}


def _rebuilt(source) -> SearchVector:
    """A source's own document made afresh from its row: what the stored one must be."""
    vector = SearchVector(source.fields[0], config="english", weight="A")
    if source.fields[1:]:
        vector += SearchVector(*source.fields[1:], config="english", weight="B")
    return vector


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="documents are stored on PostgreSQL only"
)
def test_every_stored_document_equals_a_rebuild(every_kind):
    """The stored documents (migration 0004's triggers) follow every way a record's
    text changes: made with the record, changed with ``save()``, with
    ``QuerySet.update()`` and with ``bulk_create()``, and a change to other columns
    leaves them as they are. Each must equal the document made afresh from the row,
    for every source's every row, or search ranks and finds on stale text."""

    def stale():
        found = []
        for source in site_search.sources():
            model = source.queryset().model
            rows = model._base_manager.annotate(
                stored=site_search.StoredDocument(), rebuilt=_rebuilt(source)
            )
            assert rows.exists(), source.kind
            found += [
                (source.kind, pk)
                for pk, a, b in rows.values_list("pk", "stored", "rebuilt")
                if a != b
            ]
        return found

    assert stale() == []
    action = Action.objects.get(title="Install lanterns on the green")
    action.title = "Install candles on the green"
    action.save()
    Action.objects.filter(pk=action.pk).update(description="Candles for the green")
    Meeting.objects.filter(title="Lantern meeting").update(title="Candle meeting")
    AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=Meeting.objects.get(title="Candle meeting"), position=9, title="Wax")]
    )
    Action.objects.filter(pk=action.pk).update(latest_rag="green")
    assert stale() == []
    found = site_search.search("candles")
    assert {h.hit.title for h in found.hits} >= {"Install candles on the green", "Candle meeting"}
    assert site_search.search("wax").total == 1
    lanterns = {h.hit.title for h in site_search.search("lanterns").hits}
    assert not lanterns & {"Install lanterns on the green", "Lantern meeting"}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN indexes exist on PostgreSQL only"
)
@pytest.mark.parametrize("q", ["orchard", "fruit trees", '"community orchards"'])
def test_every_match_uses_its_gin_index(records, q):
    """An index is used only for the very expression it was built on: a source whose
    fields change without a migration for the new index would compute the text of
    every row again."""
    assert {source.kind for source in site_search._sources} == set(SEARCH_INDEXES)
    with connection.cursor() as cursor:
        # A few rows are cheaper to read than an index; make the planner show
        # whether it could use one.
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Nor a walk along another index filtering every row, which earlier tests'
        # rows (in the table's statistics) can make look cheap: the question is
        # whether the text index can answer the match.
        cursor.execute("SET LOCAL enable_indexscan = off")
    for source in site_search._sources:
        # The match alone: on a few rows the planner may rightly prefer another
        # index for the rest of the query (approved grants, say).
        model = source.queryset().model
        plan = model._base_manager.filter(site_search.text_match(source, model, q)).explain()
        used = set(re.findall(r"Bitmap Index Scan on (\w+)", plan))
        assert used >= SEARCH_INDEXES[source.kind], plan
        text_matches = [line.strip() for line in plan.splitlines() if "@@" in line]
        assert text_matches, plan
        # Every text match is answered by an index, none by reading rows.
        assert all(line.startswith(("Index Cond:", "Recheck Cond:")) for line in text_matches), plan


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "\x00\x01",
        "<script>alert(1)</script>",
        "a" * 5000,
        "' OR 1=1 --",
        "%%%",
        "orchard & | ! :*",
    ],
)
def test_any_query_gives_a_page_not_an_error(client, records, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_query_count_is_pinned(client, records, django_assert_num_queries):
    """One query finds every match; one per kind shown fetches its hits (here actions,
    agenda items and decisions); the body filter's options are one more."""
    with django_assert_num_queries(5):
        response = client.get("/search/", {"q": "orchard"})
    assert response.context["results"].total == 4


def test_a_misspelling_costs_two_queries_more(client, records, django_assert_num_queries):
    """The titles a correction may use, and the corrected search (the search that
    found nothing stands for the first)."""
    with django_assert_num_queries(7):
        response = client.get("/search/", {"q": "orchrd"})
    assert response.context["results"].searched == "orchard"


def test_a_signed_in_readers_search_is_kept_for_them_alone(
    client, kept_pages, django_capture_on_commit_callbacks
):
    """The same search again by the same reader is sent kept, not run again, until the
    records change; a colleague who may see the same is never sent it (it would tell
    them what the first searched for), and nor is an anonymous visitor."""
    with django_capture_on_commit_callbacks(execute=True):
        bodies = pf.area()
        pat, sam = (pf.person(name, with_login=True) for name in ("Pat Seeker", "Sam Same"))
        for person in (pat, sam):
            pf.member(bodies["amg"], person)
        plan = sf.plan(bodies["amg"])
        sf.action(plan, pat, title="Community orchards in every ward")
    client.force_login(pat.user)
    first = client.get("/search/", {"q": "orchard"})
    assert first.context["results"].total == 1
    again = client.get("/search/", {"q": "orchard"})
    assert again.context.get("results") is None  # kept: base.html alone was rendered
    assert "Community orchards in every ward" in _text(again)
    assert "no-store" in again["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        sf.action(plan, pat, title="Orchard volunteers")
    after = client.get("/search/", {"q": "orchard"})
    assert after.context["results"].total == 2
    assert "Orchard volunteers" in _text(after)
    client.force_login(sam.user)
    theirs = client.get("/search/", {"q": "orchard"})
    assert theirs.context["results"].total == 2
    client.logout()
    assert client.get("/search/", {"q": "orchard"}).context["results"].total == 2


def test_search_finds_public_grants_only(client):
    from funding.models import GrantAward

    load_example()
    public = GrantAward.objects.public().first()
    page = _text(client.get("/search/", {"q": public.title}))
    assert public.get_absolute_url() in page
    hidden = GrantAward.objects.exclude(pk__in=GrantAward.objects.public()).first()
    assert hidden is not None
    page = _text(client.get("/search/", {"q": hidden.title}))
    assert hidden.get_absolute_url() not in page


def test_search_finds_published_consultations_and_reports_only(client):
    from pace.reports.models import CabinetReport, ReportStatus
    from strategy.consultations.models import Consultation

    load_example()
    consultation = Consultation.objects.published().first()
    report = CabinetReport.objects.published().first()
    assert consultation.get_absolute_url() in _text(
        client.get("/search/", {"q": consultation.title})
    )
    assert report.get_absolute_url() in _text(
        client.get("/search/", {"q": "Partnerships Structure"})
    )
    Consultation.objects.filter(pk=consultation.pk).update(is_published=False)
    CabinetReport.objects.filter(pk=report.pk).update(status=ReportStatus.DRAFT)
    assert consultation.get_absolute_url() not in _text(
        client.get("/search/", {"q": consultation.title})
    )
    assert report.get_absolute_url() not in _text(
        client.get("/search/", {"q": "Partnerships Structure"})
    )


# Every kind of public record, and the private ones beside them.


@pytest.fixture
def every_kind():
    """One public record of each kind with "lantern" in it, and a private twin with
    "lantern" too that search must never show."""
    from pace.reports.models import ReportParagraph, ReportStatus
    from strategy.consultations.models import Consultation
    from strategy.models import Outcome, StrategyStatus

    from ..reports import factories as rf

    bodies = pf.area()
    lantern_body = pf.body(
        name="Lantern Partnership", parent=bodies["area_board"], kind="town_partnership"
    )
    chair = pf.person("Lara Lantern")
    pf.member(lantern_body, chair)
    pf.person("Lenny Lantern")  # sits on no body: not a public role
    strategy = sf.strategy()
    strategy.title = "Lantern strategy"
    strategy.save()
    strategy.priorities.update(title="Lantern lighting for safer streets")
    Outcome.objects.create(strategy=strategy, position=1, title="Lantern-lit streets")
    draft = sf.strategy(status=StrategyStatus.DRAFT)
    draft.title = "Draft lantern strategy"
    draft.save()
    plan = sf.plan(bodies["amg"], strategy)
    plan.title = "Lantern action plan"
    plan.save()
    hidden = sf.plan(bodies["amg"], strategy, status=PlanStatus.DRAFT)
    hidden.title = "Hidden lantern plan"
    hidden.save()
    sf.action(plan, title="Install lanterns on the green")
    meeting = Meeting.objects.create(
        body=bodies["amg"],
        title="Lantern meeting",
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    costs = AgendaItem.objects.create(
        meeting=meeting, position=1, title="Lantern costs", minutes="Lantern costs noted."
    )
    partnership_services.decision_record(
        decision=Decision(
            meeting=meeting, agenda_item=costs, title="Buy lanterns", text="Agreed to buy them."
        )
    )
    partnership_services.meeting_minutes_approve(meeting=meeting, announce=False)
    # Changed after they were approved: not public until published as a correction.
    costs.minutes = "Lantern costs noted. Unapproved lantern correction."
    costs.save()
    AgendaItem.objects.create(
        meeting=meeting,
        position=2,
        title="Secret item",
        is_confidential=True,
        minutes="Lantern tender price secret.",
    )
    unpublished = Meeting.objects.create(
        body=bodies["amg"], title="Later meeting", starts_at=timezone.now()
    )
    AgendaItem.objects.create(
        meeting=unpublished, position=1, title="Draft item", minutes="Lantern draft minutes."
    )
    Meeting.objects.create(
        body=bodies["amg"],
        title="Private lantern meeting",
        starts_at=timezone.now(),
        is_public=False,
    )
    fund = ff.fund(name="Lantern Fund")
    ff.award(fund, to=lantern_body, title="Lantern grant")
    ff.award(fund, to=lantern_body, title="Proposed lantern grant", status=AwardStatus.PROPOSED)
    for published in (True, False):
        Consultation.objects.create(
            title=f"{'Lantern' if published else 'Unpublished lantern'} consultation",
            slug=f"lantern-{published}",
            purpose="About lanterns.",
            opens_on=datetime.date(2016, 7, 1),
            closes_on=datetime.date(2016, 9, 1),
            is_published=published,
            strategy=strategy,
        )
    for status, text in [
        (ReportStatus.PUBLISHED, "The lantern scheme worked."),
        (ReportStatus.DRAFT, "Draft lantern paragraph."),
    ]:
        report = rf.report(status=status, title=f"Report on lanterns ({status})")
        ReportParagraph.objects.create(report=report, section="background", text=text)
    from pace.referrals import services as referral_services

    board = pf.body(name="Lantern Health Board", parent=bodies["leaders"], kind="thematic_board")
    for public in (True, False):
        referral_services.referral_raise(
            from_body=bodies["area_board"],
            to_body=board,
            title="Lantern referral" if public else "Confidential lantern referral",
            need="Lanterns for the park.",
            evidence="Residents asked.",
            is_public=public,
            announce=False,
        )
    return bodies


PUBLIC_LANTERNS = [
    "Lantern Partnership",
    "Lantern strategy",
    "Buy lanterns",
    "Lara Lantern",
    "Lantern lighting for safer streets",
    "Lantern-lit streets",
    "Lantern action plan",
    "Install <mark>lanterns</mark> on the green",
    "Lantern meeting",
    "Lantern costs",
    "Lantern costs noted.",
    "Lantern Fund",
    "Lantern grant",
    "Lantern consultation",
    "The lantern scheme worked.",
    "Lantern referral",
]
PRIVATE_LANTERNS = [
    "Lenny",
    "Draft lantern strategy",
    "Hidden lantern plan",
    "tender price secret",
    "draft minutes",
    "Unapproved lantern correction",
    "Private lantern meeting",
    "Proposed lantern grant",
    "Unpublished lantern consultation",
    "Draft lantern paragraph",
    "Confidential lantern referral",
]


def test_a_searchs_sql_holds_nothing_read_from_the_records(request):
    """A search's SQL is made once a day for each shape of filters (``_compiled``),
    so it may hold nothing read from the records, which would be stale once they
    change: made again after records of every kind are added, it is the same."""

    def made():
        return [
            site_search._compiled.__wrapped__(
                connection.alias, timezone.localdate(), body, dates, dates
            )
            for body, dates in [(False, False), (True, False), (True, True)]
        ]

    before = made()
    request.getfixturevalue("every_kind")
    assert made() == before
    assert len(before[0].words) >= len(site_search.sources())


def _text(page) -> str:
    """A page's text with the marks of matches taken out."""
    return re.sub(r"</?mark>", "", page.content.decode())


def test_search_finds_every_public_kind_and_no_private_one(client, every_kind):
    response = client.get("/search/", {"q": "lanterns"})
    results = response.context["results"]
    assert results.total == results.page.paginator.count
    found = _text(response)
    for title in PUBLIC_LANTERNS:
        assert re.sub(r"</?mark>", "", title) in found, title
    for hidden in PRIVATE_LANTERNS:
        assert hidden not in found, hidden
    kinds = {source.kind for source, _ in results.counts}
    assert kinds == {source.kind for source in site_search.sources()}


def test_a_plural_finds_the_singular_and_the_singular_the_plural(client, every_kind):
    """ "lanterns" and "lantern" find the same records (English stemming, on either
    database)."""
    plural = client.get("/search/", {"q": "lanterns"}).context["results"]
    singular = client.get("/search/", {"q": "lantern"}).context["results"]
    assert plural.total == singular.total > 10


def test_matches_are_highlighted_and_typed_markup_shows_as_typed(client, every_kind):
    page = client.get("/search/", {"q": "lanterns"}).content.decode()
    assert "Install <mark>lanterns</mark> on the green" in page
    page = client.get("/search/", {"q": "<b>lantern</b>"}).content.decode()
    assert "<b>lantern</b>" not in page
    assert "&lt;b&gt;lantern&lt;/b&gt;" in page
    assert "<mark>Lantern</mark> Partnership" in page  # the tags are not words


def test_a_misspelling_is_corrected_from_public_titles_only(client, every_kind):
    response = client.get("/search/", {"q": "lantrn"})
    results = response.context["results"]
    assert (results.query, results.searched) == ("lantrn", "lantern")
    page = response.content.decode()
    assert "Did you mean" in page and "/search/?q=lantern" in page
    assert "Lantern Partnership" in page
    # A word only private records hold is never offered.
    assert client.get("/search/", {"q": "tendr"}).context["results"].searched == "tendr"


def test_filters_by_type_body_and_date(client, every_kind):
    counts = dict(
        (source.kind, n)
        for source, n in client.get("/search/", {"q": "lantern"}).context["results"].counts
    )
    grants = client.get("/search/", {"q": "lantern", "type": "grants"}).context["results"]
    assert [h.hit.title for h in grants.hits] == ["Lantern grant"]
    assert grants.total == 1 == counts["grants"]
    amg = every_kind["amg"]
    by_body = client.get("/search/", {"q": "lantern", "body": amg.slug}).context["results"]
    assert {h.hit.kind for h in by_body.hits} == {
        "Meeting",
        "Agenda item",
        "Minutes",
        "Decision",
        "Action plan",
        "Action",
    }
    dated = client.get(
        "/search/", {"q": "lantern", "since": "01/06/2016", "until": "30/06/2016"}
    ).context["results"]
    assert dated.total == 0
    dated = client.get(
        "/search/", {"q": "lantern", "since": "01/07/2016", "until": "31/07/2016"}
    ).context["results"]
    assert {h.hit.kind for h in dated.hits} >= {"Consultation", "Report paragraph"}


def test_each_type_count_is_a_link_that_filters_to_it(client, every_kind):
    """The counts by type are plain links (no script): each keeps the words and the
    other filters, leaves the page number behind, and gives that type's results."""
    amg = every_kind["amg"]
    asked = {"q": "lantern", "body": amg.slug, "page": "1"}
    response = client.get("/search/", asked)
    links = re.findall(
        r'<a class="govuk-link" href="(\?[^"]*)">([^<:]+): (\d+)</a>',
        response.content.decode(),
    )
    counts = {source.label: n for source, n in response.context["results"].counts}
    assert {label: int(n) for _, label, n in links} == counts
    assert len(counts) == 6
    for address, label, n in links:
        followed = client.get("/search/" + unescape(address))
        results = followed.context["results"]
        kind = next(s.kind for s in site_search.sources() if s.label == label)
        assert followed.context["form"].data["type"] == kind
        assert followed.context["form"].data["body"] == amg.slug
        assert "page" not in followed.context["form"].data
        assert results.query == "lantern"
        assert results.total == int(n) == len(results.hits)
        assert {h.hit.kind for h in results.hits} == {results.hits[0].hit.kind}
        page = followed.content.decode()
        assert 'aria-current="page"><strong>' + label in page
        # Back to every type, with the same words and body.
        back = re.search(r'<a class="govuk-link" href="(\?[^"]*)">All types</a>', page)
        assert dict(client.get("/search/" + unescape(back[1])).context["form"].data) == {
            "q": ["lantern"],
            "body": [amg.slug],
        }


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"type": "secrets"}, "type", "Choose a type from the list."),
        ({"body": "no-such-body"}, "body", "There is no body with that name"),
        ({"since": "31/02/2016"}, "since", "Enter a real date"),
    ],
)
def test_a_bad_filter_says_so_and_filters_nothing(client, every_kind, params, field, message):
    response = client.get("/search/", {"q": "lantern", **params})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        response.context["results"].total
        == client.get("/search/", {"q": "lantern"}).context["results"].total
    )


def test_results_come_a_page_at_a_time(client):
    bodies = pf.area()
    plan = sf.plan(bodies["amg"])
    for n in range(site_search.PER_PAGE + 5):
        sf.action(plan, title=f"Beacon number {n}")
    first = client.get("/search/", {"q": "beacon"})
    assert first.context["results"].total == site_search.PER_PAGE + 5
    assert len(first.context["results"].hits) == site_search.PER_PAGE
    assert f"{site_search.PER_PAGE + 5} results" in first.content.decode()
    second = client.get("/search/", {"q": "beacon", "page": "2"}).context["results"]
    assert len(second.hits) == 5
    titles = {h.hit.title for h in first.context["results"].hits} | {
        h.hit.title for h in second.hits
    }
    assert len(titles) == site_search.PER_PAGE + 5


def test_every_page_has_the_search_box_in_its_header(client, records):
    for url in ("/", "/partnerships/", "/meetings/", "/funding/", "/search/?q=orchard"):
        page = client.get(url).content.decode()
        header = page[page.index("<header") : page.index("</header>")]
        assert 'action="/search/"' in header and 'role="search"' in header, url
        assert '<label class="govuk-label govuk-visually-hidden" for="site-search">' in header


def test_relevance_on_the_example_data(client):
    """The record a person typing these words is after comes first, on SQLite and
    on PostgreSQL alike."""
    load_example()
    wrong = []
    for query, kind, title in example_searches():
        results = site_search.search(query)
        first = results.hits[0].hit if results and results.hits else None
        if first is None or (first.kind, first.title) != (kind, title):
            wrong.append((query, first and (first.kind, first.title)))
    assert not wrong
    grants = site_search.search("grants", filters=site_search.Filters(kind="grants"))
    # The plural finds what the singular does: the nine town grants and more.
    assert grants.total >= 9
    assert (
        grants.total
        == site_search.search("grant", filters=site_search.Filters(kind="grants")).total
    )
    assert site_search.search("helth").searched == "health"
