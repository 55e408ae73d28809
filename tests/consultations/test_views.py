"""The public consultation pages: sections, drafts kept private, the checklist and
"you said, we did", the equality impact assessment, the body page panel, the
officers' checks, and query counts that do not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from strategy.consultations import services as services
from strategy.consultations.models import Impact, ProtectedCharacteristic
from strategy.models import StrategyStatus
from tests.partnerships import factories as pf

from ..pins import AREA_BOARD_PAGE
from . import factories as f

pytestmark = pytest.mark.django_db


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def published_outcome(**kwargs):
    c = f.closed_with_outcome(**kwargs)
    services.consultation_outcome_publish(consultation=c, by=pf.officer())
    c.refresh_from_db()
    return c


def test_the_list_has_its_sections(client):
    soon = f.consultation(title="Closing soon one", opens_in=-30, days=40)
    later = f.consultation(title="Open for weeks", opens_in=-5, days=60)
    planned = f.consultation(title="Coming next", opens_in=10)
    closed = f.consultation(title="Just closed", opens_in=-90)
    done = published_outcome(title="Outcome out")
    html = page(client, "/consultations/")
    sections = {
        "Closing soon": soon,
        "Open now": later,
        "Planned": planned,
        "Closed: outcome to follow": closed,
        "Outcomes: you said, we did": done,
    }
    order = [html.index(f">{heading}</h2>") for heading in sections]
    assert order == sorted(order)
    for i, (heading, consultation) in enumerate(sections.items()):
        start = order[i]
        end = order[i + 1] if i + 1 < len(order) else len(html)
        assert consultation.title in html[start:end], heading
    assert "Closes in 9 days" in html
    assert page(client, "/consultations/?page=zzz").count("Outcome out") == 1


def test_anonymous_never_sees_a_draft(client):
    draft = f.consultation(title="Unfinished draft", is_published=False)
    assert "Unfinished draft" not in page(client, "/consultations/")
    page(client, draft.get_absolute_url(), 404)
    member = pf.person(with_login=True)
    pf.member(pf.area()["amg"], member)
    client.force_login(member.user)
    page(client, draft.get_absolute_url(), 404)
    client.force_login(pf.officer())
    assert "Draft: not public" in page(client, "/consultations/")
    assert "Only officers can see this page" in page(client, draft.get_absolute_url())


def test_the_page_shows_the_checklist_and_you_said_we_did(client):
    c = published_outcome(title="Library opening hours")
    html = page(client, c.get_absolute_url())
    assert "Is this a fair consultation?" in html
    for title in (
        "Consulted while the proposal is at a formative stage",
        "Sufficient reasons and the criteria for the decision given",
        "Adequate time to consider and respond",
        "Responses conscientiously taken into account",
    ):
        assert title in html
    assert html.count(">Met</strong>") == 4
    assert "You said, we did" in html and "Bus routes matter." in html
    assert "We added rural transport." in html
    assert "We received 12 responses." in html
    assert "General public" in html and "Stakeholders" in html


def test_an_open_consultation_says_what_is_not_yet_met(client):
    c = f.consultation(
        title="Open one",
        opens_in=-3,
        reasons="",
        how_to_respond="Write to us.",
        response_url="https://example.org/survey",
    )
    html = page(client, c.get_absolute_url())
    assert ">Not met</strong>" in html and "does not give the reasons" in html
    assert ">Not yet</strong>" in html
    assert "Answer the online form" in html and "Write to us." in html
    assert "mailto:consultations@example.org" in html and "Who to contact" in html
    assert "Respond online" not in html  # no online form of its own
    assert "You said, we did" not in html


def test_the_assessment_shows_when_completed(client):
    strategy = f.strategy()
    c = f.consultation(subject=strategy)
    assessment = services.assessment_create(strategy=strategy)
    services.assessment_impact_set(
        assessment=assessment,
        characteristic=ProtectedCharacteristic.AGE,
        impact=Impact.NEGATIVE,
        evidence="Fewer older people online.",
        mitigation="Paper copies at libraries.",
    )
    assert "Equality impact assessment" not in page(client, c.get_absolute_url())
    services.assessment_complete(assessment=assessment, completed_by="Policy team")
    html = page(client, c.get_absolute_url())
    assert "Equality impact assessment" in html and "completed by Policy team" in html
    assert "Paper copies at libraries." in html and "Sexual orientation" in html


def test_rounds_link_each_other_but_not_to_drafts(client):
    first = published_outcome(title="First round", opens_in=-120)
    second = f.consultation(title="Second round", earlier_round=first, opens_in=-10)
    f.consultation(title="Draft third round", earlier_round=first, opens_in=-5, is_published=False)
    html = page(client, first.get_absolute_url())
    assert "Second round" in html and "Draft third round" not in html
    assert "First round" in page(client, second.get_absolute_url())


def test_the_body_page_lists_its_consultations(client):
    bodies = pf.area()
    f.consultation(
        title="Parking in the town centre", area_board=bodies["area_board"], local_issue="Parking"
    )
    f.consultation(
        title="Secret draft", area_board=bodies["area_board"], local_issue="x", is_published=False
    )
    html = page(client, bodies["area_board"].get_absolute_url())
    assert "Parking in the town centre" in html and "Secret draft" not in html
    assert 'id="consultations"' not in page(client, bodies["amg"].get_absolute_url())


@pytest.mark.parametrize("held", [10, 11])
def test_the_body_page_says_when_it_lists_only_its_latest_consultations(client, held):
    bodies = pf.area()
    for i in range(held):
        f.consultation(
            title=f"Local issue {i:02}",
            area_board=bodies["area_board"],
            local_issue=f"Issue {i}",
            opens_in=-100 + i,
        )
    html = page(client, bodies["area_board"].get_absolute_url())
    listed = html.split('id="consultations"')[1]
    assert listed.count("Local issue") == 10
    assert ("Local issue 00" in listed) == (held == 10)  # the oldest goes first
    assert ("It has held more: the 10 most recent are listed." in html) == (held > 10)


def test_the_officers_checks(client):
    f.strategy(StrategyStatus.ADOPTED, title="Adopted without assessment")
    f.consultation(title="Still open", opens_in=-3, reasons="")
    url = "/consultations/officers/"
    assert client.get(url).status_code == 302
    member = pf.person(with_login=True)
    pf.member(pf.area()["amg"], member)
    client.force_login(member.user)
    assert client.get(url).status_code == 403
    client.force_login(pf.officer())
    html = page(client, url)
    assert "Adopted without assessment" in html and "Still open" in html
    assert "does not give the reasons for the proposal" in html
    assert "Checks for officers" in page(client, "/consultations/")


# --- Query counts --------------------------------------------------------------------


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def make(n: int, strategy, bodies) -> None:
    for i in range(n):
        kind = i % 5
        if kind == 0:
            f.consultation(subject=strategy, opens_in=-30, days=40)
        elif kind == 1:
            f.consultation(area_board=bodies["area_board"], local_issue="x", opens_in=-5, days=60)
        elif kind == 2:
            f.consultation(action_plan=f.plan(bodies["amg"], strategy), opens_in=10)
        elif kind == 3:
            f.consultation(subject=strategy, opens_in=-90)
        else:
            published_outcome(subject=strategy)


@pytest.mark.parametrize("as_officer", [False, True])
def test_consultation_pages_queries_do_not_grow(client, django_assert_max_num_queries, as_officer):
    if as_officer:
        client.force_login(pf.officer())
    bodies = pf.area()
    strategy = f.strategy(StrategyStatus.ADOPTED)
    make(5, strategy, bodies)
    detail = published_outcome(subject=strategy)
    services.assessment_complete(
        assessment=services.assessment_create(strategy=strategy), completed_by="Team"
    )
    urls = ["/consultations/", detail.get_absolute_url(), bodies["area_board"].get_absolute_url()]
    if as_officer:
        urls.append("/consultations/officers/")
    small = {url: count(client, url) for url in urls}
    make(40, strategy, bodies)
    for i in range(5):
        services.consultation_feedback_add(consultation=detail, you_said=f"s{i}", we_did="d")
        f.consultation(earlier_round=detail, opens_in=1 + i * 30, days=28)
    limits = {
        "/consultations/": 5,
        # + the themes each "you said, we did" point answers, and the responses
        # counted by channel (an outcome published).
        detail.get_absolute_url(): 9,
        "/consultations/officers/": 3,
    }
    for url in urls:
        extra = 4 if as_officer else 0  # session, user, and the user's permissions
        with django_assert_max_num_queries(limits.get(url, AREA_BOARD_PAGE) + extra):
            client.get(url)
        assert count(client, url) == small[url], url


def test_the_checklist_keeps_the_responses_until_the_outcome_is_published(client):
    closed = f.closed_with_outcome(title="Considered, not yet published", responses=7)
    public = page(client, closed.get_absolute_url())
    assert "7 responses" not in public and "published with the outcome" in public
    client.force_login(pf.officer())
    assert "7 responses were received and summarised" in page(client, closed.get_absolute_url())
    client.logout()
    services.consultation_outcome_publish(consultation=closed, by=pf.officer())
    html = page(client, closed.get_absolute_url())
    assert "7 responses were received and summarised" in html
    assert "We received 7 responses." in html
    assert "Theme in the responses: Bus routes (7 responses)" in html
