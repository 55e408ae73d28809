"""iCalendar (RFC 5545) feeds of meetings open to the public, and one meeting's
calendar file ("Add to calendar"), both made of the same events.

A feed is the same for every reader: a calendar program subscribes without a
session, so a feed never carries a meeting that is not open to the public, and an
agenda in it names a confidential item only as "Confidential item". Each meeting's
UID never changes, so a calendar program updates the event it already has instead
of adding a copy; a cancelled meeting stays in the feed with STATUS:CANCELLED so
that subscribers see it cancelled rather than silently gone.

A single meeting's file is fetched with the reader's session, so it may be of a
meeting open only to members, for a member; its agenda is the public one all the
same (see ``_event``).
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


def _event(
    meeting: Meeting, agenda: list[AgendaEntry], absolute_url: Callable[[str], str], zone: ZoneInfo
) -> Event:
    """One meeting as a VEVENT: the one rule for what a calendar carries, for the
    feeds and for a single meeting's file alike. ``agenda`` must be the public agenda
    (``selectors.public_agendas``), so a confidential item is only ever "Confidential
    item", even in the file of a member: a calendar file leaves the site (shared
    calendars, forwarded invitations) and no longer knows who may read it."""
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
    event.add("description", _description(meeting, agenda))
    # A members-only meeting (only ever in a member's single-meeting file) is marked
    # private, so that a calendar shared with others shows it as busy time only.
    event.add("class", "PUBLIC" if meeting.is_public else "PRIVATE")
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def _calendar(
    *,
    meetings: list[Meeting],
    agendas: dict[int, list[AgendaEntry]],
    absolute_url: Callable[[str], str],
    name: str | None,
) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name is not None:  # a calendar to subscribe to; one meeting's file has none
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
        calendar.add_component(_event(meeting, agendas.get(meeting.pk, []), absolute_url, zone))
    return calendar.to_ical()


def meetings_calendar(
    *,
    meetings: Iterable[Meeting],
    agendas: dict[int, list[AgendaEntry]],
    absolute_url: Callable[[str], str],
    name: str,
) -> bytes:
    """The calendar of ``meetings`` as bytes, for a feed. ``agendas`` must hold the
    public agenda of each (see ``selectors.public_agendas``)."""
    # The selector already leaves out meetings not open to the public; never trust it.
    public = [meeting for meeting in meetings if meeting.is_public]
    return _calendar(meetings=public, agendas=agendas, absolute_url=absolute_url, name=name)


def meeting_calendar(
    *, meeting: Meeting, agenda: list[AgendaEntry], absolute_url: Callable[[str], str]
) -> bytes:
    """One meeting's calendar file ("Add to calendar"), the same event as in the
    feeds. Unlike a feed it is fetched by a reader with their session, so it may be
    of a meeting not open to the public: the caller must already have decided that
    the reader may see the meeting (``meeting_views._meeting_or_404``). ``agenda``
    must be its public agenda (``selectors.public_agendas``)."""
    return _calendar(
        meetings=[meeting],
        agendas={meeting.pk: agenda},
        absolute_url=absolute_url,
        # No calendar name: a program given a named calendar may offer to make a new
        # calendar of it, where one event should join the reader's own calendar.
        name=None,
    )
