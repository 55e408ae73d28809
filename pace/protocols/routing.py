"""Where a complaint or a whistle-blowing report goes: the one routing rule."""

from django.core.exceptions import ValidationError

from partnerships.models import Body, BodyKind

from .models import CaseKind

#: The flag on a body's terms of reference that receives each kind.
RECEIVES = {
    CaseKind.COMPLAINT: "terms__receives_complaints",
    CaseKind.WHISTLEBLOWING: "terms__receives_whistleblowing",
}


def leaders_board() -> Body:
    """The Leaders Board: the top body of that kind (it replaced the PACE Executive
    Board, which resolves disputes and is where an unrouted case ends up)."""
    board = (
        Body.objects.current()
        .filter(kind=BodyKind.LEADERS_BOARD, parent__isnull=True)
        .order_by("tree_id", "pk")
        .first()
    )
    if board is None:
        raise ValidationError(
            "There is no Leaders Board to receive this: an officer must set one up first.",
            code="no_leaders_board",
        )
    return board


def route_for(kind: str, about_body: Body | None) -> Body:
    """The nearest current body at or above ``about_body`` (walking up the tree)
    whose terms of reference receive ``kind`` (``CaseKind``); the Leaders Board when
    none does, or when the case names no body. One query, or two for the fallback."""
    flag = RECEIVES[CaseKind(kind)]
    if about_body is not None:
        found = (
            Body.objects.current()
            .filter(
                tree_id=about_body.tree_id,
                lft__lte=about_body.lft,
                rght__gte=about_body.rght,
                **{flag: True},
            )
            .order_by("-level")
            .first()
        )
        if found is not None:
            return found
    return leaders_board()
