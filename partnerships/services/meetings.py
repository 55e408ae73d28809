"""Recording declarations of interest (agreement 5.6)."""

from django.db import transaction

from ..models import AgendaItem, Declaration, Meeting, Organisation, Person


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
