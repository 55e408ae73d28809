"""The structure and the meetings as open data, built by the worker and served from
storage (``pace.documents``)."""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from pace.documents.registry import register

from . import selectors
from .feeds import meetings_calendar
from .opendata import popolo

#: How far back a calendar feed goes (the meetings calendar and each body's); everything
#: ahead is in it.
FEED_PAST_DAYS = 365


def feed_since() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=FEED_PAST_DAYS)


def meetings_feed(site_url: str) -> bytes:
    """Every body's meetings open to the public, from a year ago on."""
    meetings = list(selectors.public_feed_meetings(since=feed_since()))
    return meetings_calendar(
        meetings=meetings,
        agendas=selectors.public_agendas(meetings),
        absolute_url=lambda path: site_url + path,
        name="Partnerships for Action in Cheshire East: meetings",
    )


register(
    "popolo.json",
    path="/partnerships/popolo.json",
    title="The partnership's structure (Popolo JSON)",
    standard="Popolo",
    content_type="application/json",
    reads=("partnerships",),
    # Compact: json's C encoder only runs without indent (a tenth of the time for
    # the 3 MB of a large partnership); anyone reading it can pretty-print it.
    build=lambda site_url: json.dumps(
        popolo(base_url=site_url), cls=DjangoJSONEncoder, ensure_ascii=False
    ),
)
register(
    "meetings.ics",
    path="/meetings.ics",
    title="Every body's meetings (calendar)",
    standard="iCalendar (RFC 5545)",
    content_type="text/calendar; charset=utf-8",
    filename="meetings.ics",
    reads=("partnerships",),
    build=meetings_feed,
    daily=True,
)
