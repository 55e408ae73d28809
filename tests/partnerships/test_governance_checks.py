"""The officers' governance checks (issue 21, parts 4 and 5): terms of reference and
their review, meeting frequency, quorum, the Annual Assembly, the annual reports and
the agreement's review; each flags when it should and not when it should not; the
page is for officers only, at a cost that does not grow with the bodies; the daily
digest counts the same."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pace.reports.annual_checks import annual_reports_check, reports_due_on, year_checked
from pace.reports.models import AnnualReport
from pace.site.notices import officer_digest_lines
from partnerships import services
from partnerships.governance_checks import (
    expected_meetings,
    governance_checks,
    year_before,
)
from partnerships.models import (
    AttendanceStatus,
    Body,
    BodyKind,
    CoreTerms,
    Meeting,
    MeetingFrequency,
    MeetingKind,
    TermsOfReference,
)
from partnerships.models.meetings import MeetingStatus

from . import factories as f

pytestmark = pytest.mark.django_db

K = BodyKind
TODAY = timezone.localdate()
URL = "/partnerships/checks/"


def terms(body: Body, **fields) -> TermsOfReference:
    values = {
        "purpose": "p",
        "membership": "m",
        "chair": "c",
        "meeting_frequency": MeetingFrequency.QUARTERLY,
        "reporting": "r",
        "adopted_on": TODAY - datetime.timedelta(days=400),
        "review_on": TODAY + datetime.timedelta(days=400),
    } | fields
    return services.terms_save(terms=TermsOfReference(body=body, **values))


def meeting(body: Body, days_ago: int, *, status=MeetingStatus.HELD, kind=MeetingKind.MEETING):
    starts = timezone.make_aware(
        datetime.datetime.combine(TODAY - datetime.timedelta(days=days_ago), datetime.time(10))
    )
    return Meeting.objects.create(
        body=body, title=f"{body.name} {days_ago}", starts_at=starts, status=status, kind=kind
    )


def row(checks, body: Body):
    return next(r for r in checks.bodies if r.body.pk == body.pk)


# --- Terms and their review ---------------------------------------------------------------


def test_a_body_without_terms_or_overdue_for_review_is_flagged():
    leaders = f.body(K.LEADERS_BOARD)
    overdue = f.body(K.THEMATIC_BOARD, leaders)
    due_today = f.body(K.THEMATIC_BOARD, leaders)
    ended = f.body(K.THEMATIC_BOARD, leaders, ends_on=TODAY - datetime.timedelta(days=1))
    terms(overdue, review_on=TODAY - datetime.timedelta(days=1))
    terms(due_today, review_on=TODAY)
    checks = governance_checks(on=TODAY)
    assert row(checks, leaders).no_terms and row(checks, leaders).flags[0] == (
        "No terms of reference"
    )
    assert row(checks, overdue).review_overdue and not row(checks, overdue).no_terms
    assert not row(checks, due_today).review_overdue
    assert ended.pk not in {r.body.pk for r in checks.bodies}  # not in being
    assert checks.count("no_terms") == 1 and checks.count("review_overdue") == 1


# --- Meeting frequency ----------------------------------------------------------------------


def test_a_body_that_met_less_often_than_its_terms_say_is_flagged():
    leaders = f.body(K.LEADERS_BOARD)
    terms(leaders)
    for days in (20, 110):
        meeting(leaders, days)
    # Not held: cancelled, to come, or before the twelve months (and their grace).
    meeting(leaders, 200, status=MeetingStatus.CANCELLED)
    meeting(leaders, -10, status=MeetingStatus.SCHEDULED)
    meeting(leaders, 400)
    check = row(governance_checks(on=TODAY), leaders)
    assert (len(check.held), check.expected) == (2, 4)
    assert check.frequency_not_met
    assert "Met 2 times in the last twelve months; its terms ask for 4" in check.flags
    for days in (200, 290):
        meeting(leaders, days)
    assert not row(governance_checks(on=TODAY), leaders).frequency_not_met


def test_a_meeting_a_few_days_before_the_twelve_months_still_counts():
    assembly = f.body(K.ASSEMBLY)
    terms(assembly, meeting_frequency=MeetingFrequency.YEARLY)
    # Last year's on the 12th, this year's on the 10th, to come: the calendar moved it.
    meeting(assembly, 368)
    assert not row(governance_checks(on=TODAY), assembly).frequency_not_met
    Meeting.objects.all().delete()
    meeting(assembly, 366 + 30)
    assert row(governance_checks(on=TODAY), assembly).frequency_not_met


def test_only_the_time_a_body_existed_counts():
    leaders = f.body(K.LEADERS_BOARD)
    new = f.body(K.THEMATIC_BOARD, leaders, starts_on=TODAY - datetime.timedelta(days=60))
    terms(new, adopted_on=new.starts_on)
    assert row(governance_checks(on=TODAY), new).expected == 0
    older = f.body(K.THEMATIC_BOARD, leaders, starts_on=TODAY - datetime.timedelta(days=214))
    terms(older, adopted_on=older.starts_on)
    meeting(older, 100)
    check = row(governance_checks(on=TODAY), older)
    # Seven months less a fortnight to arrange the first meeting: two quarterly ones.
    assert (len(check.held), check.expected) == (1, 2) and check.frequency_not_met
    since = year_before(TODAY)
    assert expected_meetings(12, older, since=since, on=TODAY) == 6
    assert expected_meetings(1, leaders, since=since, on=TODAY) == 1


# --- Quorum ---------------------------------------------------------------------------------


def test_a_meeting_held_without_a_quorum_is_flagged_by_the_meeting_pages_rule():
    leaders = f.body(K.LEADERS_BOARD, quorum=2)
    terms(leaders, meeting_frequency=MeetingFrequency.YEARLY)
    people = [f.member(leaders).person for _ in range(3)]
    short = meeting(leaders, 30)
    services.attendance_record(meeting=short, person=people[0], status=AttendanceStatus.PRESENT)
    services.attendance_record(meeting=short, person=people[1], status=AttendanceStatus.APOLOGIES)
    full = meeting(leaders, 60)
    for person in people[:2]:
        services.attendance_record(meeting=full, person=person, status=AttendanceStatus.PRESENT)
    meeting(leaders, 90)  # no attendance recorded: not judged
    old = meeting(leaders, 380)  # before the twelve months
    services.attendance_record(meeting=old, person=people[0], status=AttendanceStatus.PRESENT)
    check = row(governance_checks(on=TODAY), leaders)
    assert [(m.pk, a.present, a.quorum) for m, a in check.inquorate] == [(short.pk, 1, 2)]
    assert "1 meeting without a quorum" in check.flags
    # An invitee present is not a member present.
    guest = f.person()
    services.attendance_record(
        meeting=short, person=guest, status=AttendanceStatus.PRESENT, is_invitee=True
    )
    assert row(governance_checks(on=TODAY), leaders).inquorate
    services.attendance_record(meeting=short, person=people[2], status=AttendanceStatus.PRESENT)
    assert not row(governance_checks(on=TODAY), leaders).inquorate


def test_a_body_without_a_quorum_set_is_never_inquorate():
    leaders = f.body(K.LEADERS_BOARD)
    person = f.member(leaders).person
    held = meeting(leaders, 30)
    services.attendance_record(meeting=held, person=person, status=AttendanceStatus.ABSENT)
    assert not row(governance_checks(on=TODAY), leaders).inquorate


# --- The annual cycle -------------------------------------------------------------------------


def test_the_annual_assembly_of_this_year_is_checked():
    assembly = f.body(K.ASSEMBLY)
    assert governance_checks(on=TODAY).annual_assembly_missing
    last_year = meeting(assembly, 400, kind=MeetingKind.ANNUAL_ASSEMBLY)
    ordinary = meeting(assembly, -5, status=MeetingStatus.SCHEDULED)
    assert governance_checks(on=TODAY).annual_assembly_missing
    day = TODAY.replace(month=12, day=31) if TODAY.month >= 7 else TODAY.replace(month=1, day=1)
    this_year = meeting(
        assembly,
        (TODAY - day).days,
        status=MeetingStatus.CANCELLED,
        kind=MeetingKind.ANNUAL_ASSEMBLY,
    )
    assert governance_checks(on=TODAY).annual_assembly_missing  # cancelled does not count
    this_year.status = MeetingStatus.SCHEDULED
    this_year.save()
    checks = governance_checks(on=TODAY)
    assert not checks.annual_assembly_missing
    assert checks.annual_assemblies == [this_year]
    assert last_year not in checks.annual_assemblies and ordinary not in checks.annual_assemblies


def test_the_agreements_review_is_flagged_when_passed_or_within_ninety_days():
    assert "No core terms" in governance_checks(on=TODAY).agreement_flag

    def with_review(days: int) -> str:
        CoreTerms.objects.all().delete()
        services.core_terms_save(
            terms=CoreTerms(
                text="t",
                adopted_on=datetime.date(2016, 9, 1),
                agreement_review_on=TODAY + datetime.timedelta(days=days),
            )
        )
        return governance_checks(on=TODAY).agreement_flag

    assert with_review(-1).startswith("The agreement was to be reviewed by")
    assert with_review(0).startswith("The agreement is to be reviewed by")
    assert with_review(90).startswith("The agreement is to be reviewed by")
    assert with_review(91) == ""


def test_the_annual_reports_of_the_year_due_are_checked():
    year = year_checked(TODAY)
    assert reports_due_on(year) < TODAY <= reports_due_on(year + 1)
    starts = datetime.date(year, 4, 1)
    leaders = f.body(K.LEADERS_BOARD)
    assembly = f.body(K.ASSEMBLY)
    theme = f.body(K.THEMATIC_BOARD, leaders)
    area = f.area(leaders)
    late = f.body(K.THEMATIC_GROUP, leaders, starts_on=starts + datetime.timedelta(days=1))
    check = annual_reports_check(on=TODAY)
    assert check.year == year
    listed = {r.body.pk for r in check.rows}
    # Reporting bodies in being for the whole year; not the Assembly, the Area Board's
    # bodies below it, nor a body set up during the year.
    assert listed == {leaders.pk, theme.pk, area["area_board"].pk}
    assert {r.body.pk for r in check.missing} == listed
    AnnualReport.objects.create(
        body=theme, year=year, presented_to=leaders, presented_on=reports_due_on(year)
    )
    AnnualReport.objects.create(
        body=leaders, year=year - 1, presented_to=assembly, presented_on=starts
    )  # the year before does not count
    missing = {r.body.pk for r in annual_reports_check(on=TODAY).missing}
    assert missing == {leaders.pk, area["area_board"].pk}
    assert late.pk not in missing


# --- The page and the digest -----------------------------------------------------------------


def gappy_partnership() -> dict[str, Body]:
    leaders = f.body(K.LEADERS_BOARD, quorum=2)
    terms(leaders, review_on=TODAY - datetime.timedelta(days=3))
    theme = f.body(K.THEMATIC_BOARD, leaders)
    return {"leaders": leaders, "theme": theme}


def test_the_page_is_for_officers_only(client):
    bodies = gappy_partnership()
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    member = f.person(with_login=True)
    f.member(bodies["leaders"], member)
    client.force_login(member.user)
    assert client.get(URL).status_code == 403
    staff = get_user_model().objects.create_user("staffer", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_termsofreference"))
    client.force_login(get_user_model().objects.get(pk=staff.pk))
    assert client.get(URL).status_code == 200


def test_the_page_says_what_each_check_found(client):
    bodies = gappy_partnership()
    client.force_login(f.officer())
    response = client.get(URL)
    assert response.status_code == 200 and response.get("X-Cache") != "hit"
    page = response.content.decode()
    assert "Governance checks" in page
    assert f"Terms were to be reviewed by {TODAY - datetime.timedelta(days=3):%-d %B %Y}" in page
    assert f"/partnerships/{bodies['theme'].slug}/terms/" in page
    assert "No terms of reference" in page
    assert "The structure has no Assembly" in page
    assert "No core terms of reference are recorded" in page
    assert "Not presented" in page  # the Leaders Board's annual report
    dashboard = client.get("/dashboard/").content.decode()
    assert 'href="/partnerships/checks/"' in dashboard


def test_the_digest_counts_what_the_page_flags():
    gappy_partnership()
    lines = dict(officer_digest_lines(TODAY))
    assert lines["1 bodies with no terms of reference"] == URL
    assert lines["1 bodies whose terms of reference are overdue for review"] == URL
    assert lines[f"1 Annual Assembly not arranged for {TODAY.year}"] == URL
    assert not any("without a quorum" in line for line in lines)


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def _grow(leaders: Body, n: int) -> None:
    for i in range(n):
        theme = f.body(K.THEMATIC_BOARD, leaders, quorum=2)
        terms(theme, review_on=TODAY - datetime.timedelta(days=1) if i % 2 else TODAY)
        person = f.member(theme).person
        for days in (10, 100):
            held = meeting(theme, days)
            services.attendance_record(meeting=held, person=person, status=AttendanceStatus.PRESENT)


def test_the_page_costs_the_same_however_many_bodies(client, django_assert_num_queries):
    leaders = gappy_partnership()["leaders"]
    assembly = f.body(K.ASSEMBLY)
    meeting(assembly, 0, status=MeetingStatus.SCHEDULED, kind=MeetingKind.ANNUAL_ASSEMBLY)
    _grow(leaders, 1)
    client.force_login(f.officer())
    client.get(URL)
    # The session and the user (2) and the officer's permissions, their own and their
    # groups' (2); the checks: the
    # bodies, their terms, their meetings held, those meetings' members and attendance,
    # the core terms and this year's Annual Assemblies (7); the annual reports' bodies
    # and reports (2).
    with django_assert_num_queries(4 + 7 + 2):
        client.get(URL)
    small = _queries(client)
    _grow(leaders, 6)
    assert _queries(client) == small
