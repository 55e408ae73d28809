"""The scheduled duties: each runs once however many workers look, officers see
when it last ran and how, and each tells exactly the people entitled to know, through
a real SMTP server: not a former member, not a member of an unrelated body."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localdate as today

from pace.notifications import schedule
from pace.notifications.models import Duty, DutyStatus, Message, MessageStatus, Subscription
from pace.site.notices import officers_digest
from partnerships.models.terms import DEFAULT_ESCALATE_AFTER_DAYS
from partnerships.notices import memberships_ending
from strategy import services as strategy_services
from strategy.models import ExceptionReport, Milestone, ProgressUpdate, Risk
from strategy.notices import exception_reports_escalate, plan_dates_due, progress_reminders

from ..funding import factories as ff
from ..partnerships import factories as f
from ..strategy import factories as sf
from .conftest import addressed, part, run_worker

pytestmark = pytest.mark.django_db


def _member(body, name, *, left=False):
    person = addressed(f.person(name), f"{name.split()[0].lower()}@example.org")
    if left:
        f.member(
            body,
            person,
            starts_on=datetime.date(2015, 1, 1),
            ends_on=today() - datetime.timedelta(days=1),
        )
    else:
        f.member(body, person)
    return person


def _run(duty, on=None, capture=None):
    with capture(execute=True):
        result = duty(on or today())
    run_worker()
    return result


def test_a_duty_is_queued_once_however_many_workers_look():
    # Noon: no duty is set for the hour after it, whatever time the test runs.
    now = timezone.make_aware(datetime.datetime.combine(today(), datetime.time(12, 0)))
    first = schedule.schedule_tick(now)
    assert set(first) == set(schedule.duty_specs())  # a new site runs each at once
    assert schedule.schedule_tick(now) == []  # a second worker, same moment: nothing
    assert schedule.schedule_tick(now + datetime.timedelta(hours=1)) == []
    tomorrow = now + datetime.timedelta(days=1, minutes=1)
    assert set(schedule.schedule_tick(tomorrow)) == set(schedule.duty_specs())
    duty = Duty.objects.get(name="memberships ending")
    assert timezone.localtime(duty.next_run_at).time() == datetime.time(6, 0)


def test_officers_see_when_each_duty_ran_and_how(
    admin_client, monkeypatch, django_capture_on_commit_callbacks
):
    schedule.schedule_tick()
    run_worker()
    page = admin_client.get(reverse("admin:notifications_duty_changelist"))
    assert page.status_code == 200
    assert Duty.objects.filter(last_status=DutyStatus.SUCCEEDED).count() == len(
        schedule.duty_specs()
    )
    assert "memberships ending" in page.content.decode()

    def broken(on):
        raise RuntimeError("the database went away")

    spec = schedule.duty_specs()["memberships ending"]
    monkeypatch.setitem(
        schedule._duties,
        spec.name,
        spec.__class__(name=spec.name, run=broken, at=spec.at, description=spec.description),
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:notifications_duty_changelist"),
            {
                "action": "run_now",
                "_selected_action": [Duty.objects.get(name=spec.name).pk],
            },
        )
    run_worker()
    failed = Duty.objects.get(name=spec.name)
    assert failed.last_status == DutyStatus.FAILED
    assert "the database went away" in failed.last_result
    # The officers' digest says so, and an officer (not only a superuser) sees the
    # failed task with its error in the admin.
    from pace.site.notices import officer_digest_lines

    lines = [line for line, _ in officer_digest_lines(today())]
    assert "1 scheduled duties that failed on their last run" in lines
    assert "1 background tasks that failed in the last day" in lines
    admin_client.logout()
    admin_client.force_login(f.officer())
    tasks = admin_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist"), {"status__exact": "FAILED"}
    )
    assert tasks.status_code == 200 and "duty_run" in tasks.content.decode()


def test_an_unresolved_exception_report_climbs_to_the_leaders_board(
    smtp, django_capture_on_commit_callbacks
):
    bodies = f.area()
    amg, board, leaders = bodies["amg"], bodies["area_board"], bodies["leaders"]
    _member(amg, "Amy Amg")
    _member(board, "Bea Board")
    _member(leaders, "Leo Leader")
    _member(leaders, "Lou Left", left=True)
    _member(f.area()["area_board"], "Una Unrelated")
    action = sf.action(sf.plan(amg), is_public=False, title="Private action")
    with django_capture_on_commit_callbacks(execute=True):
        strategy_services.progress_update_post(action=action, rag="red", narrative="Stalled")
    run_worker()
    assert smtp.to() == ["bea@example.org"]
    report = ExceptionReport.objects.get()
    # Left unresolved for the period the terms give (none here: the default).
    ExceptionReport.objects.update(
        opened_on=today() - datetime.timedelta(days=DEFAULT_ESCALATE_AFTER_DAYS)
    )

    smtp.clear()
    assert _run(exception_reports_escalate, capture=django_capture_on_commit_callbacks) == (
        "1 exception reports escalated"
    )
    assert smtp.to() == ["leo@example.org"]
    assert smtp.messages[0]["Subject"].startswith("Escalated exception report: Private action")
    report.refresh_from_db()
    assert report.addressed_to == leaders and report.escalated_on == today()

    # At the top there is nobody above: it stays with the Leaders Board.
    smtp.clear()
    later = today() + datetime.timedelta(days=30)
    _run(exception_reports_escalate, later, capture=django_capture_on_commit_callbacks)
    assert smtp.messages == []


def test_a_resolved_report_is_not_escalated(smtp, django_capture_on_commit_callbacks):
    bodies = f.area()
    _member(bodies["leaders"], "Leo Leader")
    action = sf.action(sf.plan(bodies["amg"]))
    strategy_services.progress_update_post(action=action, rag="red", narrative="Stalled")
    report = ExceptionReport.objects.get()
    strategy_services.exception_report_resolve(report=report, resolution="Back on track")
    ExceptionReport.objects.update(opened_on=today() - datetime.timedelta(days=30))
    _run(exception_reports_escalate, capture=django_capture_on_commit_callbacks)
    assert smtp.messages == []


def test_owners_are_reminded_before_an_update_is_due_and_told_when_overdue(
    smtp, django_capture_on_commit_callbacks
):
    amg = f.area()["amg"]
    owner = _member(amg, "Owen Owner")
    other = _member(amg, "Oth Other")
    plan = sf.plan(amg, starts_on=today() - datetime.timedelta(days=200))
    due_soon = sf.action(plan, owner, title="Due soon")
    ProgressUpdate.objects.create(
        action=due_soon,
        reported_on=today() - datetime.timedelta(days=86),
        rag="green",
        narrative="Fine",
    )
    sf.action(plan, owner, title="Overdue")  # no update since the plan began, 200 days ago
    recent = sf.action(plan, other, title="Recently updated")
    ProgressUpdate.objects.create(
        action=recent,
        reported_on=today() - datetime.timedelta(days=10),
        rag="green",
        narrative="Fine",
    )
    result = _run(progress_reminders, capture=django_capture_on_commit_callbacks)
    assert result == "1 reminders, 1 overdue notices"
    assert smtp.to() == ["owen@example.org", "owen@example.org"]
    subjects = sorted(m["Subject"] for m in smtp.messages)
    assert subjects == ["Progress update due: Due soon", "Progress update overdue: Overdue"]
    assert f"/actions/{due_soon.pk}/update/" in "".join(
        part(m, "text/plain") for m in smtp.messages
    )
    # Run again the same day or the next: nothing new.
    smtp.clear()
    _run(
        progress_reminders, today() + datetime.timedelta(days=1), django_capture_on_commit_callbacks
    )
    assert smtp.messages == []


def test_a_member_is_told_before_their_membership_ends(smtp, django_capture_on_commit_callbacks):
    board = f.area()["area_board"]
    ending = addressed(f.person("End Soon"), "end@example.org")
    f.member(board, ending, ends_on=today() + datetime.timedelta(days=20))
    later = addressed(f.person("Not Yet"), "later@example.org")
    f.member(board, later, ends_on=today() + datetime.timedelta(days=90))
    _member(board, "Stay Put")
    _run(memberships_ending, capture=django_capture_on_commit_callbacks)
    assert smtp.to() == ["end@example.org"]
    assert board.name in smtp.messages[0]["Subject"]


def test_members_of_the_strategys_body_hear_of_risk_reviews_and_milestones(
    smtp, django_capture_on_commit_callbacks
):
    leaders = f.area()["leaders"]
    _member(leaders, "Lee Leader")
    _member(leaders, "Lou Left", left=True)
    _member(f.area()["area_board"], "Una Unrelated")
    strategy = sf.strategy()
    strategy.owner = leaders
    strategy.save()
    Risk.objects.create(
        strategy=strategy,
        title="Partners withdraw",
        likelihood=3,
        impact=4,
        owner="Head",
        mitigation="Talk",
        review_on=today() + datetime.timedelta(days=3),
    )
    Risk.objects.create(
        strategy=strategy,
        title="Far away",
        likelihood=1,
        impact=1,
        owner="Head",
        mitigation="None",
        review_on=today() + datetime.timedelta(days=60),
    )
    Milestone.objects.create(strategy=strategy, title="Consult", due_on=today())
    Milestone.objects.create(
        strategy=strategy, title="Done already", due_on=today(), done_on=today()
    )
    ended = sf.strategy()
    ended.owner, ended.ends_on = leaders, today() - datetime.timedelta(days=400)
    ended.save()
    Milestone.objects.create(strategy=ended, title="Long past", due_on=today())
    _run(plan_dates_due, capture=django_capture_on_commit_callbacks)
    assert smtp.to() == ["lee@example.org", "lee@example.org"]
    assert sorted(m["Subject"].split(",")[0] for m in smtp.messages) == [
        "Milestone: Consult",
        "Risk review: Partners withdraw",
    ]


def test_officers_get_the_digest_of_the_checks_and_nobody_else(
    smtp, django_capture_on_commit_callbacks
):
    officer = f.officer()
    officer.email = "officer@example.org"
    officer.save()
    board_member = f.person("Board Member", with_login=True)
    board_member.user.email = "member@example.org"
    board_member.user.save()
    amg = f.area()["amg"]
    f.member(amg, board_member)
    sf.action(sf.plan(amg))  # an open action with no owner: a gap
    result = _run(officers_digest, capture=django_capture_on_commit_callbacks)
    assert "1 officers sent" in result
    assert smtp.to() == ["officer@example.org"]
    assert "open actions with no owner" in part(smtp.messages[0], "text/plain")


def test_consultation_and_grant_alerts_reach_their_subscribers_only(
    smtp, django_capture_on_commit_callbacks
):
    from strategy.consultations.notices import consultation_alerts

    from ..consultations.factories import consultation

    area = f.area()
    now = timezone.now()
    Subscription.objects.create(
        email="c@example.org", topic="consultations", label="C", token="t1", confirmed_at=now
    )
    Subscription.objects.create(
        email="pending@example.org", topic="consultations", label="C", token="t2"
    )
    Subscription.objects.create(
        email="g@example.org",
        topic=f"grants:{area['area_board'].slug}",
        label="G",
        token="t3",
        confirmed_at=now,
    )
    Subscription.objects.create(
        email="elsewhere@example.org",
        topic=f"grants:{f.area()['area_board'].slug}",
        label="G",
        token="t4",
        confirmed_at=now,
    )
    consultation(opens_in=0, days=40)
    _run(consultation_alerts, capture=django_capture_on_commit_callbacks)
    assert smtp.to() == ["c@example.org"]
    assert smtp.messages[0]["Subject"].startswith("Consultation open")
    assert smtp.messages[0]["List-Unsubscribe"]

    from funding.notices import grant_alerts

    smtp.clear()
    fund = ff.fund(decided_by=area["area_board"])
    ff.award(fund, to=area["amg"], on=today() - datetime.timedelta(days=1), title="Hub repairs")
    ff.award(
        fund,
        to=area["amg"],
        on=today() - datetime.timedelta(days=1),
        title="Proposed",
        status="proposed",
    )
    _run(grant_alerts, capture=django_capture_on_commit_callbacks)
    assert smtp.to() == ["g@example.org"]
    text = part(smtp.messages[0], "text/plain")
    assert "Hub repairs" in text and "Proposed" not in text


def test_a_message_waiting_for_someone_who_has_left_is_withheld(
    smtp, django_capture_on_commit_callbacks
):
    from partnerships.services import membership_end
    from strategy.notices import exception_announce

    bodies = f.area()
    membership = f.member(
        bodies["area_board"], addressed(f.person("Les Leaving"), "les@example.org")
    )
    action = sf.action(sf.plan(bodies["amg"]), is_public=False)
    strategy_services.progress_update_post(action=action, rag="red", narrative="Stalled")
    # The worker fans the report out to the members of the day...
    with django_capture_on_commit_callbacks(execute=True):
        exception_announce.call(ExceptionReport.objects.get().pk)
    assert Message.objects.get().status == MessageStatus.QUEUED
    # ...who has left by the time the message would go.
    membership_end(membership=membership, on=today() - datetime.timedelta(days=1))
    run_worker()
    assert smtp.messages == []
    assert Message.objects.get().status == MessageStatus.WITHHELD
