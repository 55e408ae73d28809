"""The officers' admin for consultations and equality impact assessments."""

import datetime

import pytest
from django.utils import timezone

from strategy.consultations import services as services
from strategy.consultations.models import (
    Audience,
    CharacteristicImpact,
    Consultation,
    EqualityImpactAssessment,
    Impact,
)
from tests.partnerships import factories as pf

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    officer = pf.officer()
    client.force_login(officer)
    client.officer = officer
    return client


def form_data(strategy, **changes) -> dict:
    today = timezone.localdate()
    data = {
        "title": "Town centre parking",
        "slug": "town-centre-parking",
        "is_published": "on",
        "strategy": strategy.pk,
        "purpose": "Hear views.",
        "stage": "formative",
        "reasons": "Reasons.",
        "decision_criteria": "Criteria.",
        "audiences": [a.pk for a in Audience.objects.all()[:2]],
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=13)).isoformat(),
        "response_email": "parking@example.org",
        "contact_name": "Parking team",
        "contact_telephone": "0300 123 5500",
        "documents-TOTAL_FORMS": 0,
        "documents-INITIAL_FORMS": 0,
        "feedback-TOTAL_FORMS": 0,
        "feedback-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_officer_opens_every_page(officer_client):
    c = f.closed_with_outcome()
    assessment = services.assessment_create(strategy=f.strategy())
    for url in (
        "/admin/consultations/consultation/",
        "/admin/consultations/consultation/?status=open",
        "/admin/consultations/consultation/add/",
        f"/admin/consultations/consultation/{c.pk}/change/",
        f"/admin/consultations/consultation/{c.pk}/publish-outcome/",
        "/admin/consultations/equalityimpactassessment/",
        "/admin/consultations/equalityimpactassessment/add/",
        f"/admin/consultations/equalityimpactassessment/{assessment.pk}/change/",
        "/admin/consultations/strategyassessmentcheck/",
        "/admin/consultations/audience/",
    ):
        assert officer_client.get(url).status_code == 200, url


def test_a_short_period_is_a_warning_to_confirm_in_the_admin(officer_client, settings):
    settings.PACE_CONSULTATION_MIN_DAYS = 28
    strategy = f.strategy()
    response = officer_client.post("/admin/consultations/consultation/add/", form_data(strategy))
    assert response.status_code == 200
    html = response.content.decode()
    assert "open for 14 days, fewer than the minimum of 28" in html
    assert not Consultation.objects.exists()
    response = officer_client.post(
        "/admin/consultations/consultation/add/",
        form_data(
            strategy,
            short_period_confirmed="on",
            short_period_reason="The decision is due at the next Area Assembly.",
        ),
    )
    assert response.status_code == 302
    c = Consultation.objects.get()
    assert c.short_period_confirmed_by == officer_client.officer
    assert c.short_period_confirmed_at is not None
    assert c.audiences.count() == 2


def test_admin_refuses_a_consultation_that_closes_before_it_opens(officer_client):
    strategy = f.strategy()
    today = timezone.localdate()
    response = officer_client.post(
        "/admin/consultations/consultation/add/",
        form_data(strategy, closes_on=(today - datetime.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200
    assert "The consultation must close on or after the day it opens." in response.content.decode()
    assert not Consultation.objects.exists()


def test_admin_publish_is_refused_naming_the_principle_then_allowed(officer_client):
    c = f.closed_with_outcome()
    Consultation.objects.filter(pk=c.pk).update(responses_summary="")
    url = f"/admin/consultations/consultation/{c.pk}/publish-outcome/"
    response = officer_client.post(url, {"confirm": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cannot publish as complete: principle 4" in html
    assert "a summary of the responses" in html
    c.refresh_from_db()
    assert not c.outcome_published
    Consultation.objects.filter(pk=c.pk).update(responses_summary="Summary.")
    response = officer_client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.outcome_published and c.outcome_published_by == officer_client.officer
    # And it can be withdrawn the same way.
    assert officer_client.post(url, {"confirm": "on"}).status_code == 302
    c.refresh_from_db()
    assert not c.outcome_published


def test_admin_keeps_you_said_we_did_on_a_published_outcome(officer_client):
    c = f.closed_with_outcome()
    services.consultation_outcome_publish(consultation=c, by=officer_client.officer)
    point = c.feedback.get()
    data = form_data(
        c.strategy,
        title=c.title,
        slug=c.slug,
        opens_on=c.opens_on.isoformat(),
        closes_on=c.closes_on.isoformat(),
        responses_summary=c.responses_summary,
        outcome=c.outcome,
        **{
            "feedback-TOTAL_FORMS": 1,
            "feedback-INITIAL_FORMS": 1,
            "feedback-0-id": point.pk,
            "feedback-0-consultation": c.pk,
            "feedback-0-position": 1,
            "feedback-0-you_said": point.you_said,
            "feedback-0-we_did": point.we_did,
            "feedback-0-DELETE": "on",
        },
    )
    response = officer_client.post(f"/admin/consultations/consultation/{c.pk}/change/", data)
    assert response.status_code == 200
    assert "keep at least one" in response.content.decode()
    assert c.feedback.exists()


def test_admin_assessment_made_with_nine_rows_and_mitigation_required(officer_client):
    strategy = f.strategy()
    response = officer_client.post(
        "/admin/consultations/equalityimpactassessment/add/",
        {"strategy": strategy.pk, "summary": "First look."},
    )
    assert response.status_code == 302
    assessment = EqualityImpactAssessment.objects.get()
    rows = list(assessment.impacts.all())
    assert len(rows) == 9
    data = {
        "strategy": strategy.pk,
        "summary": "First look.",
        "impacts-TOTAL_FORMS": 9,
        "impacts-INITIAL_FORMS": 9,
        "impacts-MIN_NUM_FORMS": 0,
        "impacts-MAX_NUM_FORMS": 0,
    }
    for i, row in enumerate(rows):
        data |= {
            f"impacts-{i}-id": row.pk,
            f"impacts-{i}-assessment": assessment.pk,
            f"impacts-{i}-impact": Impact.NEGATIVE if i == 0 else Impact.NEUTRAL,
            f"impacts-{i}-evidence": "",
            f"impacts-{i}-mitigation": "",
        }
    url = f"/admin/consultations/equalityimpactassessment/{assessment.pk}/change/"
    response = officer_client.post(url, data)
    assert response.status_code == 200
    assert "The impact on age is negative" in response.content.decode()
    assert not CharacteristicImpact.objects.filter(impact=Impact.NEGATIVE).exists()
    data["impacts-0-mitigation"] = "Paper copies."
    assert officer_client.post(url, data).status_code == 302
    assert CharacteristicImpact.objects.filter(impact=Impact.NEGATIVE).count() == 1
