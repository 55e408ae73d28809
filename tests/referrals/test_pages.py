"""The referrals' pages: the list with its filters and pages, one referral with its
thread, its answer and the referrals it was passed on from and to, and the forms
(raise, answer, write), each refusing bad input with the GOV.UK error summary and
a message on the field, nothing saved. Query counts are pinned."""

import datetime

import pytest
from django.utils import timezone

from pace.referrals import services
from pace.referrals.models import Referral, ReferralMessage, ReferralStatus
from strategy.models import PlanStatus

from ..pins import SIGNED_IN
from ..strategy import factories as sf
from .factories import referral

pytestmark = pytest.mark.django_db

#: The list for an anonymous visitor: the filters' options (Area Boards, receiving
#: bodies, wards: 3) and a page of referrals (its count, keys and rows: 3).
LIST_PAGE = 3 + 3
#: One referral for an anonymous visitor: the referral with its bodies, people and
#: answer (1), its wards (1) and its thread (1).
DETAIL_PAGE = 3


def _text(response) -> str:
    return response.content.decode()


def test_the_list_shows_newest_first_and_filters(client, w):
    old = referral(w, title="Older need", on=timezone.localdate() - datetime.timedelta(days=9))
    new = referral(w, title="Newer need", to_body=w.group, wards=[w.ward])
    services.referral_answer(referral=old, decision=ReferralStatus.DECLINED, reasons="No.")
    page = _text(client.get("/referrals/"))
    assert page.index("Newer need") < page.index("Older need")
    only = {
        "status": ReferralStatus.DECLINED,
        "to_body": w.group.slug,
        "ward": w.ward.slug,
        "from_body": w.area_board.slug,
    }
    assert "Newer need" not in _text(client.get("/referrals/", {"status": only["status"]}))
    assert "Older need" not in _text(client.get("/referrals/", {"to_body": only["to_body"]}))
    assert "Older need" not in _text(client.get("/referrals/", {"ward": only["ward"]}))
    both = _text(client.get("/referrals/", {"from_body": only["from_body"]}))
    assert "Older need" in both and "Newer need" in both
    assert new.pk


@pytest.mark.parametrize(
    "query, field, message",
    [
        ({"status": "nonsense"}, "status", "There is no such status."),
        ({"to_body": "no-such-body"}, "to_body", "There is no body with that name."),
        ({"ward": "nowhere"}, "ward", "There is no ward with that name."),
    ],
)
def test_a_bad_filter_says_so_and_filters_nothing(client, w, public, query, field, message):
    response = client.get("/referrals/", query)
    assert response.status_code == 400
    page = _text(response)
    assert "There is a problem" in page and message in page
    assert f'href="#id_{field}"' in page
    assert public.title in page


def test_the_list_comes_a_page_at_a_time(client, w):
    for n in range(21):
        referral(w, title=f"Need number {n:02d}")
    first = _text(client.get("/referrals/"))
    assert "Need number 20" in first and "Need number 00" not in first
    assert "Page 1 of 2" in first
    assert "Need number 00" in _text(client.get("/referrals/", {"page": 2}))
    assert client.get("/referrals/", {"page": "x"}).status_code == 200


def test_the_list_query_count_is_pinned(client, w, public, django_assert_num_queries):
    for n in range(5):
        referral(w, title=f"Another {n}", wards=[w.ward])
    with django_assert_num_queries(LIST_PAGE):
        client.get("/referrals/")
    client.force_login(w.area_member.user)
    # Signed in: whether they may raise one (1).
    with django_assert_num_queries(LIST_PAGE + SIGNED_IN + 1):
        assert "Raise a referral" in _text(client.get("/referrals/"))


def test_the_detail_query_count_is_pinned(client, w, public, django_assert_num_queries):
    for n in range(3):
        services.referral_message_post(referral=public, speaks_for=w.thematic, text=f"M{n}")
    with django_assert_num_queries(DETAIL_PAGE):
        client.get(f"/referrals/{public.pk}/")
    passed = services.referral_answer(
        referral=public, decision=ReferralStatus.PASSED_ON, passed_to=w.leaders
    )
    # Passed on: the referral that continues it (1), and which of the chain the
    # reader may see (1).
    with django_assert_num_queries(DETAIL_PAGE + 2):
        client.get(f"/referrals/{passed.pk}/")
    # The follow-on: the referral it continues (1), one more to find none before
    # that, and the chain's visibility (1); it is open, so nothing after.
    with django_assert_num_queries(DETAIL_PAGE + 2):
        client.get(f"/referrals/{passed.passed_on_as.pk}/")


