"""The example partnership loads, loads again without change, and its pages work."""

import datetime
import io

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from pace.core.models import PublishedVersion
from pace.exampledata.meeting_light import FOUNDING_YEAR_ENDS, RECENT
from partnerships.models import (
    AccountabilityLink,
    AgendaItem,
    Attendance,
    Body,
    BodyKind,
    Decision,
    Declaration,
    ForwardPlanEntry,
    Meeting,
    Membership,
    Organisation,
    Paper,
    RelationKind,
)
from partnerships.models.meetings import MeetingStatus

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list]:
    """Every row of every PACE and auth table."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_models()
        if model._meta.app_label in {*settings.PACE_DATA_APPS, "auth", "guardian"}
    }


def sign_in(client, username: str) -> None:
    """Through the sign-in form, as a person would (and as django-axes checks)."""
    response = client.post(
        "/accounts/login/", {"username": username, "password": f"pace-example-{username}"}
    )
    assert response.status_code == 302, response.content.decode()


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_example_data", *args, stdout=out)
    return out.getvalue()


def test_loads_the_cheshire_east_structure():
    load()
    leaders = Body.objects.get(kind=BodyKind.LEADERS_BOARD)
    # Two tops: the Leaders Board, and the Assembly it takes guidance from and reports
    # to (agreement 2 and 5.5), accountable to no body.
    assert leaders.is_root_node()
    tops = Body.objects.filter(parent__isnull=True).order_by("tree_id")
    assert [b.kind for b in tops] == [BodyKind.LEADERS_BOARD, BodyKind.ASSEMBLY]
    relations = {
        (r.from_body.slug, r.kind, r.to_body.slug)
        for r in AccountabilityLink.objects.select_related("from_body", "to_body")
    }
    assert {
        ("leaders-board", RelationKind.TAKES_GUIDANCE_FROM, "assembly"),
        ("leaders-board", RelationKind.REPORTS_TO, "assembly"),
        ("learning-and-skills", RelationKind.REPORTS_TO, "assembly"),
        ("health-and-wellbeing-board", RelationKind.WORKS_WITH, "crewe-and-nantwich-area-board"),
        (
            "crewe-and-nantwich-area-management-group",
            RelationKind.TAKES_GUIDANCE_FROM,
            "crewe-and-nantwich-area-assembly",
        ),
    } <= relations
    # Every relation keeps its rules (the loader writes them through the service).
    for relation in AccountabilityLink.objects.all():
        relation.full_clean()
    # Wards: a few in each Area Board's area, on its local bodies and their meetings.
    for board in Body.objects.filter(kind=BodyKind.AREA_BOARD):
        wards = set(board.area_wards.values_list("pk", flat=True))
        assert 3 <= len(wards) <= 5
        assert set(board.wards.values_list("pk", flat=True)) == wards
        assert all(code == "" for code in board.area_wards.values_list("code", flat=True))
    crewe = Body.objects.get(slug="crewe-town-partnership")
    assert [w.name for w in crewe.wards.all()] == ["Crewe Railside", "Crewe Wistaston Brook"]
    assert Meeting.objects.filter(body__kind=BodyKind.AREA_ASSEMBLY, wards__isnull=False).exists()
    assert Body.objects.filter(kind=BodyKind.TOWN_PARTNERSHIP).count() == 9
    assert Body.objects.filter(name="Health and Wellbeing Board", parent=leaders).exists()
    assert Body.objects.filter(name="Learning and Skills").exists()
    boards = Body.objects.filter(kind=BodyKind.AREA_BOARD)
    assert boards.count() >= 3
    for board in boards:
        kinds = set(board.get_children().values_list("kind", flat=True))
        assert {BodyKind.AREA_ASSEMBLY, BodyKind.AREA_MANAGEMENT_GROUP} <= kinds
    # The agreement's Executive Board partners, with the council marked.
    assert Organisation.objects.get(is_council=True).name == "Cheshire East Council"
    assert Organisation.objects.filter(name__icontains="Constabulary").exists()
    assert Membership.objects.current().filter(body=leaders).count() == 9
    # Names the seeds do not give are marked illustrative.
    assert Body.objects.get(slug="crewe-town-partnership").is_illustrative
    # The stored tree is consistent.
    stored = list(Body.objects.order_by("pk").values_list("lft", "rght", "level", "tree_id"))
    Body.objects.rebuild()
    assert (
        list(Body.objects.order_by("pk").values_list("lft", "rght", "level", "tree_id")) == stored
    )


def test_running_twice_changes_nothing():
    load("--demo-logins")
    first = snapshot()
    out = load("--demo-logins")
    assert snapshot() == first
    assert "username officer" in out and "username board.member" in out


def test_site_pages_answer_with_the_example_data(client):
    load()
    urls = ["/", "/partnerships/", "/meetings/", "/accounts/login/", "/reports/"]
    report = apps.get_model("reports", "CabinetReport").objects.get()
    urls += [report.get_absolute_url(), report.get_pdf_url()]
    urls += [body.get_absolute_url() for body in Body.objects.all()]
    meetings = apps.get_model("partnerships", "Meeting").objects.all()
    # Every meeting of the founding year and since last year, and a sample of the
    # years between (recorded alike: ``meeting_light``).
    public = list(meetings.filter(is_public=True).order_by("starts_at"))
    since = timezone.now() - datetime.timedelta(days=365)
    urls += [
        m.get_absolute_url()
        for n, m in enumerate(public)
        if m.starts_at.year == 2016 or m.starts_at >= since or n % 25 == 0
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    private = meetings.filter(is_public=False)
    assert private.exists()
    for meeting in private:
        assert client.get(meeting.get_absolute_url()).status_code == 404


def test_every_body_has_members_and_meetings_most_of_them_recorded(client):
    """Issue 17's "done when": every body of the seeds' structure has members and
    meetings (those still running, one to come); most meetings held have an agenda
    sent out with papers, attendance and approved minutes."""
    load()
    now = timezone.now()
    for body in Body.objects.all():
        assert body.memberships.exists(), body
        assert body.meetings.filter(starts_at__lt=now, status=MeetingStatus.HELD).exists(), body
        if body.is_current():
            to_come = body.meetings.filter(starts_at__gte=now, status=MeetingStatus.SCHEDULED)
            assert to_come.exists(), body
    held = Meeting.objects.filter(starts_at__lt=now, status=MeetingStatus.HELD)
    total = held.count()

    def share(meetings) -> float:
        return meetings.distinct().count() / total

    assert total >= 50
    assert share(held.filter(agenda_items__isnull=False, agenda_published_at__isnull=False)) > 0.9
    assert share(held.filter(attendance__isnull=False)) > 0.9
    assert share(held.filter(minutes_published=True)) > 0.9
    # The founding year's and the last months' meetings are recorded in full, with
    # papers and minutes approved through the service (the years between lighter).
    full = held.filter(agenda_items__paper_set__isnull=False).distinct()
    assert full.filter(starts_at__year=2016).exists()
    assert full.filter(starts_at__gte=now - datetime.timedelta(days=120)).exists()
    approved = PublishedVersion.objects.filter(
        content_type=ContentType.objects.get_for_model(Meeting), document="minutes"
    ).values("object_id")
    assert full.filter(pk__in=approved).count() > full.count() * 2 / 3
    # Uploads and links; items confidential (agreement 5.7) among them.
    assert Paper.objects.exclude(file="").exists() and Paper.objects.exclude(url="").exists()
    assert AgendaItem.objects.filter(is_confidential=True, meeting__in=held).exists()
    assert Declaration.objects.filter(meeting__in=held, agenda_item__isnull=False).exists()
    # Each body's members of the day, and the Area Management Groups' invited officers.
    attendance = Attendance.objects.filter(meeting__in=held)
    assert {a.status for a in attendance} == {"present", "apologies", "absent"}
    invited = attendance.filter(is_invitee=True)
    assert (
        invited.exists()
        and not invited.exclude(meeting__body__kind=BodyKind.AREA_MANAGEMENT_GROUP).exists()
    )
    # Every quorum set is met.
    for meeting in held.filter(body__quorum__isnull=False).select_related("body"):
        present = meeting.attendance.filter(status="present", is_invitee=False).count()
        assert present >= meeting.body.quorum, meeting
    # A cancelled meeting took no decision; one to come is members-only.
    assert Meeting.objects.filter(status=MeetingStatus.CANCELLED, decisions__isnull=True).exists()
    assert Meeting.objects.filter(starts_at__gte=now, is_public=False).exists()
    page = client.get("/partnerships/leaders-board/").content.decode()
    assert 'id="next-meeting"' in page and "No meeting is scheduled" not in page


def test_the_decision_log_and_forward_plan_hold_the_example_decisions(client):
    """The decision log has the example meetings' decisions, filed against the
    strategy's priorities, and the Cabinet's decision of 12 July 2016; the forward
    plan announces decisions to come (one in private, with why) and links those
    taken."""
    load()
    # The meetings recorded in full, the founding year's and the last months' (the
    # years between keep what was resolved in their minutes: ``meeting_light``).
    today = timezone.localdate()
    held = Meeting.objects.filter(
        Q(starts_at__date__lte=FOUNDING_YEAR_ENDS) | Q(starts_at__date__gte=today - RECENT),
        status=MeetingStatus.HELD,
        agenda_items__isnull=False,
    ).distinct()
    assert held.count() > 20
    assert held.filter(decisions__isnull=True).count() < held.count() / 10
    decisions = Decision.objects.filter(meeting__isnull=False)
    assert decisions.filter(priorities__isnull=False).exists()
    assert decisions.filter(votes_for__isnull=False).exists()
    assert decisions.filter(is_key_decision=True).exists()
    # A decision on a confidential item stays out of the public log.
    secret = decisions.filter(agenda_item__is_confidential=True).first()
    assert secret is not None and not Decision.objects.public().filter(pk=secret.pk).exists()

    leaders = Decision.objects.public().filter(meeting__body__slug="leaders-board").first()
    log = client.get("/decisions/", {"body": "leaders-board"}).content.decode()
    assert leaders.get_absolute_url() in log
    cabinet = Decision.objects.get(decision_maker="Cabinet", decided_on=datetime.date(2016, 7, 12))
    log = client.get("/decisions/", {"since": "12/07/2016", "until": "12/07/2016"}).content.decode()
    assert cabinet.get_absolute_url() in log and "1 decision found" in log

    coming = ForwardPlanEntry.objects.filter(decision__isnull=True, expected_on__gte=today)
    assert coming.filter(is_key_decision=True, meeting__isnull=False).exists()
    private = coming.get(is_private=True)
    assert private.private_reason and private.papers_expected
    taken = ForwardPlanEntry.objects.filter(decision__isnull=False)
    assert taken.exists()
    for entry in taken:
        assert entry.decision.meeting == entry.meeting and entry.published_on < entry.expected_on
    plan = client.get("/decisions/forward-plan/").content.decode()
    assert private.title in plan and "in private" in plan
    assert any(e.decision.get_absolute_url() in plan for e in taken)


def test_demo_board_member_can_sign_in_and_holds_the_body_permissions(client):
    load("--demo-logins")
    sign_in(client, "board.member")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="board.member")
    amg = Body.objects.get(slug="crewe-and-nantwich-area-management-group")
    assert user.has_perm("partnerships.manage_plans", amg)
    sign_in(client, "officer")
    assert client.get("/admin/partnerships/body/").status_code == 200


def test_board_member_journey_on_the_example_data(client):
    """Issue 3's "done when": the example board member signs in, sees the dashboard,
    posts a red update, and the parent body gets the exception report."""
    from strategy.models import Action, ExceptionReport

    load("--demo-logins")
    sign_in(client, "board.member")
    dashboard = client.get("/dashboard/").content.decode()
    assert "Crewe and Nantwich Area Management Group" in dashboard
    action = Action.objects.get(title="Town centre health walks")
    assert action.title in dashboard
    before = ExceptionReport.objects.filter(action=action).count()
    response = client.post(
        f"/actions/{action.pk}/update/",
        {
            "reported_on": action.plan.starts_on.strftime("%d/%m/%Y"),
            "rag": "red",
            "narrative": "No volunteer walk leaders yet",
            "submission_key": "journey1",
        },
    )
    assert response.status_code == 302
    assert ExceptionReport.objects.filter(action=action).count() == before + 1
    board = Body.objects.get(slug="crewe-and-nantwich-area-board")
    assert ExceptionReport.objects.get(action=action).addressed_to == board
    assert action.title in client.get(board.get_absolute_url()).content.decode()
    home = client.get("/").content.decode()
    assert "Drive out the sources of poor health" in home
