"""Who sees and does what, from the memberships valid today: the permission matrix
for a confidential and a public referral, through every door (the list, the page,
the forms, search). A confidential referral is never shown to anonymous visitors
nor to members of an unrelated body."""

import datetime

import pytest
from django.utils import timezone

from pace.referrals.models import Referral, ReferralMessage, ReferralStatus
from partnerships.models import Membership

from ..partnerships import factories as pf

pytestmark = pytest.mark.django_db

#: Who sees a confidential referral: the members of either body, of the body both
#: are accountable to (the Leaders Board), and officers.
SEES_CONFIDENTIAL = {
    "anonymous": False,
    "area_member": True,
    "thematic_member": True,
    "leaders_member": True,
    "outsider": False,
    "officer": True,
}


def _sign_in(client, w, who: str) -> None:
    if who == "officer":
        client.force_login(pf.officer())
    elif who != "anonymous":
        client.force_login(getattr(w, who).user)


@pytest.mark.parametrize("who", SEES_CONFIDENTIAL)
def test_a_confidential_referral_is_seen_by_both_ends_and_officers_only(
    client, w, confidential, public, who
):
    _sign_in(client, w, who)
    listed = client.get("/referrals/").content.decode()
    page = client.get(f"/referrals/{confidential.pk}/")
    assert public.title in listed
    assert (confidential.title in listed) is SEES_CONFIDENTIAL[who]
    assert page.status_code == (200 if SEES_CONFIDENTIAL[who] else 404)
    assert (confidential.title in page.content.decode()) is SEES_CONFIDENTIAL[who]
    # Search is public only, whoever asks.
    found = client.get("/search/", {"q": "lantern"}).content.decode()
    assert public.get_absolute_url() in found
    assert confidential.get_absolute_url() not in found


def test_a_membership_that_ended_yesterday_sees_nothing_confidential(client, w, confidential):
    Membership.objects.filter(person=w.area_member).update(
        starts_on=datetime.date(2015, 1, 1),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(w.area_member.user)
    assert client.get(f"/referrals/{confidential.pk}/").status_code == 404


def test_the_filters_never_reveal_a_confidential_referral(client, w, confidential):
    for query in [
        {"status": "open"},
        {"from_body": w.area_board.slug},
        {"to_body": w.thematic.slug},
    ]:
        assert confidential.title not in client.get("/referrals/", query).content.decode()


#: Who may answer (the receiving body's members and officers) and write to the thread
#: (either body's members and officers) a public referral; anyone else is refused.
MAY = {
    # who: (answer, write)
    "area_member": (False, True),
    "thematic_member": (True, True),
    "leaders_member": (False, False),
    "outsider": (False, False),
    "officer": (True, True),
}


@pytest.mark.parametrize("who", MAY)
def test_who_may_answer_and_write(client, w, public, who):
    _sign_in(client, w, who)
    page = client.get(f"/referrals/{public.pk}/").content.decode()
    may_answer, may_write = MAY[who]
    assert ("Send the answer" in page) is may_answer
    assert ("Add the message" in page) is may_write
    end = w.thematic if who == "thematic_member" else w.area_board
    wrote = client.post(
        f"/referrals/{public.pk}/messages/",
        {"message-speaks_for": end.pk, "message-text": "Hello"},
    )
    assert wrote.status_code == (302 if may_write else 403)
    answered = client.post(
        f"/referrals/{public.pk}/answer/",
        {"answer-status": "declined", "answer-reasons": "Not ours."},
    )
    assert answered.status_code == (302 if may_answer else 403)
    public.refresh_from_db()
    assert (public.status == ReferralStatus.DECLINED) is may_answer


def test_a_member_of_both_ends_writes_for_the_one_they_choose(client, w, public):
    pf.member(w.thematic, w.area_member)
    client.force_login(w.area_member.user)
    page = client.get(f"/referrals/{public.pk}/").content.decode()
    assert 'name="message-speaks_for"' in page and "<select" in page
    client.post(
        f"/referrals/{public.pk}/messages/",
        {"message-speaks_for": w.thematic.pk, "message-text": "For the board"},
    )
    assert ReferralMessage.objects.get().speaks_for == w.thematic


def test_a_member_cannot_write_for_a_body_they_are_not_on(client, w, public):
    client.force_login(w.area_member.user)
    page = client.post(
        f"/referrals/{public.pk}/messages/",
        {"message-speaks_for": w.thematic.pk, "message-text": "Pretending"},
    )
    assert page.status_code == 400
    assert "Choose one of the two bodies of the referral." in page.content.decode()
    assert not ReferralMessage.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_for_every_form(client, w, public):
    for url in ["/referrals/new/", f"/referrals/{public.pk}/answer/"]:
        response = client.post(url, {})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/referrals/new/").status_code == 302


def test_only_area_board_members_and_officers_may_raise(client, w):
    client.force_login(w.thematic_member.user)
    assert client.get("/referrals/new/").status_code == 403
    client.force_login(w.area_member.user)
    page = client.get("/referrals/new/").content.decode()
    assert w.area_board.name in page and w.other_area_board.name not in page
    client.force_login(pf.officer())
    page = client.get("/referrals/new/").content.decode()
    assert w.area_board.name in page and w.other_area_board.name in page


def test_a_member_raises_only_for_their_own_area_board(client, w):
    client.force_login(w.outsider.user)
    page = client.post(
        "/referrals/new/",
        {
            "from_body": w.area_board.pk,
            "to_body": w.thematic.pk,
            "title": "Not mine",
            "need": "x",
            "evidence": "x",
            "visibility": "public",
        },
    )
    assert page.status_code == 400
    assert "Choose one of your Area Boards." in page.content.decode()
    assert not Referral.objects.exists()


def test_an_answered_referral_offers_no_answer_form(client, w, public):
    client.force_login(w.thematic_member.user)
    client.post(
        f"/referrals/{public.pk}/answer/",
        {"answer-status": "declined", "answer-reasons": "Not ours."},
    )
    page = client.get(f"/referrals/{public.pk}/").content.decode()
    assert "Send the answer" not in page
    again = client.post(
        f"/referrals/{public.pk}/answer/",
        {"answer-status": "accepted", "answer-plan": w.plan.pk},
    )
    assert again.status_code == 302
    public.refresh_from_db()
    assert public.status == ReferralStatus.DECLINED
