"""The Area Assemblies check: each Area Board's Area Assembly holds four assemblies a
year (agreement, LAP Area Assemblies): a summer review of the year (June/July), a
September assembly on next year's Area Plan, a November assembly on public spend,
and a themed one. Officers see which Area Boards are missing one."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from .models import Body, BodyKind, Meeting, MeetingKind
from .models.meetings import AREA_ASSEMBLY_KINDS, MeetingStatus

#: The order the agreement lists them in, and the months it names for each.
ASSEMBLY_KINDS: list[tuple[str, tuple[int, ...]]] = [
    (MeetingKind.SUMMER_ASSEMBLY, (6, 7)),
    (MeetingKind.SEPTEMBER_ASSEMBLY, (9,)),
    (MeetingKind.NOVEMBER_ASSEMBLY, (11,)),
    (MeetingKind.THEMED_ASSEMBLY, ()),
]
assert {kind for kind, _ in ASSEMBLY_KINDS} == AREA_ASSEMBLY_KINDS


@dataclass
class AssemblySlot:
    """One of the four assemblies for one Area Board in the year."""

    kind: str
    months: tuple[int, ...]
    meetings: list[Meeting] = field(default_factory=list)
    cancelled: list[Meeting] = field(default_factory=list)

    @property
    def label(self) -> str:
        return MeetingKind(self.kind).label

    @property
    def is_missing(self) -> bool:
        return not self.meetings

    @property
    def is_held(self) -> bool:
        return any(m.status == MeetingStatus.HELD for m in self.meetings)

    @property
    def out_of_season(self) -> list[Meeting]:
        """Meetings outside the months the agreement names (a note, not a gap)."""
        if not self.months:
            return []
        return [
            m for m in self.meetings if timezone.localtime(m.starts_at).month not in self.months
        ]


@dataclass
class AreaBoardAssemblies:
    area_board: Body
    assemblies: list[Body]
    slots: list[AssemblySlot]

    @property
    def missing(self) -> list[AssemblySlot]:
        return [slot for slot in self.slots if slot.is_missing]


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return start, timezone.make_aware(datetime.datetime(year + 1, 1, 1))


def area_assemblies_check(*, year: int) -> list[AreaBoardAssemblies]:
    """Every Area Board in being during ``year``, its Area Assemblies and, for each of
    the four kinds, the assemblies held or scheduled that year. Three queries."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    in_year = (Q(starts_on__isnull=True) | Q(starts_on__lte=last)) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=first)
    )
    boards = list(Body.objects.filter(in_year, kind=BodyKind.AREA_BOARD).order_by("name"))
    assemblies = list(
        Body.objects.filter(in_year, kind=BodyKind.AREA_ASSEMBLY, parent__in=boards).order_by(
            "name"
        )
    )
    start, end = _year_bounds(year)
    meetings = Meeting.objects.filter(
        body__in=assemblies,
        kind__in=list(AREA_ASSEMBLY_KINDS),
        starts_at__gte=start,
        starts_at__lt=end,
    ).order_by("starts_at")
    rows = {
        board.pk: AreaBoardAssemblies(
            board, [], [AssemblySlot(kind, months) for kind, months in ASSEMBLY_KINDS]
        )
        for board in boards
    }
    by_pk = {assembly.pk: assembly for assembly in assemblies}
    for assembly in assemblies:
        rows[assembly.parent_id].assemblies.append(assembly)
    for meeting in meetings:
        meeting.body = by_pk[meeting.body_id]  # spares a query per meeting
        row = rows[meeting.body.parent_id]
        slot = next(s for s in row.slots if s.kind == meeting.kind)
        if meeting.status == MeetingStatus.CANCELLED:
            slot.cancelled.append(meeting)
        else:
            slot.meetings.append(meeting)
    return list(rows.values())
