"""``/meetings/calendar/``: a month of meetings as a calendar, Monday first, each day
listing the meetings the reader may see (``selectors.meetings_for``), with the
months before and after; the list at ``/meetings/`` says the same as a list."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Max, Min
from django.shortcuts import render
from django.utils import timezone

from pace.core.cache import cache_params

from . import selectors
from .access import body_access
from .forms import MonthForm, valid_choices


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    meetings: list = field(default_factory=list)


def _month(chosen: str | None) -> datetime.date:
    if chosen:
        year, month = chosen.split("-")
        return datetime.date(int(year), int(month), 1)
    return timezone.localdate().replace(day=1)


@cache_params(MonthForm)
def meeting_calendar(request):
    """Template: partnerships/meeting_calendar.html."""
    access = body_access(request)
    form = MonthForm(request.GET or None)
    chosen = valid_choices(form)
    first = _month(chosen.get("month"))
    weeks_of_dates = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start, end = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    body = chosen.get("body")
    visible = selectors.meetings_for(access, body=body, include_below=bool(chosen.get("below")))
    meetings = visible.filter(starts_at__date__gte=start, starts_at__date__lte=end).order_by(
        "starts_at", "pk"
    )
    # The months before and after are offered only while there are meetings there,
    # so following "next month" ends (a crawler, too).
    bounds = visible.aggregate(first=Min("starts_at"), last=Max("starts_at"))
    by_day: dict[datetime.date, list] = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localdate(meeting.starts_at), []).append(meeting)
    weeks = [
        [Day(date=d, in_month=d.month == first.month, meetings=by_day.get(d, [])) for d in week]
        for week in weeks_of_dates
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    has_before = bounds["first"] is not None and timezone.localdate(bounds["first"]) < first
    has_after = bounds["last"] is not None and timezone.localdate(bounds["last"]) >= following
    return render(
        request,
        "partnerships/meeting_calendar.html",
        {
            "form": form,
            "body": body,
            "month": first,
            "weeks": weeks,
            "count": sum(len(v) for k, v in by_day.items() if k.month == first.month),
            "previous": f"{previous:%Y-%m}" if has_before else None,
            "following": f"{following:%Y-%m}" if has_after else None,
            "today": timezone.localdate(),
            "nav_section": "meetings",
        },
        status=400 if form.errors else 200,
    )
