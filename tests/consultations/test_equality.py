"""Equality impact assessments: nine characteristics, mitigation for a negative
impact, completion, one subject, and the flag on adopted strategies."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategy.consultations import services as services
from strategy.consultations.models import (
    CharacteristicImpact,
    EqualityImpactAssessment,
    Impact,
    ProtectedCharacteristic,
    strategies_without_assessment,
)
from strategy.models import StrategyStatus
from tests.partnerships import factories as pf

from . import factories as f

pytestmark = pytest.mark.django_db


def test_an_assessment_covers_the_nine_protected_characteristics():
    assessment = services.assessment_create(strategy=f.strategy())
    rows = list(assessment.impacts.all())
    assert [r.get_characteristic_display() for r in rows] == [
        "Age",
        "Disability",
        "Gender reassignment",
        "Marriage and civil partnership",
        "Pregnancy and maternity",
        "Race",
        "Religion or belief",
        "Sex",
        "Sexual orientation",
    ]
    assert {r.impact for r in rows} == {Impact.UNKNOWN}


def test_a_negative_impact_needs_a_mitigation():
    assessment = services.assessment_create(strategy=f.strategy())
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_impact_set(
            assessment=assessment,
            characteristic=ProtectedCharacteristic.AGE,
            impact=Impact.NEGATIVE,
            evidence="Online-only services exclude some older people.",
        )
    assert excinfo.value.message_dict["mitigation"] == [
        "The impact on age is negative: say how it will be mitigated."
    ]
    row = CharacteristicImpact.objects.get(
        assessment=assessment, characteristic=ProtectedCharacteristic.AGE
    )
    assert row.impact == Impact.UNKNOWN  # nothing saved
    with pytest.raises(IntegrityError), transaction.atomic():
        CharacteristicImpact.objects.filter(pk=row.pk).update(impact=Impact.NEGATIVE)
    services.assessment_impact_set(
        assessment=assessment,
        characteristic=ProtectedCharacteristic.AGE,
        impact=Impact.NEGATIVE,
        mitigation="Keep a telephone route.",
    )
    row.refresh_from_db()
    assert row.impact == Impact.NEGATIVE
    # Other impacts need no mitigation.
    services.assessment_impact_set(
        assessment=assessment, characteristic=ProtectedCharacteristic.SEX, impact=Impact.POSITIVE
    )


def test_completing_needs_who_and_every_characteristic():
    assessment = services.assessment_create(strategy=f.strategy())
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_complete(assessment=assessment, completed_by="  ")
    assert "completed_by" in excinfo.value.message_dict
    assessment.refresh_from_db()
    CharacteristicImpact.objects.filter(
        assessment=assessment, characteristic=ProtectedCharacteristic.RACE
    ).delete()
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_complete(assessment=assessment, completed_by="Policy officer")
    assert "Race not assessed" in excinfo.value.message_dict["completed_on"][0]
    assessment.refresh_from_db()
    services.assessment_rows_ensure(assessment=assessment)
    services.assessment_complete(assessment=assessment, completed_by="Policy officer")
    assessment.refresh_from_db()
    assert assessment.is_complete and assessment.completed_by == "Policy officer"


def test_an_assessment_is_of_exactly_one_thing():
    bodies = pf.area()
    s = f.strategy()
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_create()
    assert "strategy" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.assessment_create(strategy=s, action_plan=f.plan(bodies["amg"], s))
    assert "action_plan" in excinfo.value.message_dict
    assert not EqualityImpactAssessment.objects.exists()
    services.assessment_create(action_plan=f.plan(bodies["amg"], s))
    services.assessment_create(consultation=f.consultation())
    services.assessment_create(strategy=s)
    with pytest.raises(ValidationError) as excinfo:  # one assessment per strategy
        services.assessment_create(strategy=s)
    assert "strategy" in excinfo.value.message_dict


def test_adopted_strategies_without_an_assessment_are_flagged():
    draft = f.strategy(StrategyStatus.DRAFT)
    bare = f.strategy(StrategyStatus.ADOPTED)
    started = f.strategy(StrategyStatus.ADOPTED)
    services.assessment_create(strategy=started)
    assessed = f.strategy(StrategyStatus.ADOPTED)
    done = services.assessment_create(strategy=assessed)
    services.assessment_complete(assessment=done, completed_by="Policy officer")
    flagged = set(strategies_without_assessment())
    assert flagged == {bare, started}
    assert draft not in flagged and assessed not in flagged


def test_the_admin_flags_them_too(client):
    bare = f.strategy(StrategyStatus.ADOPTED, title="Bare adopted strategy")
    assessed = f.strategy(StrategyStatus.ADOPTED, title="Assessed strategy")
    services.assessment_complete(
        assessment=services.assessment_create(strategy=assessed), completed_by="Officer"
    )
    client.force_login(pf.officer())
    url = "/admin/consultations/strategyassessmentcheck/"
    page = client.get(url).content.decode()
    assert bare.title in page and assessed.title in page
    flagged = client.get(url, {"assessment": "flagged"}).content.decode()
    assert bare.title in flagged and assessed.title not in flagged
