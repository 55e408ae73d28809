"""When and where each body of the example meets: a calendar rule for each (the
Leaders Board on the second Thursday of every third month, the Area Assemblies'
four a year, the Assembly once a year, ...), giving every meeting since the
structure began in July 2016 (a time-limited group's, over its life) and the next
ones, and the few special meetings of the structure's first year.

The dates follow from the rule and the day the example is loaded, so a meeting
keeps its date and title whenever the example is loaded: loading again the same
day finds every meeting it made, and a later load adds the meetings since.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from partnerships.models import MeetingKind

from .partnership_data import AREAS, STRUCTURE_FROM, task_groups

K = MeetingKind
MON, TUE, WED, THU, FRI = range(5)
LAST = -1


@dataclass(frozen=True)
class Rule:
    """A body's meetings: the ``nth`` ``weekday`` of each of ``months`` (``LAST``
    for the last), at ``at`` for ``hours``, from ``starts_on`` (or the structure's
    start) to ``ends_on``; its next ``ahead``."""

    name: str
    months: tuple[int, ...]
    weekday: int
    nth: int
    at: datetime.time
    location: str
    hours: float = 2
    ahead: int = 2
    title: str = "{name}, {month}"
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None


@dataclass(frozen=True)
class Sitting:
    """A meeting in the example's calendar. ``index`` counts the body's meetings, so
    that each takes its turn of the agenda items (``meeting_agendas``)."""

    body: str
    title: str
    starts_at: datetime.datetime
    hours: float
    location: str
    kind: str = K.MEETING
    index: int = 0
    theme: str = ""

    @property
    def day(self) -> datetime.date:
        return timezone.localdate(self.starts_at)

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(hours=self.hours)


def _at(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, at))


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> datetime.date:
    if nth == LAST:
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


VENUES = {
    "Crewe and Nantwich": "Municipal Buildings, Earle Street, Crewe",
    "Macclesfield": "Town Hall, Market Place, Macclesfield",
    "Congleton": "Town Hall, High Street, Congleton",
}
TOWN_VENUES = {
    "Crewe": "Crewe Library, Prince Albert Street",
    "Nantwich": "Nantwich Civic Hall",
    "Alsager": "Alsager Civic Centre",
    "Macclesfield": "Macclesfield Library, Jordangate",
    "Wilmslow": "Wilmslow Library, South Drive",
    "Knutsford": "Knutsford Civic Centre",
    "Poynton": "Poynton Civic Hall",
    "Congleton": "Congleton Town Hall",
    "Sandbach": "Sandbach Town Hall",
}
WESTFIELDS = "Westfields, Middlewich Road, Sandbach"


def _rules(today: datetime.date) -> dict[str, Rule]:
    rules = {
        "leaders-board": Rule(
            "Leaders Board", (3, 6, 9, 12), THU, 2, datetime.time(10), WESTFIELDS
        ),
        # The annual stakeholder conference (agreement, Assembly).
        "assembly": Rule(
            "Cheshire East Assembly",
            (10,),
            FRI,
            2,
            datetime.time(9, 30),
            "Crewe Lifestyle Centre, Moss Square, Crewe",
            hours=6,
            ahead=1,
            title="{name} {year}",
        ),
        "health-and-wellbeing-board": Rule(
            "Health and Wellbeing Board",
            (1, 4, 7, 10),
            TUE,
            LAST,
            datetime.time(14),
            f"Committee Suite 1, {WESTFIELDS}",
        ),
        "learning-and-skills": Rule(
            "Learning and Skills",
            (2, 5, 9, 11),
            WED,
            1,
            datetime.time(14),
            "South Cheshire College, Dane Bank Avenue, Crewe",
            hours=1.5,
        ),
    }
    for stem, area, towns in AREAS:
        rules[f"{stem}-area-board"] = Rule(
            f"{area} Area Board", (1, 4, 7, 10), MON, 3, datetime.time(18), VENUES[area]
        )
        rules[f"{stem}-area-management-group"] = Rule(
            f"{area} Area Management Group", (2, 5, 8, 11), TUE, 2, datetime.time(14), VENUES[area]
        )
        for town in towns:
            rules[f"{slugify(town)}-town-partnership"] = Rule(
                f"{town} Town Partnership",
                (1, 5, 9),
                THU,
                1,
                datetime.time(18, 30),
                TOWN_VENUES[town],
                hours=1.5,
            )
    # The later task and finish groups meet every other month over their life.
    for slug, name, *_, extra in task_groups(today):
        rules[slug] = Rule(
            name,
            (1, 3, 5, 7, 9, 11) if extra["starts_on"].month % 2 else (2, 4, 6, 8, 10, 12),
            WED,
            2,
            datetime.time(10),
            WESTFIELDS,
            hours=1.5,
            starts_on=extra["starts_on"],
            ends_on=extra["ends_on"],
        )
    return rules


#: Each Local Area Partnership's four Area Assemblies a year (agreement, LAP Area
#: Assemblies): (kind, month, day, title).
ASSEMBLIES = [
    (K.THEMED_ASSEMBLY, 3, 10, "Themed Assembly: {theme}"),
    (K.SUMMER_ASSEMBLY, 7, 7, "Summer Assembly"),
    (K.SEPTEMBER_ASSEMBLY, 9, 15, "September Assembly"),
    (K.NOVEMBER_ASSEMBLY, 11, 26, "November Assembly"),
]
#: The themed Assembly's theme, by year (``year % 4``).
THEMES = ("the cost of living", "community transport", "loneliness", "young people's wellbeing")


def _window(dates, today: datetime.date, *, ahead: int, starts_on=None, ends_on=None):
    """Every date from ``starts_on`` (the structure's start if none) to ``ends_on``
    before today, and the next ``ahead``, in order; not today's, which would be
    neither held nor to come for the whole day."""
    dates = sorted(
        d
        for d in dates
        if d[0] >= (starts_on or STRUCTURE_FROM) and (ends_on is None or d[0] <= ends_on)
    )
    return [d for d in dates if d[0] < today] + [d for d in dates if d[0] > today][:ahead]


def sittings(today: datetime.date) -> list[Sitting]:
    """Every meeting of the example's calendar (but the Leaders Board's first, in
    ``partnership_data``), each body's in date order."""
    years = range(STRUCTURE_FROM.year, today.year + 3)
    out: list[Sitting] = []
    for slug, rule in _rules(today).items():
        dates = [
            (_nth_weekday(year, month, rule.weekday, rule.nth), year * len(rule.months) + i)
            for year in years
            for i, month in enumerate(rule.months)
        ]
        window = _window(
            dates, today, ahead=rule.ahead, starts_on=rule.starts_on, ends_on=rule.ends_on
        )
        for day, index in window:
            out.append(
                Sitting(
                    slug,
                    rule.title.format(name=rule.name, month=f"{day:%B %Y}", year=day.year),
                    _at(day, rule.at),
                    rule.hours,
                    rule.location,
                    index=index,
                )
            )
    for stem, area, _ in AREAS:
        dates = [
            (datetime.date(year, month, day), kind, label.format(theme=THEMES[year % 4]))
            for year in years
            for kind, month, day, label in ASSEMBLIES
        ]
        for day, kind, label in _window(dates, today, ahead=2):
            out.append(
                Sitting(
                    f"{stem}-area-assembly",
                    f"{area} {label} {day.year}",
                    _at(day, datetime.time(18)),
                    2,
                    VENUES[area],
                    kind=kind,
                    theme=THEMES[day.year % 4] if kind == K.THEMED_ASSEMBLY else "",
                )
            )
    return out + _history()


def _history() -> list[Sitting]:
    """The structure's first year: the time-limited Participatory Budgeting Working
    Group (September 2016 to March 2017), and the Area Board meeting that agreed the
    first phase's results (its record is made by ``funding_data``)."""
    group = [
        Sitting(
            "crewe-and-nantwich-pb-working-group",
            f"Participatory Budgeting Working Group, {day:%B %Y}",
            _at(day, datetime.time(14)),
            1.5,
            VENUES["Crewe and Nantwich"],
            index=i,
        )
        for i, day in enumerate(
            datetime.date(*d)
            for d in [(2016, 10, 12), (2016, 11, 16), (2017, 1, 18), (2017, 3, 15)]
        )
    ]
    board = Sitting(
        "crewe-and-nantwich-area-board",
        "Crewe and Nantwich Area Board: participatory budgeting results",
        _at(datetime.date(2017, 7, 10), datetime.time(18)),
        2,
        "Municipal Buildings, Crewe",
    )
    return [*group, board]
