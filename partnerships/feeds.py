"""iCalendar (RFC 5545) feeds of meetings open to the public.

A feed is the same for every reader: a calendar program subscribes without a
session, so a feed never carries a meeting that is not open to the public, and an
agenda in it names a confidential item only as "Confidential item". Each meeting's
UID never changes, so a calendar program updates the event it already has instead
of adding a copy; a cancelled meeting stays in the feed with STATUS:CANCELLED so
that subscribers see it cancelled rather than silently gone.
"""

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from .models import Meeting
from .models.meetings import MeetingStatus
from .selectors import AgendaEntry

PRODID = "-//Cheshire East Council//PACE meetings//EN"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{settings.PACE_CALENDAR_UID_DOMAIN}"


def _description(meeting: Meeting, agenda: list[AgendaEntry]) -> str:
    lines = [f"{meeting.body.name}: {meeting.get_kind_display()}."]
    if agenda:
        lines += ["", "Agenda:"]
        lines += [
            f"{entry.position}. {'Confidential item' if entry.redacted else entry.title}"
            for entry in agenda
        ]
    return "\n".join(lines)


def meetings_calendar(
    *,
    meetings: Iterable[Meeting],
    agendas: dict[int, list[AgendaEntry]],
    absolute_url: Callable[[str], str],
    name: str,
) -> bytes:
    """The calendar of ``meetings`` as bytes. ``agendas`` must hold the public agenda
    of each (see ``selectors.public_agendas``)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    meetings = list(meetings)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)  # RFC 7986
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Always one VTIMEZONE, so that even a body with no meetings gives a valid
    # calendar (RFC 5545 wants at least one component), spanning the feed's dates.
    today = timezone.localdate()
    days = [timezone.localtime(m.starts_at, zone).date() for m in meetings] or [today]
    calendar.add_component(
        Timezone.from_tzid(
            settings.TIME_ZONE,
            first_date=min(*days, today) - datetime.timedelta(days=366),
            last_date=max(*days, today) + datetime.timedelta(days=366),
        )
    )
    for meeting in meetings:
        if not meeting.is_public:  # the selector already leaves them out; never trust it
            continue
        event = Event()
        event.add("uid", meeting_uid(meeting))
        stamp = meeting.updated_at.astimezone(datetime.UTC)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("dtstart", timezone.localtime(meeting.starts_at, zone))
        if meeting.ends_at:
            event.add("dtend", timezone.localtime(meeting.ends_at, zone))
        event.add("summary", meeting.title)
        if meeting.location:
            event.add("location", meeting.location)
        event.add("url", absolute_url(meeting.get_absolute_url()))
        event.add("description", _description(meeting, agendas.get(meeting.pk, [])))
        event.add("class", "PUBLIC")
        event.add(
            "status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
        )
        calendar.add_component(event)
    return calendar.to_ical()