def test_the_detail_for_the_receiving_body_query_count_is_pinned(
    client, w, public, django_assert_num_queries
):
    client.force_login(w.thematic_member.user)
    # The answer form's choices: plans, actions and bodies to pass it on to (3).
    with django_assert_num_queries(DETAIL_PAGE + SIGNED_IN + 3):
        page = _text(client.get(f"/referrals/{public.pk}/"))
    assert w.plan.title in page and w.action.title in page


def test_the_page_shows_the_need_the_thread_and_the_answer(client, w, public):
    services.referral_message_post(
        referral=public, speaks_for=w.thematic, text="Which <b>schools</b>?"
    )
    services.referral_message_post(
        referral=public, speaks_for=w.area_board, text="Three.", by=w.area_member.user
    )
    services.referral_answer(
        referral=public,
        decision=ReferralStatus.ACCEPTED,
        plan=w.plan,
        action=w.action,
        outcome="Taken on.",
        by=w.thematic_member.user,
    )
    page = _text(client.get(f"/referrals/{public.pk}/"))
    assert "Which &lt;b&gt;schools&lt;/b&gt;?" in page
    assert "A partnership officer" in page and w.area_member.name in page
    assert page.index("Which &lt;b&gt;schools") < page.index("Three.")
    assert f'href="{w.plan.get_absolute_url()}"' in page
    assert f'href="{w.action.get_absolute_url()}"' in page
    assert "Taken on." in page and w.thematic_member.name in page


def test_a_plan_the_reader_may_not_see_is_not_named(client, w, public):
    draft = sf.plan(w.thematic, status=PlanStatus.DRAFT)
    draft.title = "Secret draft plan"
    draft.save()
    private = sf.action(draft, title="Private costing", is_public=False)
    services.referral_answer(
        referral=public, decision=ReferralStatus.ACCEPTED, plan=draft, action=private
    )
    page = _text(client.get(f"/referrals/{public.pk}/"))
    assert "Secret draft plan" not in page and "Private costing" not in page
    assert "not yet published" in page
    client.force_login(w.thematic_member.user)
    page = _text(client.get(f"/referrals/{public.pk}/"))
    assert "Secret draft plan" in page and "Private costing" in page


def test_the_passed_on_chain_is_shown_both_ways(client, w, public):
    services.referral_answer(
        referral=public,
        decision=ReferralStatus.PASSED_ON,
        passed_to=w.leaders,
        outcome="Not ours.",
    )
    follow_on = Referral.objects.get(passed_from=public)
    services.referral_answer(
        referral=follow_on, decision=ReferralStatus.PASSED_ON, passed_to=w.group
    )
    last = Referral.objects.get(passed_from=follow_on)
    first_page = _text(client.get(f"/referrals/{public.pk}/"))
    assert f'href="{follow_on.get_absolute_url()}"' in first_page
    assert f'href="{last.get_absolute_url()}"' in first_page
    last_page = _text(client.get(f"/referrals/{last.pk}/"))
    assert "It went first to:" in last_page
    assert f'href="{public.get_absolute_url()}"' in last_page


def test_the_evidence_link_is_shown_as_a_link(client, w):
    made = referral(w, evidence_url="https://example.org/data")
    page = _text(client.get(f"/referrals/{made.pk}/"))
    assert 'href="https://example.org/data" rel="noopener noreferrer nofollow"' in page


RAISE = {
    "to_body": "",
    "title": "",
    "need": "",
    "evidence": "",
    "evidence_url": "javascript:alert(1)",
    "visibility": "public",
}


def test_raising_with_mistakes_shows_each_on_its_field_and_saves_nothing(client, w):
    client.force_login(w.area_member.user)
    response = client.post("/referrals/new/", {**RAISE, "from_body": w.area_board.pk})
    assert response.status_code == 400
    page = _text(response)
    assert "<title>Error: " in page and "There is a problem" in page
    for field, message in [
        ("to_body", "Choose the body the referral is for."),
        ("title", "Enter a title."),
        ("need", "Say what the area needs."),
        ("evidence", "Give the evidence for the need."),
    ]:
        assert f'<a href="#id_{field}">{message}</a>' in page
    assert not Referral.objects.exists()
    # The form's own checks passed, the model's did not: still on the field.
    response = client.post(
        "/referrals/new/",
        {
            **RAISE,
            "from_body": w.area_board.pk,
            "to_body": w.thematic.pk,
            "title": "T",
            "need": "N",
            "evidence": "E",
        },
    )
    assert '<a href="#id_evidence_url">Enter a web address (https://…).</a>' in _text(response)
    assert not Referral.objects.exists()


