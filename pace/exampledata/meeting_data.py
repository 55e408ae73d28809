# Over 300 lines, as one piece: the record of a meeting, told in the order a
# secretariat keeps it (agenda, attendance, declarations, papers, decisions, minutes).
"""The example's meetings as a secretariat would have recorded them: for each
meeting held, the agenda with its papers, sent out (``meeting_agenda_publish``);
who came, who sent apologies and whom the Area Management Groups invited; the
declarations of interest; the decisions, filed against the strategy's priorities;
and the minutes, approved at the next meeting (``meeting_minutes_approve``), so the
latest meeting of a body that met in the last two months awaits approval. Each body's
next meeting has its agenda out, and the forward plan announces the decisions
coming. Between the founding year and the last months, a meeting's record is
lighter (``meeting_light``): agenda, attendance and approved minutes, the minutes
saying what was resolved, with no papers or decision log entries. Every other
write goes through the services, as an officer's would.

The calendar is ``meeting_schedule``'s; what is discussed and decided,
``meeting_agendas``'. Idempotent: a meeting is found by its body and title, and a
meeting held is recorded once (when it has no attendance yet).
"""

import datetime
from collections import defaultdict
from dataclasses import replace

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from pace.core.models import PublishedVersion
from partnerships import services
from partnerships.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Body,
    Decision,
    ForwardPlanEntry,
    Meeting,
    Membership,
    Paper,
    Person,
)
from partnerships.models.meetings import MeetingStatus
from partnerships.services.meetings import MINUTES
from strategy import services as strategy_services
from strategy.models import Priority, Strategy, StrategyStatus

from . import meeting_agendas as agendas
from .meeting_agendas import Item
from .meeting_light import Light as _Light
from .meeting_light import names_list, roll_call
from .meeting_schedule import Sitting, sittings
from .paper_files import pdf

#: Minutes are approved at the body's next meeting: those of a body's latest
#: meeting are still waiting if it met more recently than this.
APPROVAL_WAIT = datetime.timedelta(days=60)
#: How long ahead the forward plan announces a decision (more than the 28 days'
#: notice of a key decision, ``models.decisions.KEY_DECISION_NOTICE``).
NOTICE = datetime.timedelta(days=42)
#: The body whose first meeting of the example's year was cancelled (the one
#: cancelled meeting, so that the pages show one).
CANCELLED = "poynton-town-partnership"
#: The author of the papers: the council provides the secretariat (agreement,
#: Secretariat).
SECRETARIAT = "Cheshire East Council"


@transaction.atomic
def load() -> dict[str, int]:
    today = timezone.localdate()
    bodies = Body.objects.in_bulk(field_name="slug")
    plan = defaultdict(list)
    for sitting in sittings(today):
        plan[sitting.body].append(sitting)
    writer = _Writer(today)
    for slug, body_sittings in plan.items():
        body = bodies[slug]
        meetings, recorded = writer.meetings(body, body_sittings)
        held = [s.day < today for s in body_sittings]
        for i, (sitting, meeting) in enumerate(zip(body_sittings, meetings, strict=True)):
            if i in recorded:
                continue
            before = next(
                (m for m in reversed(meetings[:i]) if m.status != MeetingStatus.CANCELLED), None
            )
            after = body_sittings[i + 1] if i + 1 < len(body_sittings) else None
            if held[i] and slug == CANCELLED and i == 0:
                writer.cancel(meeting)
            elif held[i]:
                latest = i + 1 == len(held) or not held[i + 1]
                writer.hold(meeting, sitting, before=before, after=after, latest=latest)
            elif i == 0 or held[i - 1]:
                writer.announce(meeting, sitting, before=before, after=after)
        writer.forward_plan(body, [m for m, h in zip(meetings, held, strict=True) if not h])
    # The lighter records' minutes were written approved: publish each as it stands,
    # as approving them would have, so every approved minute is served as frozen
    # and found by search from the start. Their PDFs are rendered when first asked
    # for: queued, hundreds of them would hold up the worker's e-mail for minutes.
    approved = Meeting.objects.filter(minutes_published=True).select_related("body")
    for meeting in approved.exclude(pk__in=_frozen_minutes()):
        services.meeting_minutes_freeze(meeting=meeting, render_pdf=False)
    return {
        "meetings": Meeting.objects.count(),
        "decisions": Decision.objects.count(),
        "forward plan entries": ForwardPlanEntry.objects.count(),
        "papers": Paper.objects.count(),
    }


def _frozen_minutes():
    return PublishedVersion.objects.filter(
        content_type=ContentType.objects.get_for_model(Meeting), document=MINUTES
    ).values("object_id")


def _financial_year(day: datetime.date, ahead: int = 0) -> str:
    start = (day.year if day.month >= 4 else day.year - 1) + ahead
    return f"{start}/{str(start + 1)[2:]}"


