"""Recording decisions and keeping the forward plan (``models.decisions``).

Every door (the admin, imports, the example data) records a decision through
``decision_record``: a decision on an item of another meeting, before it was
taken, or at a cancelled meeting is refused with a message on the field, and
nothing is saved.
"""

from django.db import transaction

from ..models import Decision, ForwardPlanEntry


def decision_record(*, decision: Decision) -> Decision:
    """Record (or correct) a decision. One taken at a meeting has the meeting's date
    (``Decision.clean`` fills it in);
    the forward plan entry it answers may be linked with ``forward_plan_link``."""
    with transaction.atomic():
        decision.full_clean()
        decision.save()
    return decision


def decision_delete(*, decision: Decision) -> None:
    """Take back a decision recorded in error (its history keeps what it said); a
    forward plan entry that pointed to it is open again."""
    with transaction.atomic():
        ForwardPlanEntry.objects.filter(decision=decision).update(decision=None)
        decision.delete()


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
