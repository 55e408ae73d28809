"""A save that changes nothing records nothing.

django-simple-history writes a historical row on every ``save()``. A form sent
twice, or two officers saving the same change at once, would otherwise leave a
second "changed" entry that changed nothing. Services that lock the record's row
first can ask ``unchanged`` and skip the save."""

from django.db import models


def unchanged(obj: models.Model, *, ignore: tuple[str, ...] = ()) -> bool:
    """Whether ``obj`` holds exactly what its row in the database holds (read now:
    call it with the row, or what guards it, locked). ``ignore`` names fields such
    as ``auto_now`` timestamps that do not count as a change."""
    if obj.pk is None or obj._state.adding:
        return False
    fields = [
        f.attname
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.name not in ignore and f.attname not in ignore
    ]
    stored = type(obj)._default_manager.filter(pk=obj.pk).values(*fields).first()
    return stored is not None and all(stored[name] == getattr(obj, name) for name in fields)