def _item(meeting: Meeting, position: int, item: Item, *, minutes: str = "") -> AgendaItem:
    """An agenda item (saved with the others, its history kept: no service writes
    agenda items, whose rules are the database's)."""
    return AgendaItem(
        meeting=meeting,
        position=position,
        title=item.title,
        papers=item.papers,
        is_confidential=item.confidential,
        minutes=minutes,
    )


class _Writer:
    """Writes the example's meetings through the services, with what it needs at
    hand: the day, the strategies' priorities and the people by slug."""

    def __init__(self, today: datetime.date) -> None:
        self.today = today
        # A decision serves the priorities of the strategy in force on its day.
        strategies = Strategy.objects.filter(
            status__in=[StrategyStatus.ADOPTED, StrategyStatus.SUPERSEDED]
        ).order_by("-starts_on")
        self.strategies = list(strategies)
        self.priorities = {
            (p.strategy_id, p.position): p
            for p in Priority.objects.filter(strategy__in=self.strategies)
        }
        self.people = Person.objects.in_bulk(field_name="slug")

    # -- the meeting and its agenda ------------------------------------------------

    def meetings(self, body: Body, body_sittings: list[Sitting]) -> tuple[list[Meeting], set]:
        """The body's meetings, one a sitting: those not made yet are made at once
        (one write for them all), and the positions of those whose record is then
        complete: the meetings between the founding year and the last months, whose
        record is kept lighter (``_Light``), so that ten years load in seconds."""
        found = {m.title: m for m in Meeting.objects.filter(body=body)}
        light = _Light(body, self)
        new = [s for s in body_sittings if s.title not in found]
        made = bulk_create_with_history(
            [light.meeting(s) if light.takes(s) else self._meeting(body, s) for s in new],
            Meeting,
        )
        found |= {m.title: m for m in made}
        meetings = [found[s.title] for s in body_sittings]
        new_titles = {s.title for s in new}
        recorded = {
            i for i, s in enumerate(body_sittings) if s.title in new_titles and light.takes(s)
        }
        light.record(
            [(i, s, meetings[i]) for i, s in enumerate(body_sittings) if i in recorded],
            meetings,
            body_sittings,
        )
        return meetings, recorded

    def _meeting(self, body: Body, sitting: Sitting) -> Meeting:
        held = sitting.day < self.today
        return Meeting(
            body=body,
            title=sitting.title,
            kind=sitting.kind,
            starts_at=sitting.starts_at,
            ends_at=sitting.ends_at,
            location=sitting.location,
            status=MeetingStatus.HELD if held else MeetingStatus.SCHEDULED,
        )

    def _context(self, body: Body, day: datetime.date) -> dict[str, str]:
        return {
            "area": body.area_name,
            "town": body.area_name,
            "body": body.name,
            "fy": _financial_year(day),
            "next_fy": _financial_year(day, 1),
        }

    def _items(self, body: Body, sitting: Sitting, coming: list) -> list[Item]:
        """The agenda after its opening items: what the forward plan announced for
        this meeting, or the body's items in turn."""
        if coming:
            standing = list(agendas.POOLS[body.kind].standing) if body.kind in agendas.POOLS else []
            return standing + [
                Item(
                    c.title,
                    c.summary,
                    "",
                    confidential=bool(c.private),
                    report=f"{c.title}: report",
                )
                for c in coming
            ]
        items = agendas.substantive_items(body.kind, sitting.index, sitting.kind)
        if sitting.theme:
            items = [
                replace(i, title=f"{i.title}: {sitting.theme}")
                if i.title == "Themed discussion"
                else i
                for i in items
            ]
        return items

    def _agenda(self, meeting: Meeting, sitting: Sitting, items: list[Item], *, before, after):
        """The agenda items, numbered: apologies and declarations, the last meeting's
        minutes, the business, and the date of the next meeting."""
        ctx = self._context(meeting.body, sitting.day)
        opening = [Item("Apologies for absence and declarations of interest", "", "")]
        if before is not None:
            when = f"{timezone.localdate(before.starts_at):%-d %B %Y}"
            opening.append(
                Item(
                    "Minutes of the last meeting",
                    f"The draft minutes of the meeting held on {when}.",
                    f"The minutes of the meeting held on {when} were agreed as a correct "
                    "record and signed by the Chair.",
                )
            )
        closing = Item(
            "Date of the next meeting",
            "",
            f"The next meeting will be held on "
            f"{timezone.localtime(after.starts_at):%A %-d %B %Y at %H:%M}, {after.location}."
            if after is not None
            else "To be arranged.",
        )
        return [
            (position, replace(item, **{f: getattr(item, f).format_map(ctx) for f in TEXTS}))
            for position, item in enumerate([*opening, *items, closing], 1)
        ]

    def _papers(self, meeting: Meeting, made: dict[int, AgendaItem], agenda) -> None:
        """Each item's report as an uploaded PDF, and links to papers published
        elsewhere."""
        for position, item in agenda:
            row, n = made[position], 0
            if row.paper_set.exists():
                continue
            if item.report:
                n += 1
                services.paper_save(
                    paper=Paper(agenda_item=row, position=n, title=item.report),
                    upload=ContentFile(self._report(meeting, position, item), name="report.pdf"),
                )
            for title, url in item.links:
                n += 1
                services.paper_save(paper=Paper(agenda_item=row, position=n, title=title, url=url))

    def _report(self, meeting: Meeting, position: int, item: Item) -> bytes:
        when = timezone.localtime(meeting.starts_at)
        paragraphs = [
            f"{meeting.body.name}: {meeting.title}, {when:%-d %B %Y}. Agenda item {position}: "
            f"{item.title}."
            + (" Confidential (partnership agreement 5.7)." if item.confidential else ""),
            item.papers,
        ]
        if item.decision:
            paragraphs.append(f"Recommendation: {item.decision}")
        paragraphs.append(f"Contact: {self._contact(meeting.body)}.")
        return pdf(item.report, paragraphs, author=SECRETARIAT)

    def _contact(self, body: Body) -> str:
        return agendas.CONTACTS.get(body.kind) or agendas.LOCAL_CONTACT.format(area=body.area_name)

    # -- a meeting to come: its agenda sent out --------------------------------------

    def announce(self, meeting: Meeting, sitting: Sitting, *, before, after) -> None:
        """The body's next meeting: its agenda sent out (the secretariat sends the
        next agenda once a meeting is held, and revises it if need be)."""
        if meeting.agenda_items.exists():
            return
        coming = [c for c in agendas.FORWARD_PLAN.get(meeting.body.slug, ()) if c.meeting == 0]
        agenda = self._agenda(
            meeting, sitting, self._items(meeting.body, sitting, coming), before=before, after=after
        )
        made = {
            row.position: row
            for row in bulk_create_with_history(
                [_item(meeting, position, item) for position, item in agenda], AgendaItem
            )
        }
        self._papers(meeting, made, agenda)
        # Published, its packs built, but nobody e-mailed: loading the example tells
        # no one anything (its people and subscribers are invented).
        services.meeting_agenda_publish(meeting=meeting, announce=False)

    # -- a meeting held: its record --------------------------------------------------

    def cancel(self, meeting: Meeting) -> None:
        if meeting.status == MeetingStatus.HELD and not meeting.agenda_items.exists():
            meeting.status = MeetingStatus.CANCELLED
            meeting.save(update_fields=["status", "updated_at"])

    def hold(self, meeting: Meeting, sitting: Sitting, *, before, after, latest: bool) -> None:
        """Record a meeting held: once, when its attendance is not recorded yet."""
        if meeting.attendance.exists() or meeting.status == MeetingStatus.CANCELLED:
            return
        if meeting.status != MeetingStatus.HELD:
            meeting.status = MeetingStatus.HELD
            meeting.save(update_fields=["status", "updated_at"])
        agenda = self._agenda(
            meeting, sitting, self._items(meeting.body, sitting, []), before=before, after=after
        )
        if meeting.agenda_items.exists():
            # Its agenda went out ahead (the example was loaded before it met): who
            # came is recorded, its minutes and decisions are the officers' to write.
            self._attendance(meeting, sitting, [])
            return
        present, apologies = self._attendance(meeting, sitting, agenda)
        declared = self._declarations(present, agenda)
        made = self._minute(meeting, agenda, apologies, declared)
        for position, person, kind, text in declared:
            services.declaration_record(
                meeting=meeting,
                person=person,
                interest_type=kind,
                description=text,
                agenda_item=made[position],
            )
        self._papers(meeting, made, agenda)
        for position, item in agenda:
            if item.decision:
                self._decide(meeting, made[position], item, len(present))
        # Records of meetings past: their members heard at the time, so nobody is
        # told now.
        # (The meeting as publishing left it: approving saves the whole record.)
        meeting = services.meeting_agenda_publish(meeting=meeting, announce=False)
        if not (latest and self.today - sitting.day < APPROVAL_WAIT):
            services.meeting_minutes_approve(meeting=meeting, announce=False)

    def _attendance(
        self, meeting: Meeting, sitting: Sitting, agenda
    ) -> tuple[list[Membership], list[Person]]:
        """Record each member of the day as present, sending apologies or absent
        (enough present to be quorate, the chair always), and the officers invited
        for an item. Returns the memberships of those present, and those who sent
        apologies."""
        members = list(
            Membership.objects.current(sitting.day)
            .filter(body=meeting.body)
            .select_related("person", "organisation")
            .order_by("person__name")
        )
        status = roll_call(meeting, members)
        # The members of the day, at once (``attendance_save`` would check each is
        # one, which they are by the query above); the invitees through the service.
        bulk_create_with_history(
            [
                Attendance(meeting=meeting, person=m.person, status=status[m.person_id])
                for m in members
            ],
            Attendance,
        )
        invited = {}
        for position, item in agenda:
            if item.invitee and item.invitee not in invited:
                invited[item.invitee] = position
                person = self.people[item.invitee]
                services.attendance_record(
                    meeting=meeting,
                    person=person,
                    status=AttendanceStatus.PRESENT,
                    is_invitee=True,
                    invited_as=f"{person.public_title}, for item {position}",
                )
        return (
            [m for m in members if status[m.person_id] == AttendanceStatus.PRESENT],
            [m.person for m in members if status[m.person_id] == AttendanceStatus.APOLOGIES],
        )

    def _declarations(self, present: list[Membership], agenda) -> list[tuple]:
        """The declarations made: on an item that calls for one, by the member
        present who represents the organisation concerned."""
        declared = []
        for position, item in agenda:
            if item.declaration is None:
                continue
            organisation, kind, text = item.declaration
            for m in present:
                if m.organisation is not None and m.organisation.slug == organisation:
                    declared.append((position, m.person, kind, text))
                    break
        return declared

    def _minute(self, meeting: Meeting, agenda, apologies, declared) -> dict[int, AgendaItem]:
        """The agenda's items with their minutes, the first saying who sent apologies
        and who declared an interest."""
        apologies = (
            f"Apologies were received from {names_list(apologies)}."
            if apologies
            else "There were no apologies."
        )
        declarations = (
            " ".join(
                f"{person.name} declared {'an' if kind[0] in 'aeiou' else 'a'} {kind} interest "
                f"in item {position}."
                for position, person, kind, _ in declared
            )
            or "No declarations of interest were made."
        )
        rows = [_item(meeting, position, item, minutes=item.minutes) for position, item in agenda]
        rows[0].minutes = f"{apologies} {declarations}"
        return {row.position: row for row in bulk_create_with_history(rows, AgendaItem)}

    def _decide(self, meeting: Meeting, row: AgendaItem, item: Item, present: int) -> None:
        votes = {}
        if item.vote is not None:
            against, abstaining = item.vote
            votes = {
                "votes_for": max(present - against - abstaining, 0),
                "votes_against": against,
                "abstentions": abstaining,
            }
        decision = services.decision_record(
            decision=Decision(
                meeting=meeting,
                agenda_item=row,
                title=item.title,
                text=item.decision,
                reasons=item.reasons,
                is_key_decision=item.key,
                **votes,
            )
        )
        strategy = next((s for s in self.strategies if s.starts_on <= decision.decided_on), None)
        if strategy is not None and item.priorities:
            strategy_services.decision_priorities_set(
                decision=decision,
                priorities=[self.priorities[(strategy.pk, p)] for p in item.priorities],
            )
        if item.key:
            # Announced ahead on the forward plan, and linked to the decision taken.
            entry = services.forward_plan_entry_save(
                entry=ForwardPlanEntry(
                    body=meeting.body,
                    title=item.title,
                    summary=item.papers,
                    expected_on=decision.decided_on,
                    meeting=meeting,
                    papers_expected=item.report,
                    is_key_decision=True,
                    contact=self._contact(meeting.body),
                    published_on=decision.decided_on - NOTICE,
                )
            )
            services.forward_plan_link(entry=entry, decision=decision)

    # -- the forward plan -----------------------------------------------------------

    def forward_plan(self, body: Body, to_come: list[Meeting]) -> None:
        """The decisions the body's next meetings will take, announced ahead."""
        for coming in agendas.FORWARD_PLAN.get(body.slug, ()):
            if coming.meeting >= len(to_come):
                continue
            meeting = to_come[coming.meeting]
            day = timezone.localdate(meeting.starts_at)
            ctx = self._context(body, day)
            title = coming.title.format_map(ctx)
            if ForwardPlanEntry.objects.filter(body=body, title=title, meeting=meeting).exists():
                continue
            services.forward_plan_entry_save(
                entry=ForwardPlanEntry(
                    body=body,
                    title=title,
                    summary=coming.summary.format_map(ctx),
                    expected_on=day,
                    meeting=meeting,
                    papers_expected=coming.papers,
                    is_key_decision=coming.key,
                    is_private=bool(coming.private),
                    private_reason=coming.private,
                    contact=self._contact(body),
                    published_on=min(self.today, day - NOTICE),
                )
            )


#: The texts of an item that take the meeting's context.
TEXTS = ("title", "papers", "minutes", "decision", "reasons", "report")
