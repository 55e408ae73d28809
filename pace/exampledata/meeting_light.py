"""The lighter record of the example's meetings between its founding year and the
last months: hundreds of meetings, so they are written a body at a time
(``bulk_create_with_history``, their history kept) rather than one by one through
the services, which would take minutes to load.

Each is what the public reads of a meeting held years ago: its agenda, sent out a
week before; who came, sent apologies or was absent, among the members of that
day (enough present to be quorate, the chair always); and its approved minutes,
which say what was resolved, published as they stand once they are all written
(``meeting_data.load``, through ``meeting_minutes_freeze``); and the papers laid, each
item's report as a PDF checked as any upload is (``services.paper_upload_check``)
and the links to papers published elsewhere. Declarations and the decision log are
kept for the meetings recorded in full (``meeting_data``). Their agenda packs are not
built at load (hundreds of PDFs): a pack is built when an officer next changes the
meeting's papers, and the meeting page offers one only once it exists.
"""

import datetime
import uuid
import zlib

from django.core.files.base import ContentFile
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from partnerships.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    Meeting,
    Membership,
    Paper,
    Person,
    Role,
)
from partnerships.models.meetings import MeetingStatus
from partnerships.services import paper_upload_check

from .meeting_schedule import Sitting

#: How long before a meeting its agenda went out.
AGENDA_AHEAD = datetime.timedelta(days=7)
#: Recorded in full: the structure's first year and the last months.
FOUNDING_YEAR_ENDS = datetime.date(2017, 3, 31)
RECENT = datetime.timedelta(days=200)


def attendance_status(meeting: Meeting, person: Person) -> str:
    """Who came: most members; about one in seven sends apologies and one in twenty
    is absent, the same each time the example is loaded."""
    roll = zlib.crc32(f"{meeting.title}|{person.slug}".encode()) % 20
    return (
        AttendanceStatus.APOLOGIES
        if roll < 3
        else AttendanceStatus.ABSENT
        if roll == 3
        else AttendanceStatus.PRESENT
    )


def roll_call(meeting: Meeting, members: list[Membership]) -> dict[int, str]:
    """Each member's attendance by person id: enough present to be quorate (those
    sending apologies come after all), the chair always."""
    status = {
        m.person_id: (
            AttendanceStatus.PRESENT
            if m.role == Role.CHAIR
            else attendance_status(meeting, m.person)
        )
        for m in members
    }
    for m in members:
        if sum(s == AttendanceStatus.PRESENT for s in status.values()) >= (
            meeting.body.quorum or 0
        ):
            break
        status[m.person_id] = AttendanceStatus.PRESENT
    return status


def names_list(people: list[Person]) -> str:
    names = [p.name for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class Light:
    """The lighter records of one body's meetings. ``writer`` is ``meeting_data``'s,
    whose agendas these share."""

    def __init__(self, body: Body, writer) -> None:
        self.body, self.writer, self.today = body, writer, writer.today

    def takes(self, sitting: Sitting) -> bool:
        return sitting.day > FOUNDING_YEAR_ENDS and sitting.day < self.today - RECENT

    def meeting(self, sitting: Sitting) -> Meeting:
        return Meeting(
            body=self.body,
            title=sitting.title,
            kind=sitting.kind,
            starts_at=sitting.starts_at,
            ends_at=sitting.ends_at,
            location=sitting.location,
            status=MeetingStatus.HELD,
            agenda_published_at=sitting.starts_at - AGENDA_AHEAD,
            minutes_published=True,
        )

    def record(self, done, meetings: list[Meeting], sittings: list[Sitting]) -> None:
        """The agenda, minutes and attendance of ``done`` (``(position, sitting,
        meeting)``), each meeting's neighbours in ``meetings`` and ``sittings``."""
        if not done:
            return
        members = list(
            Membership.objects.filter(body=self.body)
            .select_related("person")
            .order_by("person__name")
        )
        items, laid, attendance = [], [], []
        for i, sitting, meeting in done:
            before = meetings[i - 1] if i else None
            after = sittings[i + 1] if i + 1 < len(sittings) else None
            agenda = self.writer._agenda(
                meeting,
                sitting,
                self.writer._items(self.body, sitting, []),
                before=before,
                after=after,
            )
            day = timezone.localdate(meeting.starts_at)
            present = [m for m in members if m.is_current(day)]
            status = roll_call(meeting, present)
            apologies = [m.person for m in present if status[m.person_id] == "apologies"]
            attendance += [
                Attendance(meeting=meeting, person=m.person, status=status[m.person_id])
                for m in present
            ]
            for position, item in agenda:
                minutes = item.minutes
                if position == 1:
                    minutes = (
                        f"Apologies were received from {names_list(apologies)}."
                        if apologies
                        else "There were no apologies."
                    ) + " No declarations of interest were made."
                elif item.decision:
                    minutes = f"{minutes} Resolved: {item.decision}".strip()
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        position=position,
                        title=item.title,
                        papers=item.papers,
                        is_confidential=item.confidential,
                        minutes=minutes,
                    )
                )
                laid.append(item)
        bulk_create_with_history(items, AgendaItem)
        bulk_create_with_history(attendance, Attendance)
        papers = [
            paper for row, item in zip(items, laid, strict=True) for paper in self.papers(row, item)
        ]
        bulk_create_with_history(papers, Paper)

    def papers(self, row: AgendaItem, item) -> list[Paper]:
        """The papers laid for ``row``: its report as a PDF, stored as an upload
        would be, and its links."""
        made = []
        if item.report:
            upload = ContentFile(
                self.writer._report(row.meeting, row.position, item), name="report.pdf"
            )
            checked = paper_upload_check(upload)
            paper = Paper(
                agenda_item=row,
                position=1,
                title=item.report,
                content_type=checked.content_type,
                size=checked.size,
                pages=checked.pages,
                sha256=checked.sha256,
            )
            paper.file.save(f"{uuid.uuid4().hex}.{checked.extension}", upload, save=False)
            made.append(paper)
        made += [
            Paper(agenda_item=row, position=len(made) + n, title=title, url=url)
            for n, (title, url) in enumerate(item.links, 1)
        ]
        return made
