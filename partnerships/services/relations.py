"""Typed relations between bodies (``AccountabilityLink``): commissioned by, reports
to, takes guidance from, works with. Each is checked against ``RELATION_RULES`` by
the model's ``clean()``; these services are the one door the admin, imports and
the example data write through."""

from django.db import transaction

from ..models import AccountabilityLink, Body


def relation_save(*, relation: AccountabilityLink) -> AccountabilityLink:
    """Create or change a relation after checking its rules: which kinds of body may
    hold it, not one the tree already says, and a mutual one ("works with") once for
    the pair. The two bodies' rows are locked, in a fixed order, while the rules are
    checked, so two officers recording "A works with B" and "B works with A" at once
    cannot both succeed. A refused relation raises ``ValidationError`` with the
    message on its field, and nothing is saved."""
    with transaction.atomic():
        pair = sorted(pk for pk in (relation.from_body_id, relation.to_body_id) if pk)
        list(Body.objects.select_for_update().filter(pk__in=pair).order_by("pk").values("pk"))
        relation.full_clean()
        relation.save()
    return relation


def relation_delete(*, relation: AccountabilityLink) -> None:
    """Remove a relation recorded in error or no longer held (its history keeps it)."""
    with transaction.atomic():
        relation.delete()
