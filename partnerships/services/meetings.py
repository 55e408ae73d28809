"""Recording declarations of interest (agreement 5.6), and approving minutes.

Minutes once approved are a record: approving them keeps the public items' minutes
and decisions as they then stand (``pace.core.publication``), and the public see
that copy whatever is edited later; a change reaches them only as a correction,
which says what it changed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from pace.core.models import PublishedVersion
from pace.core.publication import published_versions, version_publish
from pace.core.queueing import enqueue_once

from ..models import AgendaItem, Attendance, Declaration, Meeting, Organisation, Person
from .papers import agenda_packs_refresh

#: The name of a meeting's minutes among its published versions.
MINUTES = "minutes"


def minutes_versions(meeting: Meeting) -> list[PublishedVersion]:
    return published_versions(meeting, MINUTES)


def _freeze_minutes(
    meeting: Meeting, *, by=None, correction: str = "", render_pdf: bool = True
) -> PublishedVersion:
    from ..question_selectors import public_questions
    from ..selectors import approved_minutes_entries

    return version_publish(
        record=meeting,
        document=MINUTES,
        title=f"Minutes: {meeting.body.name}, {meeting.title}, {meeting.starts_at:%-d %B %Y}",
        author=settings.PACE_COUNCIL_NAME,
        html=render_to_string(
            "partnerships/_approved_minutes.html",
            {
                "meeting": meeting,
                "items": approved_minutes_entries(meeting),
                # Residents' questions and the answers given: kept with the minutes,
                # so a later change to an answer is published only as a correction.
                "questions": public_questions(meeting),
            },
        ),
        by=by,
        correction=correction,
        render_pdf=render_pdf,
    )


@transaction.atomic
def meeting_minutes_approve(*, meeting: Meeting, by=None, announce: bool = True) -> Meeting:
    """Approve and publish the meeting's minutes, kept as they stand now, and tell
    the body's members (by e-mail, from the task queue, once this commits).
    ``announce=False`` tells nobody: for records of meetings long past, brought in
    from elsewhere (the example data), whose members heard at the time."""
    meeting.minutes_published = True
    meeting.full_clean()
    # Only what approving changes: a copy read earlier must not undo another
    # write (the agenda's publication, say).
    meeting.save(update_fields=["minutes_published", "updated_at"])
    if not minutes_versions(meeting):
        _freeze_minutes(meeting, by=by)
        if announce:
            _announce(meeting, "minutes")
    return meeting


def _announce(meeting: Meeting, what: str) -> None:
    """Members and subscribers are told by the worker once this commits
    (``notices.meeting_announce``): the officer waits for none of it."""
    from ..notices import meeting_announce

    transaction.on_commit(lambda: meeting_announce.enqueue(meeting.pk, what))


@transaction.atomic
def meeting_agenda_publish(*, meeting: Meeting, by=None, announce: bool = True) -> Meeting:
    """Send out the meeting's agenda (agreement: the secretariat's "despatch of
    agendas"): recorded once, with when, and the body's members and subscribers are
    told (not with ``announce=False``, as ``meeting_minutes_approve``). Publishing
    again sends nothing more. The worker builds the agenda packs
    (``packs``) once this commits; publishing again has them checked, and rebuilt
    if they are not what the meeting's papers make now."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.agenda_published_at is None:
        meeting.agenda_published_at = timezone.now()
        meeting.save(update_fields=["agenda_published_at", "updated_at"])
        if announce:
            _announce(meeting, "agenda")
    agenda_packs_refresh(meeting=meeting)
    return meeting


@transaction.atomic
def meeting_minutes_freeze(*, meeting: Meeting, render_pdf: bool = True) -> PublishedVersion:
    """The first version of minutes approved before versions were kept (or marked
    approved without ``meeting_minutes_approve``): kept as they stand now. With
    ``render_pdf=False`` the PDF is rendered when first asked for, not queued."""
    versions = minutes_versions(meeting)
    return versions[-1] if versions else _freeze_minutes(meeting, render_pdf=render_pdf)


def minutes_freeze_queue(meeting: Meeting) -> None:
    """Have the worker keep the minutes of ``meeting``, marked approved by a door that
    wrote the mark alone (a bulk load, a database restored from before versions were
    kept), as they stand (``meeting_minutes_freeze``): queued once, never done in the
    request that found them. Until then the public are shown no minutes."""
    enqueue_once(f"minutes-freeze:{meeting.pk}", minutes_freeze, meeting.pk, on_commit=True)


@task()
def minutes_freeze(meeting_id: int) -> str:
    """The worker's part of ``minutes_freeze_queue``."""
    meeting = (
        Meeting.objects.filter(pk=meeting_id, minutes_published=True).select_related("body").first()
    )
    if meeting is None:
        return "not approved"
    meeting_minutes_freeze(meeting=meeting)
    return "kept"


@transaction.atomic
def meeting_minutes_correct(*, meeting: Meeting, correction: str, by=None) -> PublishedVersion:
    """Publish the minutes as they now stand as a correction of the approved ones;
    ``correction`` says what changed. The earlier versions stay public."""
    if not meeting.minutes_published:
        raise ValidationError(
            {"correction": "These minutes are not approved yet: approve them instead."},
            code="not_approved",
        )
    meeting_minutes_freeze(meeting=meeting)
    return _freeze_minutes(meeting, by=by, correction=correction)


def declaration_record(
    *,
    meeting: Meeting,
    person: Person,
    interest_type: str,
    description: str,
    agenda_item: AgendaItem | None = None,
    organisation: Organisation | None = None,
) -> Declaration:
    """Note a declaration of interest at ``meeting``, on one of its items or on the
    whole meeting. A declaration with no type or no description is refused with a
    message on that field and nothing is saved."""
    declaration = Declaration(
        meeting=meeting,
        person=person,
        interest_type=interest_type,
        description=description,
        agenda_item=agenda_item,
        organisation=organisation,
    )
    with transaction.atomic():
        declaration.full_clean()
        declaration.save()
    return declaration


def attendance_save(*, attendance: Attendance) -> Attendance:
    """Record or change one person's attendance at a meeting (the admin's inline,
    an import). Someone who was neither a member of the body on the day nor marked
    as invited is refused with a message on the field, and nothing is saved."""
    with transaction.atomic():
        attendance.full_clean()
        attendance.save()
    return attendance


def attendance_delete(*, attendance: Attendance) -> None:
    """Take back a record made in error (its history keeps what it said)."""
    attendance.delete()


def attendance_record(
    *, meeting: Meeting, person: Person, status: str, is_invitee: bool = False, invited_as: str = ""
) -> Attendance:
    """Record ``person``'s attendance at ``meeting``, replacing what was recorded."""
    attendance = Attendance.objects.filter(meeting=meeting, person=person).first() or Attendance(
        meeting=meeting, person=person
    )
    attendance.status, attendance.is_invitee, attendance.invited_as = status, is_invitee, invited_as
    return attendance_save(attendance=attendance)
