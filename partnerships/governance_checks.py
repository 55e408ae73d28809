"""The officers' governance checks that the terms of reference imply (agreement,
Thematic Groups; issue 21): for each body in being, whether it has terms, whether
their review is overdue, whether it met as often as they say over the last twelve
months (counting only the time it existed), and whether its meetings held in that
time were quorate; then the annual cycle: the Assembly's Annual Assembly this year
(agreement 2 and 5.5), and the partnership agreement's own review (agreement 7).

Annual reports belong to ``pace.reports``, which this app may not import: their
check is ``pace.reports.annual_checks``, and ``pace.site.governance`` puts the two
on one page. Seven queries, however many bodies and meetings (``governance_checks``).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from pace.core.access import is_officer

from .models import Body, BodyKind, CoreTerms, Meeting, MeetingKind, TermsOfReference
from .models.meetings import MeetingStatus
from .records import MeetingAttendance, meetings_attendance
from .terms_selectors import core_terms

#: The agreement's review is flagged this many days before it falls due.
AGREEMENT_REVIEW_WARNING_DAYS = 90
#: A meeting held up to this many days before the twelve months still counts
#: towards them: a calendar rule ("the second Thursday") moves a meeting by a few
#: days from one year to the next, which is not a missed meeting. (And a new body
#: has as long to arrange its first meeting.)
FREQUENCY_GRACE_DAYS = 14


def can_see_governance_checks(user) -> bool:
    """The governance checks are for officers: staff who may view terms of reference."""
    return is_officer(user, "partnerships.view_termsofreference")


def year_before(on: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return on.replace(year=on.year - 1)
    except ValueError:
        return on.replace(year=on.year - 1, day=28)


@dataclass
class BodyCheck:
    """One body's checks on day ``on``."""

    body: Body
    terms: TermsOfReference | None
    on: datetime.date
    #: Meetings held in the last twelve months (and the grace before them).
    held: list[Meeting] = field(default_factory=list)
    #: How many meetings the terms ask for in the part of the twelve months the
    #: body existed (None without terms).
    expected: int | None = None
    #: Held meetings whose attendance shows the quorum was not met.
    inquorate: list[tuple[Meeting, MeetingAttendance]] = field(default_factory=list)

    @property
    def no_terms(self) -> bool:
        return self.terms is None

    @property
    def review_overdue(self) -> bool:
        return self.terms is not None and self.terms.review_on < self.on

    @property
    def frequency_not_met(self) -> bool:
        return self.expected is not None and len(self.held) < self.expected

    @property
    def flags(self) -> list[str]:
        """What is wrong, in words, for the page and the digest."""
        out = []
        if self.no_terms:
            out.append("No terms of reference")
        if self.review_overdue:
            out.append(f"Terms were to be reviewed by {self.terms.review_on:%-d %B %Y}")
        if self.frequency_not_met:
            out.append(
                f"Met {len(self.held)} time{'s' if len(self.held) != 1 else ''} in the last "
                f"twelve months; its terms ask for {self.expected}"
            )
        if self.inquorate:
            n = len(self.inquorate)
            out.append(f"{n} meeting{'s' if n != 1 else ''} without a quorum")
        return out


