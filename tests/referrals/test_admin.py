"""Officers' admin for referrals writes through the services: recording one queues
the notice to the receiving body, answering one records who and when, and an answer
once given stays."""

import pytest
from django_tasks_db.models import DBTaskResult

from pace.referrals.models import Referral, ReferralStatus

from ..partnerships import factories as pf
from .factories import referral

pytestmark = pytest.mark.django_db


def _form(**fields) -> dict:
    return {
        "messages-TOTAL_FORMS": "0",
        "messages-INITIAL_FORMS": "0",
        "messages-MIN_NUM_FORMS": "0",
        "messages-MAX_NUM_FORMS": "1000",
        "raised_on": "2026-11-01",
        "is_public": "on",
        **fields,
    }


def test_an_officer_records_a_referral_through_the_service(
    client, w, django_capture_on_commit_callbacks
):
    client.force_login(pf.officer())
    assert client.get("/admin/referrals/referral/add/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/referrals/referral/add/",
            _form(
                from_body=w.area_board.pk,
                to_body=w.thematic.pk,
                title="Recorded by an officer",
                need="A need.",
                evidence="Evidence.",
                evidence_url="",
                wards=[w.ward.pk],
                raised_by=w.area_member.pk,
            ),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = Referral.objects.get()
    assert (made.raised_by, list(made.wards.all())) == (w.area_member, [w.ward])
    assert DBTaskResult.objects.filter(task_path="pace.referrals.notices.referral_notify").exists()


def test_the_admin_refuses_a_referral_from_a_body_that_is_not_an_area_board(client, w):
    client.force_login(pf.officer())
    response = client.post(
        "/admin/referrals/referral/add/",
        _form(
            from_body=w.amg.pk,
            to_body=w.thematic.pk,
            title="x",
            need="x",
            evidence="x",
            evidence_url="javascript:alert(1)",
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert "Enter a valid URL." in page
    assert not Referral.objects.exists()


def test_an_officer_answers_an_open_referral_and_the_answer_stays(client, w):
    made = referral(w)
    officer = pf.officer()
    client.force_login(officer)
    url = f"/admin/referrals/referral/{made.pk}/change/"
    fields = {
        "title": made.title,
        "need": made.need,
        "evidence": made.evidence,
        "evidence_url": "",
    }
    response = client.post(url, _form(**fields, status="accepted"))
    assert "Choose the plan of" in response.content.decode()
    response = client.post(url, _form(**fields, status="accepted", plan=w.plan.pk))
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.status, made.plan, made.answered_on is not None) == (
        ReferralStatus.ACCEPTED,
        w.plan,
        True,
    )
    # Answered: the answer is shown, not offered for change.
    page = client.get(url).content.decode()
    assert 'name="status"' not in page and 'name="plan"' not in page
    client.post(url, _form(**{**fields, "title": "Corrected title"}, status="declined"))
    made.refresh_from_db()
    assert (made.title, made.status) == ("Corrected title", ReferralStatus.ACCEPTED)


def test_a_board_member_has_no_admin(client, w):
    client.force_login(w.area_member.user)
    assert client.get("/admin/referrals/referral/").status_code == 302
