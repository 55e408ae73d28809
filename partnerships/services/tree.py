"""Every write to the tree of bodies goes through here.

django-mptt takes no lock of its own and concurrent writes corrupt the tree (its
docs, "Concurrency"). Creating or reordering a root shifts ``tree_id`` across every
tree, so the lock is global, not per tree: on PostgreSQL a transaction-level
advisory lock; on SQLite the IMMEDIATE transaction mode in settings takes the
database's write lock when the transaction begins, which serialises writers.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from mptt.exceptions import InvalidMove

from pace.core.deletion import delete_or_refuse

from ..models import Body

#: An arbitrary constant naming the tree lock ("PACE" in ASCII).
TREE_LOCK_KEY = 0x50414345

Position = Literal["last-child", "first-child", "left", "right"]


@contextmanager
def tree_write() -> Iterator[None]:
    """A transaction holding the tree lock until it commits or rolls back."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TREE_LOCK_KEY])
        yield


def _fresh(body: Body | None) -> Body | None:
    """The body as the database holds it now, inside the lock: tree fields read
    before the lock was taken may be stale."""
    return None if body is None else Body._tree_manager.get(pk=body.pk)


def _align_with_tree(body: Body) -> None:
    """Give ``body`` the tree fields the database holds for it now, inside the lock.

    django-mptt decides between insert and move from the instance's own tree fields
    and the parent it was loaded with. Those can be stale or missing: a body restored
    from its audit history has no tree fields at all (they are not kept there), and
    its "loaded with" parent is the historical one. Taken from the database instead,
    a body that still exists is moved from where it really is, and one that was
    deleted is inserted afresh as the last child of its parent, keeping its id."""
    opts = body._mptt_meta
    tree_fields = (opts.left_attr, opts.right_attr, opts.tree_id_attr, opts.level_attr)
    row = None
    if body.pk is not None:
        row = Body._tree_manager.filter(pk=body.pk).values("parent_id", *tree_fields).first()
    if row is None:
        body._state.adding = True
        for field in tree_fields:
            setattr(body, field, None)
        return
    body._state.adding = False
    for field in tree_fields:
        setattr(body, field, row[field])
    body._mptt_cached_fields[opts.parent_attr] = row["parent_id"]


def body_save(*, body: Body) -> Body:
    """Create or change a body, moving it if its parent changed. Validates first, so a
    kind under the wrong parent or a loop is refused with a message and nothing saved.
    Also restores a body from its audit history (see ``body_restore``)."""
    with tree_write():
        if body.parent_id is not None:
            body.parent = Body._tree_manager.get(pk=body.parent_id)
        _align_with_tree(body)
        body.full_clean()
        body.save()
    return body


def body_restore(*, record) -> Body:
    """Bring a body back as a historical record of it (``body.history``) had it: a
    deleted body returns with its id under its old parent; a changed one gets the
    recorded values back. Through ``body_save``, so the tree stays consistent and
    the kind rules are checked against the tree as it is now."""
    return body_save(body=record.instance)


def body_create(*, name: str, slug: str, kind: str, parent: Body | None = None, **fields) -> Body:
    return body_save(body=Body(name=name, slug=slug, kind=kind, parent=parent, **fields))


def body_move(*, body: Body, target: Body, position: Position = "last-child") -> Body:
    """Move ``body`` relative to ``target``: as its child, or as its sibling to the
    left or right (the admin's drag-and-drop)."""
    if position not in ("last-child", "first-child", "left", "right"):
        raise ValidationError("Unknown position %(position)s.", params={"position": position})
    if body.pk == target.pk:
        raise ValidationError(
            "%(body)s cannot be moved onto itself.", code="onto_itself", params={"body": body}
        )
    with tree_write():
        body, target = _fresh(body), _fresh(target)
        new_parent = target if position in ("last-child", "first-child") else target.parent
        body.parent = new_parent
        body.full_clean()
        try:
            Body._tree_manager.move_node(body, target, position)
        except InvalidMove as refused:
            # The rules above catch the moves officers make; anything django-mptt
            # still refuses is said, not a server error.
            raise ValidationError(str(refused), code="invalid_move") from refused
        body.refresh_from_db()
    return body


def body_delete(*, body: Body) -> None:
    """Delete a body that nothing depends on. A body with bodies below it, members,
    meetings, links, plans, funds, grants or reports is refused: end it instead (set
    its end date), which keeps its record and history."""
    with tree_write():
        body = _fresh(body)
        if body.get_children().exists():
            raise ValidationError(
                "%(body)s has bodies accountable to it. Move or delete them first.",
                code="has_children",
                params={"body": body.name},
            )
        delete_or_refuse(body, advice="Give it an end date instead.")
