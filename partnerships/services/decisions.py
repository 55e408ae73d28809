"""Recording decisions and keeping the forward plan (``models.decisions``).

Every door (the admin, imports, the example data) records a decision through
``decision_record``: a decision on an item of another meeting, before it was
taken, or at a cancelled meeting is refused with a message on the field, and
nothing is saved.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from pace.core.unchanged import unchanged

from ..models import Decision, ForwardPlanEntry, Meeting
from .meetings import meeting_minutes_correct, minutes_versions


def minutes_holding(decision: Decision) -> list[Meeting]:
    """The meetings whose approved minutes hold ``decision``, or will once it is
    saved: its meeting, and the meeting it is stored against if that differs."""
    ids = {decision.meeting_id}
    if decision.pk:
        ids.add(Decision.objects.filter(pk=decision.pk).values_list("meeting_id", flat=True)[0])
    meetings = Meeting.objects.filter(pk__in=ids - {None}, minutes_published=True)
    return [m for m in meetings.order_by("pk") if minutes_versions(m)]


def correction_needed(meetings: list[Meeting]) -> ValidationError:
    names = " and ".join(f"{m.body.name}, {m.title}" for m in meetings)
    return ValidationError(
        {
            "correction": ValidationError(
                "The minutes of %(names)s are approved, and hold this decision: say what "
                "this change corrects. It is published with the minutes as a correction.",
                code="correction_needed",
                params={"names": names},
            )
        }
    )


def decision_record(*, decision: Decision, correction: str = "", by=None) -> Decision:
    """Record (or correct) a decision. One taken at a meeting has the meeting's date
    (``Decision.clean`` fills it in); the forward plan entry it answers may be linked
    with ``forward_plan_link``.

    Approved minutes are a published record: a decision they hold changes only with
    a ``correction`` saying what it corrects, and the minutes are published again as
    that correction in the same transaction, so the decision log and the minutes
    never disagree. Saving a decision unchanged needs none and records nothing."""
    with transaction.atomic():
        decision.full_clean()
        if unchanged(decision):
            return decision
        approved = minutes_holding(decision)
        if approved and not correction.strip():
            raise correction_needed(approved)
        decision.save()
        for meeting in approved:
            meeting_minutes_correct(meeting=meeting, correction=correction.strip(), by=by)
    return decision


def decision_delete(*, decision: Decision, correction: str = "", by=None) -> None:
    """Take back a decision recorded in error (its history keeps what it said); a
    forward plan entry that pointed to it is open again. One that approved minutes
    hold goes only as a ``correction`` of them, as ``decision_record``."""
    with transaction.atomic():
        approved = minutes_holding(decision)
        if approved and not correction.strip():
            raise correction_needed(approved)
        ForwardPlanEntry.objects.filter(decision=decision).update(decision=None)
        decision.delete()
        for meeting in approved:
            meeting_minutes_correct(meeting=meeting, correction=correction.strip(), by=by)


def forward_plan_entry_save(*, entry: ForwardPlanEntry) -> ForwardPlanEntry:
    """Publish or change an entry of the forward plan. An entry to be decided in
    private says why; its meeting and its decision are its body's."""
    with transaction.atomic():
        entry.full_clean()
        entry.save()
    return entry


def forward_plan_entry_delete(*, entry: ForwardPlanEntry) -> None:
    entry.delete()


def forward_plan_link(*, entry: ForwardPlanEntry, decision: Decision) -> ForwardPlanEntry:
    """Link the entry to the decision that was taken on it."""
    entry.decision = decision
    return forward_plan_entry_save(entry=entry)
