"""The services: what they save, who they record, and the notices they queue for
the worker to the other end's members once the write commits (nothing is sent in
the request). The notices go through the outbox as every other notice does."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pace.notifications.models import Message
from pace.referrals import services
from pace.referrals.models import Referral, ReferralStatus
from pace.referrals.notices import referral_notify

from ..partnerships import factories as pf
from .factories import referral

pytestmark = pytest.mark.django_db


def _queued() -> list[tuple]:
    return [
        tuple(r.args_kwargs["args"])
        for r in DBTaskResult.objects.filter(task_path="pace.referrals.notices.referral_notify")
    ]


def _work() -> None:
    """Run what was queued, as the worker does."""
    for args in _queued():
        referral_notify.call(*args)
    DBTaskResult.objects.all().delete()


def test_raising_records_who_and_queues_a_notice_to_the_receiving_body(
    w, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.referral_raise(
            from_body=w.area_board,
            to_body=w.thematic,
            title="  Healthy weight  ",
            need="Sessions near home.",
            evidence="Measurements.",
            wards=[w.ward],
            by=w.area_member.user,
        )
    assert made.title == "Healthy weight"
    assert made.raised_by == w.area_member
    assert made.raised_on == timezone.localdate()
    assert _queued() == [(made.pk, "raised", None)]
    # Queued, not sent: nothing is in the outbox until the worker runs the task.
    assert not Message.objects.exists()
    _work()
    (message,) = Message.objects.all()
    assert message.to == "thematic_member@example.org"
    assert message.topic == f"referral:{made.pk}:raised"
    assert message.audience == f"member:{w.thematic.pk}"
    assert "Healthy weight" in message.subject
    assert f"/referrals/{made.pk}/" in message.text


def test_nothing_is_queued_when_the_raise_is_refused(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.referral_raise(
            from_body=w.amg, to_body=w.thematic, title="x", need="x", evidence="x"
        )
    assert _queued() == [] and not Referral.objects.exists()


def test_a_message_tells_the_other_end(w, django_capture_on_commit_callbacks):
    made = referral(w)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.referral_message_post(
            referral=made, speaks_for=w.thematic, text="Which schools?", by=w.thematic_member.user
        )
    assert first.author == w.thematic_member
    _work()
    assert list(Message.objects.values_list("to", flat=True)) == ["area_member@example.org"]
    assert "Which schools?" in Message.objects.get().text
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_message_post(
            referral=made, speaks_for=w.area_board, text="Three near the station."
        )
    _work()
    assert Message.objects.filter(to="thematic_member@example.org").count() == 1


def test_accepting_records_the_plan_and_tells_the_area_board(w, django_capture_on_commit_callbacks):
    made = referral(w)
    day = timezone.localdate() - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        answered = services.referral_answer(
            referral=made,
            decision=ReferralStatus.ACCEPTED,
            outcome="Taken on.",
            plan=w.plan,
            action=w.action,
            reasons="ignored unless declined",
            passed_to=w.leaders,
            by=w.thematic_member.user,
            on=day,
        )
    assert (answered.status, answered.plan, answered.action) == ("accepted", w.plan, w.action)
    # What the decision does not use is left blank.
    assert answered.reasons == "" and answered.passed_to is None
    assert (answered.answered_by, answered.answered_on) == (w.thematic_member, day)
    assert _queued() == [(made.pk, "answered", None)]
    _work()
    (message,) = Message.objects.all()
    assert message.to == "area_member@example.org"
    assert message.subject == f"Referral accepted into a plan: {made.title}"
    assert "Taken on." in message.text


def test_declining_keeps_the_reasons(w):
    answered = services.referral_answer(
        referral=referral(w), decision=ReferralStatus.DECLINED, reasons="  Already funded. "
    )
    assert answered.reasons == "Already funded." and answered.plan is None


def test_passing_on_makes_a_follow_on_referral_that_continues_the_thread(
    w, django_capture_on_commit_callbacks
):
    made = referral(w, wards=[w.ward], is_public=False, raised_by=w.area_member)
    with django_capture_on_commit_callbacks(execute=True):
        answered = services.referral_answer(
            referral=made, decision=ReferralStatus.PASSED_ON, passed_to=w.leaders
        )
    follow_on = answered.passed_on_as
    assert follow_on.passed_from == answered
    assert (follow_on.from_body, follow_on.to_body) == (w.area_board, w.leaders)
    assert follow_on.status == ReferralStatus.OPEN
    assert (follow_on.title, follow_on.need, follow_on.evidence) == (
        made.title,
        made.need,
        made.evidence,
    )
    assert list(follow_on.wards.all()) == [w.ward]
    assert follow_on.is_public is False and follow_on.raised_by == w.area_member
    assert sorted(_queued()) == [(made.pk, "answered", None), (follow_on.pk, "raised", None)]
    _work()
    assert sorted(Message.objects.values_list("to", "topic")) == [
        ("area_member@example.org", f"referral:{made.pk}:answered"),
        ("leaders_member@example.org", f"referral:{follow_on.pk}:raised"),
    ]


def test_a_member_who_has_left_is_not_told(w, django_capture_on_commit_callbacks):
    gone = pf.person("Gone Member")
    gone.email = "gone@example.org"
    gone.save()
    pf.member(
        w.thematic,
        gone,
        starts_on=datetime.date(2015, 1, 1),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        referral(w, announce=True)
    _work()
    assert list(Message.objects.values_list("to", flat=True)) == ["thematic_member@example.org"]


def test_the_example_datas_announce_false_queues_nothing(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = referral(w, announce=False)
        services.referral_answer(
            referral=made,
            decision=ReferralStatus.PASSED_ON,
            passed_to=w.leaders,
            announce=False,
        )
    assert _queued() == []


def test_officers_correct_what_it_says_but_not_its_bodies(w):
    made = referral(w, wards=[w.ward])
    updated = services.referral_update(referral=made, title="Better title", wards=[])
    assert updated.title == "Better title" and list(updated.wards.all()) == []
    with pytest.raises(TypeError):
        services.referral_update(referral=made, to_body=w.group)
    assert updated.history.count() >= 2
