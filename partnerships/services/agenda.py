"""Writes to a meeting's agenda: its items, numbered and renumbered as one.

Items are numbered 1, 2, 3... on their meeting. An item given no number goes after
the others, in the order given; items may swap numbers in one save (the numbers are
unique on the meeting, so each moved item passes through a number no item holds)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import AgendaItem, Meeting

#: Above any agenda's numbers, below the column's limit: where moved items wait.
_PARKED = 30000


@transaction.atomic
def agenda_items_save(
    *, meeting: Meeting, items: list[AgendaItem], deleted: list[AgendaItem] = ()
) -> list[AgendaItem]:
    """Save ``items`` (new or changed) of ``meeting`` and delete ``deleted``. An item
    whose ``position`` is None is numbered after every other item."""
    # The meeting's row, locked: two officers numbering at once take turns.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    for item in deleted:
        item.delete()
    numbered = [i for i in items if i.position is not None]
    positions = [i.position for i in numbered]
    if len(set(positions)) != len(positions):
        raise ValidationError(
            {"position": "Two items cannot have the same number on the agenda."},
            code="position_repeated",
        )
    moving = {i.pk for i in numbered if i.pk}
    kept = AgendaItem.objects.filter(meeting=meeting).exclude(pk__in=moving)
    taken = set(kept.values_list("position", flat=True))
    if clash := taken & set(positions):
        raise ValidationError(
            {"position": f"Another item already has number {min(clash)} on the agenda."},
            code="position_taken",
        )
    # Items changing number wait above the others, then take their new numbers.
    if moving:
        for offset, pk in enumerate(sorted(moving)):
            AgendaItem.objects.filter(pk=pk).update(position=_PARKED + offset)
    last = max([*taken, *positions, 0])
    for item in items:
        item.meeting = meeting
        if item.position is None:
            last += 1
            item.position = last
        item.full_clean(exclude=["meeting"], validate_constraints=False)
        item.save()
    return items
