# Over 400 lines, as one piece: one seed report, read back as a web page and a PDF, throughout.
"""Cabinet reports on the web and as PDFs: the seed report reads like the original
with live appendices, text is only ever text, drafts stay with officers, PDFs are
rendered once per state, and queries do not grow with the data."""

import datetime
import io
import re

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pace.core import pdf
from pace.reports.models import CabinetReport
from pace.reports.text import ReportSection
from partnerships.models import Body, BodyKind
from strategy.models import Milestone, Rag, Risk, Strategy
from tests.example_snapshot import load_example
from tests.partnerships import factories as f
from tests.reports import factories as rf

pytestmark = pytest.mark.django_db
S = ReportSection
HEADINGS = [
    "1. Report Summary",
    "2. Recommendations",
    "3. Reasons for Recommendations",
    "4. Other Options Considered",
    "5. Background",
    "6. Wards Affected and Local Ward Members",
    "7. Implications of Recommendation",
    "8. Risk Management",
    "9. Background Papers",
    "10. Contact Information",
]


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def in_order(text: str, items: list[str]) -> bool:
    position = 0
    for item in items:
        found = text.find(item, position)
        if found < 0:
            return False
        position = found + len(item)
    return True


@pytest.fixture
def seed_report() -> CabinetReport:
    load_example()
    return CabinetReport.objects.get(meeting_on=datetime.date(2016, 7, 12))


class RecordingFetcher(pdf.StaticFilesFetcher):
    asked: list[str] = []

    def fetch(self, url, headers=None):
        RecordingFetcher.asked.append(url)
        return super().fetch(url, headers)


@pytest.fixture
def recording_fetcher(monkeypatch):
    RecordingFetcher.asked = []
    monkeypatch.setattr(pdf, "StaticFilesFetcher", RecordingFetcher)
    return RecordingFetcher


@pytest.fixture
def renders(monkeypatch):
    """Counts the PDFs actually rendered (not served from storage)."""
    done = []
    real = pdf.html_to_pdf

    def counting(html, **kwargs):
        done.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(pdf, "html_to_pdf", counting)
    return done