def test_a_member_raises_a_referral(client, w):
    client.force_login(w.area_member.user)
    response = client.post(
        "/referrals/new/",
        {
            "from_body": w.area_board.pk,
            "to_body": w.thematic.pk,
            "title": "Safe routes to school",
            "need": "Crossings near schools.",
            "evidence": "Near misses reported.",
            "evidence_url": "",
            "wards": [w.ward.pk],
            "visibility": "confidential",
        },
    )
    made = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert (made.raised_by, made.is_public, list(made.wards.all())) == (
        w.area_member,
        False,
        [w.ward],
    )
    page = _text(client.get(made.get_absolute_url()))
    assert f"Your referral has gone to {w.thematic.name}." in page


def test_answering_with_mistakes_shows_each_on_its_field(client, w, public):
    client.force_login(w.thematic_member.user)
    response = client.post(f"/referrals/{public.pk}/answer/", {"answer-status": "accepted"})
    assert response.status_code == 400
    page = _text(response)
    assert f'<a href="#id_answer-plan">Choose the plan of {w.thematic.name}' in page
    response = client.post(f"/referrals/{public.pk}/answer/", {})
    assert '<a href="#id_answer-status">Choose what your body decides.</a>' in _text(response)
    response = client.post(
        f"/referrals/{public.pk}/answer/", {"answer-status": "passed_on", "answer-passed_to": 999}
    )
    assert '<a href="#id_answer-passed_to">Choose one from the list.</a>' in _text(response)
    public.refresh_from_db()
    assert public.status == ReferralStatus.OPEN


def test_a_member_accepts_into_their_plan(client, w, public):
    client.force_login(w.thematic_member.user)
    response = client.post(
        f"/referrals/{public.pk}/answer/",
        {
            "answer-status": "accepted",
            "answer-plan": w.plan.pk,
            "answer-action": w.action.pk,
            "answer-outcome": "We take it on.",
        },
    )
    assert response.status_code == 302
    public.refresh_from_db()
    assert (public.status, public.plan, public.action, public.answered_by) == (
        ReferralStatus.ACCEPTED,
        w.plan,
        w.action,
        w.thematic_member,
    )


def test_an_empty_message_is_refused(client, w, public):
    client.force_login(w.area_member.user)
    response = client.post(
        f"/referrals/{public.pk}/messages/",
        {"message-speaks_for": w.area_board.pk, "message-text": "  "},
    )
    assert response.status_code == 400
    assert '<a href="#id_message-text">Enter your message.</a>' in _text(response)
    assert not ReferralMessage.objects.exists()


def test_an_unknown_referral_is_not_found(client, w):
    assert client.get("/referrals/999/").status_code == 404
    assert client.get("/referrals/999/answer/").status_code in (302, 405)


def test_the_body_panel_lists_what_the_reader_may_see_in_one_query(
    rf, w, public, confidential, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    from pace.referrals.panels import body_referrals

    request = rf.get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(1):
        panel = body_referrals(request, w.thematic)
    assert panel.context["referrals"] == [public]
    assert body_referrals(request, w.amg) is None
    request.user = w.area_member.user
    with django_assert_num_queries(2):  # their bodies, and the referrals
        panel = body_referrals(request, w.area_board)
    assert set(panel.context["referrals"]) == {public, confidential}
    from django.template.loader import render_to_string

    html = render_to_string(panel.template, {"panel": panel.context})
    assert confidential.title in html and f"from_body={w.area_board.slug}" in html


def test_a_bodys_page_shows_the_referrals_it_raised_or_received(client, w, public, confidential):
    """The panel is on the pages of the bodies that raise and receive referrals, and
    a confidential one only for those who may see it."""
    raised = _text(client.get(w.area_board.get_absolute_url()))
    assert 'id="referrals"' in raised and public.title in raised
    assert confidential.title not in raised
    assert f"?from_body={w.area_board.slug}" in raised
    received = _text(client.get(public.to_body.get_absolute_url()))
    assert "The local needs the Area Boards have raised with" in received
    assert public.title in received and confidential.title not in received
    assert 'id="referrals"' not in _text(client.get(w.amg.get_absolute_url()))
    client.force_login(w.area_member.user)
    assert confidential.title in _text(client.get(w.area_board.get_absolute_url()))
