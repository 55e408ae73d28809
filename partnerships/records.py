"""A meeting's attendance, and a person's public record (their roles, their
attendance and their declarations): the reads behind the meeting page's attendance
and ``/people/<slug>/``. Nothing private about a person (an e-mail address, a
telephone number) is read here, so none can reach a page."""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from .access import BodyAccess
from .models import Attendance, AttendanceStatus, Meeting, Membership, Person, RegisteredInterest
from .selectors import meetings_for


@dataclass(frozen=True)
class AttendanceEntry:
    name: str
    slug: str
    #: An ``AttendanceStatus`` value, or "" when nothing is recorded.
    status: str
    status_label: str
    #: The member's role and the organisation they represent, or why an invitee came.
    role: str


@dataclass
class MeetingAttendance:
    members: list[AttendanceEntry]
    invitees: list[AttendanceEntry] = field(default_factory=list)
    quorum: int | None = None

    @property
    def recorded(self) -> bool:
        return any(entry.status for entry in self.members) or bool(self.invitees)

    @property
    def present(self) -> int:
        return sum(entry.status == AttendanceStatus.PRESENT for entry in self.members)

    def count(self, status: str) -> int:
        return sum(entry.status == status for entry in self.members)

    @property
    def apologies(self) -> int:
        return self.count(AttendanceStatus.APOLOGIES)

    @property
    def absent(self) -> int:
        return self.count(AttendanceStatus.ABSENT)

    @property
    def quorate(self) -> bool | None:
        """Whether enough members were present, where the body sets a quorum and the
        attendance is recorded; None otherwise."""
        if self.quorum is None or not self.recorded:
            return None
        return self.present >= self.quorum


def _role(membership: Membership) -> str:
    role = membership.get_role_display()
    return f"{role}, {membership.organisation.name}" if membership.organisation else role


def meeting_attendance(meeting: Meeting) -> MeetingAttendance:
    """Who was expected (the body's members on the day it met), who came, who sent
    apologies, who was absent, and who was invited (two queries)."""
    day = timezone.localdate(meeting.starts_at)
    members = (
        Membership.objects.current(day)
        .filter(body_id=meeting.body_id)
        .select_related("person", "organisation")
        .order_by("person__name", "pk")
    )
    recorded = Attendance.objects.filter(meeting=meeting).select_related("person")
    return _attendance(meeting, list(members), list(recorded))


def meetings_attendance(meetings: list[Meeting]) -> dict[int, MeetingAttendance]:
    """``meeting_attendance`` of each of ``meetings`` (with their bodies loaded), by
    meeting id, in two queries however many there are: for the officers' checks of
    quorum over a year of every body's meetings."""
    if not meetings:
        return {}
    days = [timezone.localdate(m.starts_at) for m in meetings]
    members: dict[int, list[Membership]] = {}
    for membership in (
        Membership.objects.overlapping(min(days), max(days))
        .filter(body_id__in={m.body_id for m in meetings})
        .select_related("person", "organisation")
        .order_by("person__name", "pk")
    ):
        members.setdefault(membership.body_id, []).append(membership)
    recorded: dict[int, list[Attendance]] = {}
    for row in Attendance.objects.filter(meeting__in=meetings).select_related("person"):
        recorded.setdefault(row.meeting_id, []).append(row)
    return {
        meeting.pk: _attendance(
            meeting,
            [m for m in members.get(meeting.body_id, []) if m.is_current(day)],
            recorded.get(meeting.pk, []),
        )
        for meeting, day in zip(meetings, days, strict=True)
    }


def _attendance(
    meeting: Meeting, members: list[Membership], rows: list[Attendance]
) -> MeetingAttendance:
    """The attendance from the memberships in force on the day (by name) and the
    rows recorded: no query."""
    recorded = {row.person_id: row for row in rows}
    entries, seen = [], set()
    for membership in members:
        if membership.person_id in seen:
            continue
        seen.add(membership.person_id)
        row = recorded.get(membership.person_id)
        entries.append(
            AttendanceEntry(
                name=membership.person.name,
                slug=membership.person.slug,
                status=row.status if row else "",
                status_label=row.get_status_display() if row else "Not recorded",
                role=_role(membership),
            )
        )
    invitees = [
        AttendanceEntry(
            name=row.person.name,
            slug=row.person.slug,
            status=row.status,
            status_label=row.get_status_display(),
            role=row.invited_as or "Invited",
        )
        for row in sorted(recorded.values(), key=lambda r: r.person.name)
        if row.is_invitee
    ]
    return MeetingAttendance(members=entries, invitees=invitees, quorum=meeting.body.quorum)


def person_memberships(person: Person) -> QuerySet[Membership]:
    """Every role the person holds or held, the latest first."""
    return person.memberships.select_related("body", "organisation").order_by(
        "-starts_on", "body__name"
    )


def person_attendance(
    person: Person,
    access: BodyAccess,
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[Attendance]:
    """The person's recorded attendance at the meetings the reader may see (in
    public, meetings open to the public), the latest first, between the dates given."""
    rows = Attendance.objects.filter(person=person, meeting__in=meetings_for(access))
    if since is not None:
        rows = rows.filter(meeting__starts_at__date__gte=since)
    if until is not None:
        rows = rows.filter(meeting__starts_at__date__lte=until)
    return rows.select_related("meeting__body").order_by("-meeting__starts_at", "pk")


def person_interests(person: Person) -> list[RegisteredInterest]:
    """The person's standing register of interests, current ones first."""
    interests = person.registered_interests.select_related("organisation")
    return sorted(interests, key=lambda i: (i.ended_on is not None, -i.registered_on.toordinal()))
