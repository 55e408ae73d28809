"""The rules of a referral and their messages, each on its field, nothing saved:
who raises it and to whom, the evidence link, the wards, and what each answer needs."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pace.referrals import services
from pace.referrals.models import Referral, ReferralMessage, ReferralStatus
from partnerships.models import BodyKind

from ..partnerships import factories as pf
from ..strategy import factories as sf
from .factories import referral

pytestmark = pytest.mark.django_db


def _errors(call, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def test_an_area_board_raises_to_a_thematic_board_group_or_the_leaders_board(w):
    for to in (w.thematic, w.group, w.leaders):
        made = referral(w, to_body=to)
        assert made.status == ReferralStatus.OPEN and made.answered_on is None


def test_only_an_area_board_raises_one(w):
    errors = _errors(referral, w=w, from_body=w.amg)
    assert errors["from_body"] == [
        f"Only an Area Board raises a referral of local needs, and {w.amg.name} is not one."
    ]
    assert not Referral.objects.exists()


@pytest.mark.parametrize("kind", ["amg", "other_area_board", "area_board"])
def test_it_goes_to_a_thematic_partnership_or_the_leaders_board(w, kind):
    errors = _errors(referral, w=w, to_body=getattr(w, kind))
    if kind == "area_board":
        assert "to_body" in errors
    else:
        assert errors["to_body"][0].startswith(
            "Raise it to a thematic board, a thematic group or the Leaders Board"
        )
    assert not Referral.objects.exists()


def test_the_database_refuses_a_referral_to_itself(w):
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(
            from_body=w.area_board, to_body=w.area_board, title="x", need="x", evidence="x"
        )


def test_the_need_the_evidence_and_the_title_are_required(w):
    errors = _errors(referral, w=w, title="  ", need="", evidence="")
    assert set(errors) >= {"title", "need", "evidence"}


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,hi", "not a link"]
)
def test_the_evidence_link_is_a_web_address(w, link):
    errors = _errors(referral, w=w, evidence_url=link)
    assert errors["evidence_url"] == ["Enter a web address (https://…)."]


def test_an_https_evidence_link_is_kept(w):
    made = referral(w, evidence_url="https://example.org/evidence")
    assert made.evidence_url == "https://example.org/evidence"


def test_wards_are_of_the_raising_area_boards_area(w):
    errors = _errors(referral, w=w, wards=[w.ward, w.other_ward])
    assert errors["wards"] == [f"Choose wards of {w.area_board.name}'s area: Silkmill is not."]
    made = referral(w, wards=[w.ward])
    assert list(made.wards.all()) == [w.ward]


def test_every_field_error_is_given_at_once(w):
    errors = _errors(referral, w=w, title="", evidence_url="javascript:x", wards=[w.other_ward])
    assert set(errors) == {"title", "evidence_url", "wards"}


def test_accepting_needs_a_plan_of_the_receiving_body(w):
    made = referral(w)
    errors = _errors(services.referral_answer, referral=made, decision=ReferralStatus.ACCEPTED)
    assert errors["plan"] == [f"Choose the plan of {w.thematic.name} that takes the need on."]
    other_plan = sf.plan(w.group)
    errors = _errors(
        services.referral_answer,
        referral=made,
        decision=ReferralStatus.ACCEPTED,
        plan=other_plan,
    )
    assert errors["plan"] == [
        f"Choose a plan of {w.thematic.name}: {other_plan.title} is the plan of {w.group.name}."
    ]
    made.refresh_from_db()
    assert made.status == ReferralStatus.OPEN and made.plan is None


def test_a_closed_plan_takes_nothing_on(w):
    closed = sf.plan(w.thematic, status="closed")
    errors = _errors(
        services.referral_answer,
        referral=referral(w),
        decision=ReferralStatus.ACCEPTED,
        plan=closed,
    )
    assert errors["plan"][0].endswith("has closed: choose a plan in force or being prepared.")


def test_the_action_is_of_the_plan_chosen(w):
    second = sf.plan(w.thematic)
    elsewhere = sf.action(second)
    errors = _errors(
        services.referral_answer,
        referral=referral(w),
        decision=ReferralStatus.ACCEPTED,
        plan=w.plan,
        action=elsewhere,
    )
    assert errors["action"] == [f"Choose an action of {w.plan.title}, or none."]


def test_declining_needs_reasons(w):
    errors = _errors(
        services.referral_answer,
        referral=referral(w),
        decision=ReferralStatus.DECLINED,
        reasons="   ",
    )
    assert errors["reasons"] == [
        "Give the reasons for declining: the Area Board and residents read them."
    ]


def test_the_database_refuses_a_decline_without_reasons(w):
    made = referral(w)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=made.pk).update(
            status=ReferralStatus.DECLINED, answered_on=made.raised_on
        )


def test_the_database_refuses_an_accepted_referral_without_a_plan(w):
    made = referral(w)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=made.pk).update(
            status=ReferralStatus.ACCEPTED, answered_on=made.raised_on
        )


def test_passing_on_needs_a_body_that_receives_referrals(w):
    made = referral(w)
    errors = _errors(services.referral_answer, referral=made, decision=ReferralStatus.PASSED_ON)
    assert errors["passed_to"] == ["Choose the body to pass it on to."]
    errors = _errors(
        services.referral_answer,
        referral=made,
        decision=ReferralStatus.PASSED_ON,
        passed_to=w.amg,
    )
    assert errors["passed_to"] == [
        "Pass it on to a thematic board, a thematic group or the Leaders Board."
    ]
    errors = _errors(
        services.referral_answer,
        referral=made,
        decision=ReferralStatus.PASSED_ON,
        passed_to=w.thematic,
    )
    assert errors["passed_to"] == ["Pass it on to another body than the two it is between."]


def test_a_referral_is_not_passed_back_to_a_body_that_had_it(w):
    first = services.referral_answer(
        referral=referral(w), decision=ReferralStatus.PASSED_ON, passed_to=w.leaders
    )
    at_leaders = first.passed_on_as
    errors = _errors(
        services.referral_answer,
        referral=at_leaders,
        decision=ReferralStatus.PASSED_ON,
        passed_to=w.thematic,
    )
    assert errors["passed_to"] == [f"{w.thematic.name} has had this referral already."]
    assert (
        services.referral_answer(
            referral=at_leaders, decision=ReferralStatus.PASSED_ON, passed_to=w.group
        ).passed_on_as.to_body
        == w.group
    )


def test_a_referral_is_answered_once(w):
    made = services.referral_answer(
        referral=referral(w), decision=ReferralStatus.DECLINED, reasons="Not ours."
    )
    with pytest.raises(ValidationError) as caught:
        services.referral_answer(referral=made, decision=ReferralStatus.ACCEPTED, plan=w.plan)
    assert caught.value.messages == ["This referral has been answered already (declined)."]
    made.refresh_from_db()
    assert made.status == ReferralStatus.DECLINED and made.plan is None


def test_an_unknown_decision_is_refused(w):
    errors = _errors(services.referral_answer, referral=referral(w), decision="open")
    assert errors["status"] == ["Choose what the body decides."]


def test_a_message_speaks_for_one_of_the_two_bodies(w):
    made = referral(w)
    errors = _errors(
        services.referral_message_post, referral=made, speaks_for=w.leaders, text="Hello"
    )
    assert errors["speaks_for"] == [
        f"A message speaks for {w.area_board.name} or {w.thematic.name}, the two bodies of "
        "the referral."
    ]
    errors = _errors(
        services.referral_message_post, referral=made, speaks_for=w.thematic, text="  "
    )
    assert "text" in errors
    assert not ReferralMessage.objects.exists()


def test_texts_have_a_limit(w):
    errors = _errors(referral, w=w, need="x" * 5001)
    assert errors["need"] == ["Ensure this value has at most 5000 characters (it has 5001)."]


def test_a_working_group_cannot_receive_one(w):
    group = pf.body(BodyKind.WORKING_GROUP, w.thematic, name="Task group")
    errors = _errors(referral, w=w, to_body=group)
    assert "to_body" in errors