@dataclass
class GovernanceChecks:
    on: datetime.date
    bodies: list[BodyCheck]
    core: CoreTerms | None
    #: The partnership's Assembly (the current bodies of that kind) and this year's
    #: Annual Assembly meetings, held or scheduled (not cancelled).
    assemblies: list[Body]
    annual_assemblies: list[Meeting]

    @property
    def flagged(self) -> list[BodyCheck]:
        return [row for row in self.bodies if row.flags]

    def count(self, name: str) -> int:
        """How many bodies a check flags: "no_terms", "review_overdue",
        "frequency_not_met" or "inquorate"."""
        return sum(1 for row in self.bodies if getattr(row, name))

    @property
    def annual_assembly_missing(self) -> bool:
        return not self.annual_assemblies

    @property
    def agreement_review_on(self) -> datetime.date | None:
        return self.core.agreement_review_on if self.core is not None else None

    @property
    def agreement_review_passed(self) -> bool:
        return self.core is not None and self.core.agreement_review_on < self.on

    @property
    def agreement_review_due(self) -> bool:
        """Due within ``AGREEMENT_REVIEW_WARNING_DAYS``, not yet passed."""
        if self.core is None or self.agreement_review_passed:
            return False
        warning = datetime.timedelta(days=AGREEMENT_REVIEW_WARNING_DAYS)
        return self.core.agreement_review_on <= self.on + warning

    @property
    def agreement_flag(self) -> str:
        if self.core is None:
            return "No core terms of reference are recorded, nor the agreement's review date"
        if self.agreement_review_passed:
            return f"The agreement was to be reviewed by {self.core.agreement_review_on:%-d %B %Y}"
        if self.agreement_review_due:
            return f"The agreement is to be reviewed by {self.core.agreement_review_on:%-d %B %Y}"
        return ""


def expected_meetings(
    frequency: int, body: Body, *, since: datetime.date, on: datetime.date
) -> int:
    """How many meetings ``frequency`` (meetings a year) asks of ``body`` from
    ``since`` to ``on``, counting only the days it existed: whole meetings only, so a
    body set up two months ago owes no quarterly meeting yet. A body set up within
    the twelve months has ``FREQUENCY_GRACE_DAYS`` to arrange its first meeting."""
    start = since
    if body.starts_on and body.starts_on > since:
        start = body.starts_on + datetime.timedelta(days=FREQUENCY_GRACE_DAYS)
    days = max((on - start).days, 0)
    return (frequency * days) // (on - since).days


def governance_checks(*, on: datetime.date | None = None) -> GovernanceChecks:
    """Every body in being on ``on`` (today by default) with its checks, and the
    annual cycle's. Seven queries: the bodies, their terms, their meetings held,
    the attendance of those (two), the core terms, this year's Annual Assemblies."""
    on = on or timezone.localdate()
    since = year_before(on)
    bodies = list(Body.objects.current(on).order_by("tree_id", "lft"))
    terms = {t.body_id: t for t in TermsOfReference.objects.filter(body__in=bodies)}
    rows = {b.pk: BodyCheck(body=b, terms=terms.get(b.pk), on=on) for b in bodies}
    counted_from = since - datetime.timedelta(days=FREQUENCY_GRACE_DAYS)
    held = list(
        Meeting.objects.filter(
            body__in=bodies,
            status=MeetingStatus.HELD,
            starts_at__gte=_start_of(counted_from),
            starts_at__lt=_start_of(on + datetime.timedelta(days=1)),
        ).order_by("starts_at", "pk")
    )
    by_pk = {b.pk: b for b in bodies}
    for meeting in held:
        meeting.body = by_pk[meeting.body_id]  # spares a query per meeting
        rows[meeting.body_id].held.append(meeting)
    # The quorum is judged on the twelve months themselves, by the meeting page's rule.
    in_year = [m for m in held if timezone.localdate(m.starts_at) > since]
    attendance = meetings_attendance([m for m in in_year if m.body.quorum])
    for meeting in in_year:
        record = attendance.get(meeting.pk)
        if record is not None and record.quorate is False:
            rows[meeting.body_id].inquorate.append((meeting, record))
    for row in rows.values():
        if row.terms is not None:
            row.expected = expected_meetings(
                row.terms.meeting_frequency, row.body, since=since, on=on
            )
    assemblies = [b for b in bodies if b.kind == BodyKind.ASSEMBLY]
    year_start = _start_of(datetime.date(on.year, 1, 1))
    annual = list(
        Meeting.objects.filter(
            body__in=assemblies,
            kind=MeetingKind.ANNUAL_ASSEMBLY,
            starts_at__gte=year_start,
            starts_at__lt=_start_of(datetime.date(on.year + 1, 1, 1)),
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at")
    )
    return GovernanceChecks(
        on=on,
        bodies=list(rows.values()),
        core=core_terms(),
        assemblies=assemblies,
        annual_assemblies=annual,
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