def test_the_seed_report_reads_like_the_original(client, seed_report):
    response = client.get(seed_report.get_pdf_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = flat(pdf_text(response.content))
    # The cover, laid out like the seed's.
    assert in_order(
        text,
        [
            "Cheshire East Council",
            "Cabinet",
            "Date of Meeting: 12 July 2016",
            "Report of: Steph Cordon – Head of Communities",
            "Subject/Title: Ambition for All - Partnerships Structure and Strategy 2016-2020",
            "Portfolio Holder: Cllr Paul Bates, Communities and Health",
        ],
    )
    assert in_order(text, HEADINGS)
    # Numbers are worked out, in order, down to sub-paragraphs and implications.
    assert in_order(
        text,
        [
            "1.1 Working effectively",
            "1.6 The overarching vision",
            "2.3 To agree to the outlined approach",
            "5.3 Initial consideration",
            "Where are we now",
            "It is suggested that this could be",
            "5.6 The main changes",
            "5.6.1 Reviewing and revamping the Leaders Board",
            "5.6.5 Reviewing how we fund",
            "£72,000",
            "5.6.6 An outline project plan",
            "6.1 All wards and all members.",
            "7.1. Policy Implications",
            "7.1.1 The recommendations proposed",
            "7.2.1 In undertaking the review",
            "The consultation must be at a time when proposals are still at a formative stage.",
            "7.2.2 In developing the strategy",
            "7.7.1 There are no specific implications for the public health",
            "8.1 This programme of work",
            "9.1 A copy of Ambition for All",
            "9.2 Further information",
            "Name: Steph Cordon",
            "Designation: Head of Communities",
            "Tel. No.: 01270 686 401",
            "Email: Steph.Cordon@cheshireeast.gov.uk",
        ],
    )
    # The appendices, drawn from live data.
    assert in_order(
        text,
        [
            "Appendix 1: Partnership structure",
            "Cheshire East Leaders Board",
            "Health and Wellbeing Board",
            "Appendix 2: Bodies accountable to the boards",
            "Crewe and Nantwich Area Management Group",
            "Appendix 3: Project plan and risk log",
            "Consultation closes; responses analysed",
            "16 December 2016",
            "Partners do not commit resources to the refreshed strategy",
            "12 (Medium)",
        ],
    )


def test_the_seed_report_pdf_is_tagged(client, seed_report):
    reader = pypdf.PdfReader(io.BytesIO(client.get(seed_report.get_pdf_url()).content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == seed_report.title
    assert "Steph Cordon" in reader.metadata.author
    # Headings become the outline that screen readers and viewers offer.
    top, below = reader.outline[0], reader.outline[1]
    assert top.title == seed_report.title
    assert [item.title for item in below if not isinstance(item, list)][:10] == HEADINGS


def test_the_web_page_shows_the_same_report(client, seed_report):
    page = client.get(seed_report.get_absolute_url()).content.decode()
    text = flat(re.sub(r"<[^>]+>", " ", page))
    assert in_order(text, HEADINGS)
    assert "5.6.1 " in text and "7.2.4 " in text
    assert "Appendix 3: Project plan and risk log" in text
    assert 'aria-labelledby="chart-' in page and "<title id=" in page
    assert f'href="/reports/{seed_report.pk}/versions/1.pdf"' in page


def test_the_list_shows_published_reports_only(client):
    published = rf.report(title="Published report")
    rf.report(title="Draft report", status="draft")
    page = client.get("/reports/").content.decode()
    assert "Published report" in page and published.get_pdf_url() in page
    assert "Draft report" not in page


def test_officer_text_is_text_and_fetches_nothing(client, recording_fetcher):
    report = rf.report()
    hostile = (
        'Look: <img src="file:///etc/passwd"> and <img src="https://evil.example/x.png">\n'
        "- see https://evil.example/tracker.png"
    )
    rf.paragraph(report, hostile)
    page = client.get(report.get_absolute_url()).content.decode()
    assert '<img src="file:///etc/passwd">' not in page
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page
    response = client.get(report.get_pdf_url())
    text = flat(pdf_text(response.content))
    assert '1.1 Look: <img src="file:///etc/passwd"> and' in text
    assert "https://evil.example/tracker.png" in text
    assert recording_fetcher.asked == ["https://pace.invalid/static/css/pdf.css"]


@pytest.mark.parametrize("suffix", ["", ".pdf"])
def test_a_draft_is_for_officers_only(client, suffix):
    draft = rf.report(status="draft", title="Secret draft")
    url = draft.get_absolute_url() if suffix == "" else draft.get_pdf_url()
    assert client.get(url).status_code == 404
    member = f.person(with_login=True)
    f.member(f.body(BodyKind.LEADERS_BOARD), member)
    client.force_login(member.user)
    assert client.get(url).status_code == 404
    client.force_login(f.officer())
    response = client.get(url)
    assert response.status_code == 200
    if suffix:
        assert "Draft: not for publication" in pdf_text(response.content)
    else:
        assert "This report is a draft" in response.content.decode()


def test_bad_addresses_are_404_not_errors(client):
    report = rf.report()
    for url in [
        "/reports/99999/",
        "/reports/99999.pdf",
        "/reports/abc/",
        "/plans/99999.pdf",
        "/partnerships/no-such-body/annual-report.pdf",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get("/reports/?page=abc").status_code == 200
    assert client.get("/reports/?page=99").status_code == 200
    assert client.get(report.get_absolute_url() + "?x=<script>").status_code == 200


def test_a_draft_pdf_is_rendered_once_and_changing_a_milestone_changes_the_next(
    client, seed_report, renders
):
    # A draft is drawn from live data (a published report is kept as published:
    # tests/reports/test_published.py).
    CabinetReport.objects.filter(pk=seed_report.pk).update(status="draft")
    client.force_login(f.officer())
    url = seed_report.get_pdf_url()
    first = client.get(url).content
    assert client.get(url).content == first
    assert len(renders) == 1
    milestone = Milestone.objects.get(title="Consultation closes; responses analysed")
    milestone.due_on = datetime.date(2016, 12, 23)
    milestone.save()
    changed = client.get(url).content
    assert len(renders) == 2 and changed != first
    text = flat(pdf_text(changed))
    assert "23 December 2016" in text and "16 December 2016" not in text
    # A risk's score is live too.
    risk = Risk.objects.get(title__startswith="Partners do not commit")
    risk.likelihood = 5
    risk.save()
    assert "20 (High)" in flat(pdf_text(client.get(url).content))
    assert len(renders) == 3


def test_action_plan_summaries_show_public_actions_and_roll_ups(client):
    bodies = f.area()
    strategy = rf.strategy()
    plan = rf.plan(bodies["amg"], strategy, title="AMG plan 2016/17")
    rf.action(plan, title="Public red action", rag=Rag.RED)
    rf.action(plan, title="Public green action", rag=Rag.GREEN)
    rf.action(plan, title="Secret members action", rag=Rag.AMBER, is_public=False)
    report = rf.report(summary_bodies=[bodies["area_board"], bodies["amg"]])
    text = flat(pdf_text(client.get(report.get_pdf_url()).content))
    assert "Appendix 1: Action plan summaries" in text
    assert "Public red action" in text and "Red: off track" in text
    assert "Secret members action" not in text
    board = bodies["area_board"].name
    # The Area Board has no actions of its own; with the bodies below it, one red and one green.
    assert in_order(
        text, [board, f"{board} itself 0 0 0 0 0 0 0", "accountable to it 1 0 1 0 0 0 2"]
    )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_report_queries_do_not_grow_with_the_data(client, django_assert_max_num_queries):
    # A draft, drawn from live data, as officers see it; a published report is served
    # as published (tests/reports/test_published.py pins its page).
    client.force_login(f.officer())
    bodies = f.area()
    strategy = rf.strategy()
    plan = rf.plan(bodies["amg"], strategy)
    rf.action(plan, rag=Rag.GREEN)
    rf.milestone(strategy, "One", datetime.date(2016, 9, 1))
    rf.risk(strategy, "One risk")
    report = rf.report(
        status="draft",
        include_structure_chart=True,
        include_project_plan=True,
        include_risk_log=True,
        appendix_strategy=strategy,
        summary_bodies=[bodies["amg"]],
    )
    top = rf.paragraph(report, "Top", section=S.BACKGROUND)
    rf.paragraph(report, "Sub", section=S.BACKGROUND, parent=top)
    rf.report(title="A published report")  # so that the list has a page to show
    urls = [report.get_absolute_url(), report.get_pdf_url(), "/reports/"]
    small = [count_queries(client, url) for url in urls]

    for i in range(30):
        paragraph = rf.paragraph(report, f"More {i}", section=S.SUMMARY, position=i)
        rf.paragraph(report, f"Sub {i}", section=S.SUMMARY, parent=paragraph)
        rf.milestone(strategy, f"Milestone {i}", datetime.date(2016, 10, 1))
        rf.risk(strategy, f"Risk {i}")
        rf.report(title=f"Another report {i}")
    for _ in range(4):
        town = f.body(BodyKind.TOWN_PARTNERSHIP, bodies["area_board"])
        for rag in (Rag.RED, Rag.AMBER, None):
            rf.action(rf.plan(town, strategy), rag=rag)
        report.summary_bodies.add(town)
    report.summary_bodies.add(bodies["area_board"], bodies["leaders"])

    # the session, the officer and their own and group permissions (4), then the report,
    # paragraphs, structure and the relations between its bodies, milestones, risks,
    # summary bodies, roll-ups, actions, funds chosen for a grants appendix (none here;
    # their grants would be one more), and the outcomes and priorities chosen for a
    # scorecards appendix (none here: 2)
    with django_assert_max_num_queries(16):
        client.get(report.get_absolute_url())
    with django_assert_max_num_queries(16):
        client.get(report.get_pdf_url())
    # the session and the officer, then the count and the page of published reports
    with django_assert_max_num_queries(4):
        client.get("/reports/")
    assert [count_queries(client, url) for url in urls] == small


@pytest.fixture
def plans():
    bodies = f.area()
    strategy = rf.strategy()
    adopted = rf.plan(bodies["amg"], strategy, title="Adopted AMG plan")
    rf.action(adopted, title="Everyone may see this", rag=Rag.AMBER)
    rf.action(adopted, title="Only members see this", rag=Rag.RED, is_public=False)
    draft = rf.plan(bodies["amg"], strategy, status="draft", title="Draft AMG plan")
    rf.action(draft, title="Drafted action")
    member = f.person(with_login=True)
    f.member(bodies["amg"], member)
    return {
        "bodies": {k: Body.objects.get(pk=v.pk) for k, v in bodies.items()},
        "adopted": adopted,
        "draft": draft,
        "member": member.user,
    }


def test_plan_pdf_shows_anonymous_visitors_public_actions_of_adopted_plans(client, plans):
    text = flat(pdf_text(client.get(f"/plans/{plans['adopted'].pk}.pdf").content))
    assert "Adopted AMG plan" in text and "Everyone may see this" in text
    assert "Only members see this" not in text
    assert client.get(f"/plans/{plans['draft'].pk}.pdf").status_code == 404


def test_plan_pdf_shows_members_everything(client, plans):
    client.force_login(plans["member"])
    text = flat(pdf_text(client.get(f"/plans/{plans['adopted'].pk}.pdf").content))
    assert "Only members see this (members only)" in text
    assert "Members' version" in text
    draft = client.get(f"/plans/{plans['draft'].pk}.pdf")
    assert draft.status_code == 200 and "Drafted action" in pdf_text(draft.content)


def test_annual_report_hides_private_actions_from_the_public(client, plans):
    board = plans["bodies"]["area_board"]
    amg = plans["bodies"]["amg"]
    url = f"/partnerships/{amg.slug}/annual-report.pdf"
    public = flat(pdf_text(client.get(url).content))
    assert "annual progress report" in public and "Everyone may see this" in public
    assert "Only members see this" not in public and "Drafted action" not in public
    # The red update opened an exception report: members only, as its action is.
    assert "Raised by" in public and "None were raised in this period." in public
    client.force_login(plans["member"])
    members = flat(pdf_text(client.get(url).content))
    assert "Only members see this" in members and "Drafted action" in members
    assert "None were raised in this period." not in members
    # The Area Board's report rolls its Area Management Group up.
    client.logout()
    above = flat(pdf_text(client.get(f"/partnerships/{board.slug}/annual-report.pdf").content))
    assert in_order(above, [f"Bodies accountable to {board.name}", amg.name, "0 1 0 0 0 0 1"])


def test_the_body_page_links_to_its_annual_report(client, plans):
    amg = plans["bodies"]["amg"]
    page = client.get(amg.get_absolute_url()).content.decode()
    assert f"/partnerships/{amg.slug}/annual-report.pdf" in page


def test_other_pdf_queries_do_not_grow(client, plans, django_assert_max_num_queries):
    amg = plans["bodies"]["amg"]
    urls = [f"/plans/{plans['adopted'].pk}.pdf", f"/partnerships/{amg.slug}/annual-report.pdf"]
    small = [count_queries(client, url) for url in urls]
    strategy = Strategy.objects.get()
    for i in range(15):
        rf.action(plans["adopted"], title=f"More {i}", rag=Rag.RED if i % 3 else None)
    for _ in range(3):
        town = f.body(BodyKind.TOWN_PARTNERSHIP, plans["bodies"]["area_board"])
        rf.action(rf.plan(town, strategy), rag=Rag.GREEN)
    with django_assert_max_num_queries(4):  # plan, actions (+ a savepoint pair at most)
        client.get(urls[0])
    with django_assert_max_num_queries(8):
        client.get(urls[1])
    assert [count_queries(client, url) for url in urls] == small
