"""The decision log and the forward plan: each rule of the records, who sees what,
the filters and search, the admin's door, and the cabinet report's "decision
taken" read from the log."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships import services
from partnerships.access import BodyAccess
from partnerships.models import AgendaItem, Decision, ForwardPlanEntry, Meeting
from partnerships.selectors import visible_decisions
from tests.partnerships import factories as f
from tests.reports import factories as rf

pytestmark = pytest.mark.django_db


def _at(days: int) -> datetime.datetime:
    return timezone.now().replace(hour=12, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=days
    )


@pytest.fixture
def world():
    area = f.area()
    board = area["area_board"]
    member = f.member(board, f.person("Mo Member", with_login=True)).person
    held = Meeting.objects.create(
        body=board, title="Board, spring", starts_at=_at(-20), status="held"
    )
    other = Meeting.objects.create(
        body=board, title="Board, winter", starts_at=_at(-60), status="held"
    )
    open_item = AgendaItem.objects.create(meeting=held, position=1, title="Town centre plan")
    secret_item = AgendaItem.objects.create(
        meeting=held, position=2, title="Provider terms", is_confidential=True
    )
    other_item = AgendaItem.objects.create(meeting=other, position=1, title="Budget")
    return {
        "board": board,
        "amg": area["amg"],
        "member": member,
        "held": held,
        "other": other,
        "open_item": open_item,
        "secret_item": secret_item,
        "other_item": other_item,
    }


def _decide(meeting, item, title="Town centre plan", text="Agreed the plan.", **fields):
    return services.decision_record(
        decision=Decision(meeting=meeting, agenda_item=item, title=title, text=text, **fields)
    )


def _refused(field: str, code: str, **fields) -> None:
    before = Decision.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.decision_record(decision=Decision(title="A decision", text="Agreed.", **fields))
    assert [e.code for e in refused.value.error_dict[field]] == [code]
    assert Decision.objects.count() == before


# --- The records' rules -------------------------------------------------------------


def test_a_decision_at_a_meeting_is_dated_the_meetings_day(world):
    decision = _decide(world["held"], world["open_item"], votes_for=7, votes_against=2)
    assert decision.decided_on == timezone.localdate(world["held"].starts_at)
    assert decision.decided_by == world["board"].name
    assert decision.body == world["board"]


def test_a_decision_on_an_item_of_another_meeting_is_refused(world):
    _refused(
        "agenda_item",
        "item_other_meeting",
        meeting=world["held"],
        agenda_item=world["other_item"],
    )


def test_a_decision_is_refused_on_another_day_in_the_future_or_at_a_cancelled_meeting(world):
    _refused(
        "decided_on",
        "not_meeting_day",
        meeting=world["held"],
        decided_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    _refused(
        "decided_on",
        "decision_in_future",
        decision_maker="Cabinet",
        decided_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    cancelled = Meeting.objects.create(
        body=world["board"], title="Called off", starts_at=_at(-5), status="cancelled"
    )
    _refused("meeting", "cancelled", meeting=cancelled)


def test_a_decision_names_one_decision_maker_and_a_whole_vote(world):
    _refused("meeting", "no_decision_maker", decided_on=timezone.localdate())
    _refused("decision_maker", "maker_and_meeting", meeting=world["held"], decision_maker="Cabinet")
    _refused("votes_against", "vote_incomplete", meeting=world["held"], votes_for=5)
    _refused("votes_for", "vote_incomplete", meeting=world["held"], abstentions=1)
    outside = services.decision_record(
        decision=Decision(
            decision_maker="Cabinet",
            decided_on=datetime.date(2016, 7, 12),
            title="Partnership structure",
            text="Agreed.",
        )
    )
    assert outside.decided_by == "Cabinet" and outside.body is None


def test_the_forward_plan_says_why_in_private_and_keeps_to_its_body(world):
    entry = ForwardPlanEntry(
        body=world["board"],
        title="Leisure contract",
        summary="Award the contract.",
        expected_on=timezone.localdate() + datetime.timedelta(days=10),
        is_private=True,
        is_key_decision=True,
    )
    with pytest.raises(ValidationError) as refused:
        services.forward_plan_entry_save(entry=entry)
    assert "private_reason" in refused.value.error_dict
    entry.private_reason = "Commercially sensitive bids (agreement 5.7)."
    amg_meeting = Meeting.objects.create(body=world["amg"], title="AMG", starts_at=_at(10))
    entry.meeting = amg_meeting
    with pytest.raises(ValidationError) as refused:
        services.forward_plan_entry_save(entry=entry)
    assert "meeting" in refused.value.error_dict
    assert not ForwardPlanEntry.objects.exists()
    entry.meeting = None
    services.forward_plan_entry_save(entry=entry)
    assert entry.short_notice  # ten days' notice of a key decision
    amg_decision = services.decision_record(
        decision=Decision(
            meeting=Meeting.objects.create(
                body=world["amg"], title="AMG, past", starts_at=_at(-3), status="held"
            ),
            title="Other body's",
            text="Agreed.",
        )
    )
    with pytest.raises(ValidationError) as refused:
        services.forward_plan_link(entry=entry, decision=amg_decision)
    assert "decision" in refused.value.error_dict


# --- Who sees what ------------------------------------------------------------------


def test_decisions_on_confidential_items_are_for_those_who_may_see_them(world, client):
    public = _decide(world["held"], world["open_item"])
    secret = _decide(
        world["held"], world["secret_item"], title="Provider Zeta chosen", text="Zeta's terms."
    )
    anonymous = visible_decisions(BodyAccess(AnonymousUser()))
    assert list(anonymous) == [public]
    assert set(visible_decisions(BodyAccess(world["member"].user))) == {public, secret}
    assert set(visible_decisions(BodyAccess(f.officer()))) == {public, secret}

    log = client.get("/decisions/").text
    assert "Town centre plan" in log and "Provider Zeta" not in log
    assert client.get(f"/decisions/{secret.pk}/").status_code == 404
    assert "terms." not in client.get("/search/?q=terms").text
    # Found, with the words searched for highlighted.
    found = client.get("/search/?q=town+centre+plan").text
    assert "Town centre plan" in re.sub(r"</?mark[^>]*>", "", found)
    meeting_page = client.get(world["held"].get_absolute_url()).text
    assert "Agreed the plan." in meeting_page and "Zeta" not in meeting_page

    client.force_login(world["member"].user)
    assert "Zeta&#x27;s terms." in client.get(f"/decisions/{secret.pk}/").text
    assert "Zeta&#x27;s terms." in client.get(world["held"].get_absolute_url()).text


def test_a_private_meetings_decisions_stay_private(world, client):
    private = Meeting.objects.create(
        body=world["board"], title="Closed", starts_at=_at(-2), status="held", is_public=False
    )
    item = AgendaItem.objects.create(meeting=private, position=1, title="Staffing")
    decision = _decide(private, item, title="Staffing restructure")
    assert "Staffing restructure" not in client.get("/decisions/").text
    assert client.get(decision.get_absolute_url()).status_code == 404


def test_approved_minutes_keep_the_decisions_as_approved(world, client):
    decision = _decide(world["held"], world["open_item"])
    services.meeting_minutes_approve(meeting=world["held"])
    Decision.objects.filter(pk=decision.pk).update(text="Rewritten later.")
    page = client.get(world["held"].get_absolute_url()).text
    assert "Agreed the plan." in page and "Rewritten later." not in page
    assert decision.get_absolute_url() in page


# --- The log: filters, search, bad input, queries ------------------------------------


def test_the_log_filters_by_body_priority_dates_and_words(world, client):
    spring = _decide(world["held"], world["open_item"], title="Town centre plan")
    winter = _decide(
        world["other"], world["other_item"], title="Budget 2026", text="Set the budget."
    )
    cabinet = services.decision_record(
        decision=Decision(
            decision_maker="Cabinet",
            decided_on=datetime.date(2016, 7, 12),
            title="Partnership structure",
            text="Agreed the revised structure.",
        )
    )
    strategy = rf.strategy(priorities=2)
    first, second = strategy.priorities.order_by("position")
    from strategy import services as strategy_services

    strategy_services.decision_priorities_set(decision=winter, priorities=[first])

    def titles(query: str) -> set[str]:
        page = client.get(f"/decisions/{query}").text
        return {d.title for d in (spring, winter, cabinet) if d.title in page}

    assert titles("") == {"Town centre plan", "Budget 2026", "Partnership structure"}
    assert titles(f"?body={world['board'].slug}") == {"Town centre plan", "Budget 2026"}
    assert titles(f"?priority={first.pk}") == {"Budget 2026"}
    assert titles("?q=revised+structure") == {"Partnership structure"}
    assert titles("?q=budget") == {"Budget 2026"}
    since = (timezone.localdate() - datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    assert titles(f"?since={since}") == {"Town centre plan"}
    assert titles("?until=31/12/2016") == {"Partnership structure"}

    bad = client.get("/decisions/?since=31/02/2016&priority=999999&until=01/01/2000")
    assert bad.status_code == 200
    assert "Enter a real date, like 01/04/2016" in bad.text
    assert "Choose a priority from the list." in bad.text
    assert "govuk-error-summary" in bad.text
    assert client.get(f"/decisions/?priority={second.pk}").status_code == 200


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_log_detail_and_forward_plan_run_a_fixed_number_of_queries(world, client):
    strategy = rf.strategy(priorities=2)
    from strategy import services as strategy_services

    for n in range(3):
        item = AgendaItem.objects.create(meeting=world["held"], position=10 + n, title=f"I {n}")
        decision = _decide(world["held"], item, title=f"Decision {n}")
        strategy_services.decision_priorities_set(
            decision=decision, priorities=strategy.priorities.all()
        )
        services.forward_plan_entry_save(
            entry=ForwardPlanEntry(
                body=world["board"],
                title=f"Coming {n}",
                summary="To decide.",
                expected_on=timezone.localdate() + datetime.timedelta(days=30 + n),
            )
        )
    taken = ForwardPlanEntry.objects.first()
    services.forward_plan_link(entry=taken, decision=decision)
    # The log: the filters' bodies and priorities, the count and the page.
    assert _queries(client, "/decisions/") == 4
    assert _queries(client, f"/decisions/?body={world['board'].slug}&q=decision") == 5
    # A decision: it, its declarations, priorities and forward plan entry.
    assert _queries(client, decision.get_absolute_url()) == 4
    # The forward plan: the filter's bodies, coming, taken, and which of those
    # decisions the reader may see.
    assert _queries(client, "/decisions/forward-plan/") == 4
    page = client.get("/decisions/forward-plan/").text
    assert "Coming 1" in page and decision.get_absolute_url() in page


def test_the_forward_plan_links_only_the_decisions_the_reader_may_see(world, client):
    secret = _decide(world["held"], world["secret_item"], title="Provider chosen", text="Zeta.")
    entry = services.forward_plan_entry_save(
        entry=ForwardPlanEntry(
            body=world["board"],
            title="Provider contract",
            summary="Choose a provider.",
            expected_on=secret.decided_on,
            is_private=True,
            private_reason="Commercially sensitive bids (agreement 5.7).",
        )
    )
    services.forward_plan_link(entry=entry, decision=secret)
    public = client.get("/decisions/forward-plan/").text
    assert "Provider contract (decided in private)" in public
    assert secret.get_absolute_url() not in public
    client.force_login(world["member"].user)
    assert secret.get_absolute_url() in client.get("/decisions/forward-plan/").text
