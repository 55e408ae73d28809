"""Reads of the partnership structure, with their joins applied. Pages, reports and
exports of the same thing call the same selector."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from .access import BodyAccess
from .models import AccountabilityLink, AgendaItem, Body, Declaration, Meeting, Membership


@dataclass
class TreeNode:
    body: Body
    children: list["TreeNode"] = field(default_factory=list)


def structure_tree(*, on: datetime.date | None = None) -> list[TreeNode]:
    """The bodies in force on ``on`` (today by default) as nested nodes, in one query.

    A body that has ended takes the bodies below it out of the structure too."""
    on = on or datetime.date.today()
    roots: list[TreeNode] = []
    stack: list[TreeNode] = []
    skip_until: tuple[int, int] | None = None  # (tree_id, rght) of an ended subtree
    for body in Body.objects.order_by("tree_id", "lft"):
        if skip_until and body.tree_id == skip_until[0] and body.rght < skip_until[1]:
            continue
        skip_until = None
        if not body.is_current(on):
            skip_until = (body.tree_id, body.rght)
            continue
        node = TreeNode(body)
        while stack and not (
            stack[-1].body.tree_id == body.tree_id and stack[-1].body.rght > body.rght
        ):
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def body_links(body: Body) -> QuerySet[AccountabilityLink]:
    return AccountabilityLink.objects.filter(Q(from_body=body) | Q(to_body=body)).select_related(
        "from_body", "to_body"
    )


def body_members(body: Body, *, on: datetime.date | None = None) -> QuerySet[Membership]:
    """Members on ``on``, chair first."""
    role_order = ["chair", "vice_chair", "member", "co_opted", "adviser"]

    return (
        Membership.objects.current(on)
        .filter(body=body)
        .select_related("person", "organisation")
        .annotate(
            role_rank=Case(
                *[When(role=role, then=Value(i)) for i, role in enumerate(role_order)],
                output_field=IntegerField(),
            )
        )
        .order_by("role_rank", "person__name")
    )


def meetings_visible(access: BodyAccess, body: Body) -> QuerySet[Meeting]:
    """A body's meetings as ``access``'s user may see them: members (and those of the
    bodies above) see meetings not open to the public as well."""
    meetings = Meeting.objects.filter(body=body)
    if not access.can_see_confidential(body):
        meetings = meetings.public()
    return meetings


@dataclass(frozen=True)
class AgendaEntry:
    """An agenda item as one reader may see it. A confidential item the reader may not
    see carries only its number: the fields that could leak are never set."""

    position: int
    is_confidential: bool
    redacted: bool
    title: str | None = None
    papers: str | None = None
    minutes: str | None = None
    decision: str | None = None


def meeting_agenda(meeting: Meeting, *, can_see_confidential: bool) -> list[AgendaEntry]:
    entries = []
    for item in AgendaItem.objects.filter(meeting=meeting).order_by("position"):
        if item.is_confidential and not can_see_confidential:
            entries.append(AgendaEntry(item.position, True, True))
            continue
        show_minutes = meeting.minutes_published or can_see_confidential
        entries.append(
            AgendaEntry(
                position=item.position,
                is_confidential=item.is_confidential,
                redacted=False,
                title=item.title,
                papers=item.papers,
                minutes=item.minutes if show_minutes else None,
                decision=item.decision if show_minutes else None,
            )
        )
    return entries


@dataclass(frozen=True)
class DeclarationEntry:
    person_name: str
    interest_type: str
    description: str
    item_label: str | None


def meeting_declarations(meeting: Meeting, agenda: list[AgendaEntry]) -> list[DeclarationEntry]:
    """Declarations are public at all times (agreement 5.6), including those on a
    confidential item, which is then named only as "Item N: confidential item"."""
    by_position = {entry.position: entry for entry in agenda}
    entries = []
    for declaration in Declaration.objects.filter(meeting=meeting).select_related(
        "person", "agenda_item"
    ):
        item = declaration.agenda_item
        label = None
        if item is not None:
            seen = by_position.get(item.position)
            title = seen.title if seen and not seen.redacted else "Confidential item"
            label = f"Item {item.position}: {title}"
        entries.append(
            DeclarationEntry(
                person_name=declaration.person.name,
                interest_type=declaration.get_interest_type_display(),
                description=declaration.description,
                item_label=label,
            )
        )
    return entries
