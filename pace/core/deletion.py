"""Deleting records that others depend on is refused with a message, never cascaded.

Foreign keys to bodies, funds and awards are ``PROTECT``: the database refuses the
delete and Django raises ``ProtectedError``. Many-to-many links (a cabinet report's
summary bodies, say) would be dropped silently instead, so they are checked here
too. Either way the caller gets a ``ValidationError`` naming what depends on the
record, which the admin shows as a message instead of an error page.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError


def _kinds(objs) -> str:
    return ", ".join(sorted({str(obj._meta.verbose_name_plural) for obj in objs}))


def linked_many_to_many(obj: models.Model) -> list[models.Model]:
    """Records that link to ``obj`` through a many-to-many field of theirs."""
    linked: list[models.Model] = []
    for relation in obj._meta.related_objects:
        if relation.many_to_many:
            linked.extend(getattr(obj, relation.get_accessor_name()).all()[:1])
    return linked


def delete_or_refuse(obj: models.Model, *, advice: str = "") -> None:
    """Delete ``obj``, or raise a ``ValidationError`` (code ``protected``) naming the
    kinds of record that depend on it; nothing is deleted then."""
    message = "%(record)s cannot be deleted while it has %(what)s." + (
        f" {advice}" if advice else ""
    )
    linked = linked_many_to_many(obj)
    if linked:
        raise ValidationError(
            message, code="protected", params={"record": str(obj), "what": _kinds(linked)}
        )
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as error:
        objs = getattr(error, "protected_objects", None) or error.restricted_objects
        raise ValidationError(
            message, code="protected", params={"record": str(obj), "what": _kinds(objs)}
        ) from error
