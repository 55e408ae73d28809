"""The example's referrals of local needs: one accepted into the Health and Wellbeing
Board's plan, one declined with reasons, one passed on to the Leaders Board (open
there), one waiting and one confidential, each from an Area Board; loading again
adds none. Residents see all but the confidential one."""

import pytest

from pace.exampledata import referral_data
from pace.referrals.models import Referral, ReferralStatus
from partnerships.models import BodyKind
from tests.example_snapshot import load_example

pytestmark = pytest.mark.django_db


def test_the_example_has_a_referral_of_each_kind(client):
    load_example()
    referrals = list(Referral.objects.select_related("from_body", "to_body", "plan"))
    assert {r.from_body.kind for r in referrals} == {BodyKind.AREA_BOARD}
    accepted = next(r for r in referrals if r.status == ReferralStatus.ACCEPTED)
    assert accepted.plan.body == accepted.to_body and accepted.action.plan == accepted.plan
    assert accepted.messages.count() == 2
    declined = next(r for r in referrals if r.status == ReferralStatus.DECLINED)
    assert declined.reasons
    passed = next(r for r in referrals if r.status == ReferralStatus.PASSED_ON)
    assert passed.passed_on_as.to_body.kind == BodyKind.LEADERS_BOARD
    assert passed.passed_on_as.status == ReferralStatus.OPEN
    confidential = [r for r in referrals if not r.is_public]
    assert len(confidential) == 1
    listed = client.get("/referrals/").content.decode()
    for referral in referrals:
        assert (referral.title in listed) is referral.is_public, referral.title
        assert client.get(referral.get_absolute_url()).status_code == (
            200 if referral.is_public else 404
        )
    assert referral_data.load() == {"referrals of local needs": len(referrals)}
    assert Referral.objects.count() == len(referrals)
