"""Reads of the partnership structure, with their joins applied. Pages, reports and
exports of the same thing call the same selector."""

import datetime
from dataclasses import dataclass, field, replace

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone

from pace.core.contacts import Contact, record_contact, site_contact
from pace.notifications.services import Recipient

from .access import BodyAccess
from .models import (
    RELATION_RULES,
    AccountabilityLink,
    AgendaItem,
    AgendaPack,
    Body,
    BodyKind,
    Decision,
    Declaration,
    Meeting,
    Membership,
    PackAudience,
    Paper,
    Person,
    RelationKind,
    Ward,
    subtree_q,
)
from .relations import relation_heading


@dataclass(slots=True)
class BodyInTree:
    """What the structure page and the report's charts show of a body: read as plain
    values, because making a model instance of each body was most of the structure
    page's time, and grew faster than the tree (13.8 ms at 1,000 bodies, 123 ms at
    10,000)."""

    pk: int
    name: str
    slug: str
    kind: str
    is_illustrative: bool
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    tree_id: int
    lft: int
    rght: int

    FIELDS = ("pk", "name", "slug", "kind", "is_illustrative", "starts_on", "ends_on")
    FIELDS += ("tree_id", "lft", "rght")

    is_current = Body.is_current

    @property
    def kind_label(self) -> str:
        return _KIND_LABELS.get(self.kind, self.kind)


_KIND_LABELS = dict(BodyKind.choices)


@dataclass
class TreeNode:
    body: BodyInTree
    children: list["TreeNode"] = field(default_factory=list)


def structure_tree(*, on: datetime.date | None = None) -> list[TreeNode]:
    """The bodies in force on ``on`` (today by default) as nested nodes, in one query.

    A body that has ended takes the bodies below it out of the structure too."""
    on = on or timezone.localdate()
    roots: list[TreeNode] = []
    stack: list[TreeNode] = []
    skip_until: tuple[int, int] | None = None  # (tree_id, rght) of an ended subtree
    # Only what the structure and its charts show: at 10,000 bodies, loading every
    # column (remits above all) was half of the page's time.
    rows = Body.objects.order_by("tree_id", "lft").values_list(*BodyInTree.FIELDS)
    for row in rows:
        body = BodyInTree(*row)
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


@dataclass
class StructureRow:
    """A body in the structure page's nested list, written out in one loop: the list
    item, a nested list opened under it when it has bodies below, and the nested
    lists this row is the last of (``closes``). A recursive ``{% include %}`` per
    body cost more than the rest of the page at a thousand bodies; the rows are
    written by the ``structure_list`` filter (``partnerships_tags``)."""

    body: BodyInTree
    url: str
    has_children: bool
    closes: int = 0


def structure_rows(tree: list[TreeNode]) -> list[StructureRow]:
    """``structure_tree``'s nodes in page order. Addresses are built from one
    ``reverse()`` rather than one per body."""
    url = reverse("partnerships:body-detail", args=["__slug__"])
    rows: list[StructureRow] = []
    # (nodes, index of the next one): walked without recursion, as deep trees may be.
    stack = [(tree, 0)]
    while stack:
        nodes, i = stack.pop()
        if i == len(nodes):
            if stack:  # the nested list of the node that opened it ends here
                rows[-1].closes += 1
            continue
        node = nodes[i]
        rows.append(
            StructureRow(
                body=node.body,
                url=url.replace("__slug__", node.body.slug),
                has_children=bool(node.children),
            )
        )
        stack.append((nodes, i + 1))
        if node.children:
            stack.append((node.children, 0))
    return rows


def _current_q(prefix: str, on: datetime.date) -> Q:
    """``BodyQuerySet.current`` for the body reached through ``prefix``."""
    return (Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": on})) & (
        Q(**{f"{prefix}starts_on__isnull": True}) | Q(**{f"{prefix}starts_on__lte": on})
    )


@dataclass(frozen=True)
class RelatedBody:
    """The body at the other end of a relation, and what the relation says of it."""

    name: str
    url: str
    kind_label: str
    description: str


@dataclass(frozen=True)
class RelationGroup:
    """The bodies a body holds one kind of relation with, in one direction, under a
    plain heading ("Reports to", "Receives reports from"); "works with" is one group
    whichever end recorded it."""

    kind: str
    outgoing: bool
    heading: str
    bodies: tuple[RelatedBody, ...]


def body_relations(body: Body, *, on: datetime.date | None = None) -> list[RelationGroup]:
    """``body``'s typed relations (``AccountabilityLink``) both ways, grouped by kind and
    direction in ``RelationKind``'s order, what it holds first; only those with a body
    in force on ``on`` (today) at the other end. One query."""
    on = on or timezone.localdate()
    links = AccountabilityLink.objects.filter(
        (Q(from_body=body) & _current_q("to_body__", on))
        | (Q(to_body=body) & _current_q("from_body__", on))
    ).select_related("from_body", "to_body")
    grouped: dict[tuple[str, bool], list[RelatedBody]] = {}
    for link in links:
        outgoing = link.from_body_id == body.pk
        other = link.to_body if outgoing else link.from_body
        mutual = link.rule.is_mutual
        grouped.setdefault((link.kind, outgoing or mutual), []).append(
            RelatedBody(
                other.name, other.get_absolute_url(), other.get_kind_display(), link.description
            )
        )
    order = list(RelationKind.values)
    return [
        RelationGroup(
            kind,
            outgoing,
            relation_heading(kind, outgoing=outgoing),
            tuple(sorted(grouped[kind, outgoing], key=lambda related: related.name)),
        )
        for outgoing in (True, False)
        for kind in order
        if (kind, outgoing) in grouped
    ]


@dataclass(frozen=True)
class RelationInTree:
    """A relation as the structure chart, its text twin and the open data read it:
    plain values, no model instances."""

    pk: int
    from_pk: int
    to_pk: int
    kind: str
    description: str

    @property
    def is_mutual(self) -> bool:
        return RELATION_RULES[self.kind].is_mutual


def structure_relations(*, on: datetime.date | None = None) -> list[RelationInTree]:
    """Every relation between two bodies both in force on ``on`` (today), in
    ``RelationKind``'s order, then as recorded. One query."""
    on = on or timezone.localdate()
    rows = (
        AccountabilityLink.objects.filter(
            _current_q("from_body__", on), _current_q("to_body__", on)
        )
        .order_by("pk")
        .values_list("pk", "from_body_id", "to_body_id", "kind", "description")
    )
    order = {kind: i for i, kind in enumerate(RelationKind.values)}
    return sorted((RelationInTree(*row) for row in rows), key=lambda r: (order[r.kind], r.pk))


def wards_of(record: Body | Meeting) -> list[Ward]:
    """The wards a body covers or a meeting's business affects, by name. One query."""
    return list(record.wards.order_by("name").only("name", "slug", "code"))


def body_contact(body: Body, ancestors: list[Body]) -> Contact:
    """Who to contact about a body: its own contact, else that of the nearest body
    it is accountable to that gives one (``ancestors`` from the top down, as
    ``get_ancestors()`` gives them, so no query of its own), else the partnership's."""
    if contact := record_contact(body):
        return contact
    for above in reversed(ancestors):
        if contact := record_contact(above, inherited_from=above.name):
            return contact
    return site_contact()


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
    decisions: tuple["DecisionEntry", ...] = ()
    #: The item's papers (``models.Paper``), uploads and links; none when redacted.
    documents: tuple[Paper, ...] = ()


@dataclass(frozen=True)
class DecisionEntry:
    """A decision as the minutes and the meeting page show it, with its place in
    the decision log."""

    title: str
    text: str
    vote: str
    url: str


def vote_label(decision: Decision) -> str:
    """ "For 9, against 2, abstaining 1", or "" where there was no vote."""
    if not decision.has_vote:
        return ""
    label = f"For {decision.votes_for}, against {decision.votes_against}"
    return label + (f", abstaining {decision.abstentions}" if decision.abstentions else "")


def _decision_entries(item: AgendaItem) -> tuple[DecisionEntry, ...]:
    return tuple(
        DecisionEntry(d.title, d.text, vote_label(d), d.get_absolute_url())
        for d in item.decisions.all()
    )


def _agenda_entry(
    item: AgendaItem, *, show_minutes: bool, can_see: bool, show_decisions: bool | None = None
) -> AgendaEntry:
    """``show_decisions`` defaults to ``show_minutes``."""
    if show_decisions is None:
        show_decisions = show_minutes
    if item.is_confidential and not can_see:
        return AgendaEntry(item.position, True, True)
    return AgendaEntry(
        position=item.position,
        is_confidential=item.is_confidential,
        redacted=False,
        title=item.title,
        papers=item.papers,
        minutes=item.minutes if show_minutes else None,
        decisions=_decision_entries(item) if show_decisions else (),
    )


def _items(**filters):
    """Agenda items in order, with their decisions (prefetched: one query more
    however many items there are)."""
    return (
        AgendaItem.objects.filter(**filters)
        .order_by("meeting_id", "position")
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.order_by("pk")))
    )


def meeting_agenda(meeting: Meeting, *, can_see_confidential: bool) -> list[AgendaEntry]:
    """The agenda as the reader may see it. Minutes shown with the items are the
    ones that are not the public record: drafts, to members, before the minutes are
    approved, and a confidential item's, to those who may see it. Approved minutes
    of the public items are shown as approved (``services.minutes_versions``).
    Each item the reader may see carries its papers (one query for them all)."""
    items = list(_items(meeting=meeting).prefetch_related(_papers()))
    entries = [
        _agenda_entry(
            item,
            show_minutes=can_see_confidential
            and (item.is_confidential or not meeting.minutes_published),
            can_see=can_see_confidential,
            # Decisions are public records from when they are taken (the decision
            # log); once the minutes are approved, they are read in the minutes.
            show_decisions=item.is_confidential or not meeting.minutes_published,
        )
        for item in items
    ]
    return [
        entry if entry.redacted else replace(entry, documents=tuple(item.paper_set.all()))
        for entry, item in zip(entries, items, strict=True)
    ]


def _papers() -> Prefetch:
    return Prefetch("paper_set", queryset=Paper.objects.order_by("position", "pk"))


def meeting_paper(meeting: Meeting, paper_pk: int, *, can_see_confidential: bool) -> Paper | None:
    """The paper ``paper_pk`` of ``meeting``'s agenda if the reader may see it: a
    confidential item's papers only for those who may see the item (the meeting
    itself is checked by the caller, as for its page)."""
    paper = Paper.objects.select_related("agenda_item").filter(
        pk=paper_pk, agenda_item__meeting=meeting
    )
    if not can_see_confidential:
        paper = paper.filter(agenda_item__is_confidential=False)
    return paper.first()


def meeting_packs(meeting: Meeting, *, can_see_confidential: bool) -> dict[str, AgendaPack]:
    """The agenda packs the meeting page offers, by audience: the public one, and
    the full one to those who may see confidential items. None before the agenda is
    published (and no query)."""
    if meeting.agenda_published_at is None:
        return {}
    packs = AgendaPack.objects.filter(meeting=meeting).only(
        "audience", "pages", "size", "meeting_id"
    )
    if not can_see_confidential:
        packs = packs.filter(audience=PackAudience.PUBLIC)
    return {pack.audience: pack for pack in packs}


def approved_minutes_entries(meeting: Meeting) -> list[AgendaEntry]:
    """The public items with their minutes and decisions as they stand: what
    approving the minutes publishes. Confidential items show only their number."""
    return [
        _agenda_entry(item, show_minutes=True, can_see=False) for item in _items(meeting=meeting)
    ]


def public_agendas(meetings: list[Meeting]) -> dict[int, list[AgendaEntry]]:
    """The agendas of ``meetings`` as the public may see them, in one query: for
    feeds, which are the same for every reader."""
    agendas: dict[int, list[AgendaEntry]] = {m.pk: [] for m in meetings}
    items = AgendaItem.objects.filter(meeting_id__in=list(agendas)).order_by(
        "meeting_id", "position"
    )
    for item in items:
        # Minutes are the meeting page's, as approved; feeds carry the agenda.
        agendas[item.meeting_id].append(_agenda_entry(item, show_minutes=False, can_see=False))
    return agendas


@dataclass(frozen=True)
class DeclarationEntry:
    person_name: str
    person_slug: str
    interest_type: str
    description: str
    item_label: str | None
    organisation_name: str | None = None


def _item_label(item: AgendaItem | None, *, can_see: bool, meeting_seen: bool = True) -> str | None:
    if item is None:
        return None
    if not meeting_seen:
        # The agenda of a meeting not open to the public is not published at all.
        return f"Item {item.position}"
    title = item.title if can_see or not item.is_confidential else CONFIDENTIAL_ITEM
    return f"Item {item.position}: {title}"


CONFIDENTIAL_ITEM = "Confidential item"


def meeting_declarations(meeting: Meeting, agenda: list[AgendaEntry]) -> list[DeclarationEntry]:
    """Declarations are public at all times (agreement 5.6), including those on a
    confidential item, which is then named only as "Item N: Confidential item"."""
    by_position = {entry.position: entry for entry in agenda}
    entries = []
    for declaration in Declaration.objects.filter(meeting=meeting).select_related(
        "person", "agenda_item", "organisation"
    ):
        item = declaration.agenda_item
        seen = by_position.get(item.position) if item is not None else None
        entries.append(
            DeclarationEntry(
                person_name=declaration.person.name,
                person_slug=declaration.person.slug,
                interest_type=declaration.get_interest_type_display(),
                description=declaration.description,
                item_label=_item_label(item, can_see=bool(seen and not seen.redacted)),
                organisation_name=declaration.organisation.name
                if declaration.organisation
                else None,
            )
        )
    return entries


# --- Meetings lists, the register of declarations and feeds -----------------------


def _within(body: Body, *, include_below: bool, prefix: str) -> Q:
    if not include_below:
        return Q(**{f"{prefix}": body})
    return subtree_q(body, f"{prefix}__")


def meetings_for(
    access: BodyAccess,
    *,
    body: Body | None = None,
    include_below: bool = False,
    ward: Ward | None = None,
) -> QuerySet[Meeting]:
    """Meetings ``access``'s user may see, of ``body`` (and the bodies accountable to
    it, with ``include_below``) or of every body, and affecting ``ward`` if given:
    meetings open to the public, and the others of the bodies whose members they are
    (or of every body, an officer)."""
    meetings = Meeting.objects.select_related("body")
    if body is not None:
        meetings = meetings.filter(_within(body, include_below=include_below, prefix="body"))
    if ward is not None:
        # One row per meeting: a meeting names a ward once.
        meetings = meetings.filter(wards=ward)
    members_q = access.confidential_bodies_q()
    if members_q is not None:
        meetings = meetings.filter(Q(is_public=True) | members_q)
    return meetings


def public_feed_meetings(*, body: Body | None = None, since: datetime.datetime):
    """Meetings open to the public that start on or after ``since``, for a calendar
    feed: the same for every reader, signed in or not, since a calendar program
    subscribes without a session."""
    meetings = Meeting.objects.public().filter(starts_at__gte=since).select_related("body")
    if body is not None:
        meetings = meetings.filter(body=body)
    return meetings.order_by("starts_at", "pk")


def declarations_register(
    *,
    access: BodyAccess,
    body: Body | None = None,
    include_below: bool = False,
    person: Person | None = None,
) -> QuerySet[Declaration]:
    """Every declaration of interest, newest meeting first, with what a register row
    shows joined in. Declarations are public at all times (agreement 5.6): what the
    reader may not see of the meeting or the item is taken out by
    ``register_entries``, never by leaving the declaration out. Chosen by body, the
    register leaves out the meetings the reader may not see, whose body it would
    otherwise give away."""
    declarations = Declaration.objects.select_related(
        "person", "organisation", "meeting__body", "agenda_item"
    ).order_by("-meeting__starts_at", "meeting_id", "person__name", "pk")
    if body is not None:
        declarations = declarations.filter(
            _within(body, include_below=include_below, prefix="meeting__body")
        )
        seen = access.confidential_bodies_q(prefix="meeting__body__")
        if seen is not None:
            declarations = declarations.filter(Q(meeting__is_public=True) | seen)
    if person is not None:
        declarations = declarations.filter(person=person)
    return declarations


@dataclass(frozen=True)
class RegisterEntry:
    """A row of the register as one reader may see it. Of a meeting not open to the
    public that the reader may not see, nothing is said (not its date, body or
    title: that it happens is not public), only that the declaration was made at
    one; ``item_label`` names a confidential item only as "Confidential item"."""

    person_name: str
    person_slug: str
    interest_type: str
    description: str
    organisation_name: str | None
    item_label: str | None
    starts_at: datetime.datetime | None = None
    body_name: str | None = None
    body_url: str | None = None
    meeting_title: str | None = None
    meeting_url: str | None = None


def register_entries(declarations, access: BodyAccess) -> list[RegisterEntry]:
    entries = []
    for declaration in declarations:
        meeting = declaration.meeting
        can_see = access.can_see_confidential(meeting.body)
        meeting_seen = meeting.is_public or can_see
        entries.append(
            RegisterEntry(
                starts_at=meeting.starts_at if meeting_seen else None,
                body_name=meeting.body.name if meeting_seen else None,
                body_url=meeting.body.get_absolute_url() if meeting_seen else None,
                person_name=declaration.person.name,
                person_slug=declaration.person.slug,
                interest_type=declaration.get_interest_type_display(),
                description=declaration.description,
                organisation_name=declaration.organisation.name
                if declaration.organisation
                else None,
                item_label=_item_label(
                    declaration.agenda_item, can_see=can_see, meeting_seen=meeting_seen
                ),
                meeting_title=meeting.title if meeting_seen else None,
                meeting_url=meeting.get_absolute_url() if meeting_seen else None,
            )
        )
    return entries


def people_with_declarations() -> QuerySet[Person]:
    """Everyone who has declared an interest, by name. ``Exists`` rather than a join
    and ``DISTINCT``: half the time at county scale."""
    declared = Declaration.objects.filter(person=OuterRef("pk"))
    return Person.objects.filter(Exists(declared)).order_by("name")


def member_recipients(body: Body, *, on: datetime.date | None = None) -> list[Recipient]:
    """Whom to tell, among the members of ``body`` on ``on`` (today): each at the
    address their login holds, else their record's, with their login, whose choices
    decide what they are sent. Nobody who has left or not yet joined, nobody of
    another body. Private: for sending, never for showing."""
    members = (
        Membership.objects.current(on or timezone.localdate())
        .filter(body=body)
        .select_related("person__user")
        .order_by("pk")
    )
    return [recipient for m in members if (recipient := person_recipient(m.person))]


def person_recipient(person: Person) -> Recipient | None:
    user = person.user
    address = user.email if user is not None and user.email else person.email
    return Recipient(address, user.pk if user is not None else None) if address else None


def member_addresses(body: Body, *, on: datetime.date | None = None) -> set[str]:
    """The addresses of ``member_recipients``."""
    return {recipient.address for recipient in member_recipients(body, on=on)}


def address_is_member(address: str, body: Body, *, on: datetime.date) -> bool:
    """Whether ``address`` is that of someone who, on ``on``, is a member of ``body``
    or of a body above it: who may see its private business (``access``)."""
    address = address.strip()
    return (
        Membership.objects.current(on)
        .filter(body__tree_id=body.tree_id, body__lft__lte=body.lft, body__rght__gte=body.rght)
        .filter(
            Q(person__user__email__iexact=address)
            | (
                Q(person__email__iexact=address)
                & (Q(person__user=None) | Q(person__user__email=""))
            )
        )
        .exists()
    )


def visible_decisions(access: BodyAccess) -> QuerySet[Decision]:
    """The decisions the reader may see: the public ones (``DecisionQuerySet.public``),
    and those on confidential items or at private meetings of bodies whose
    confidential records the reader may see. The decision log, a decision's page
    and search all read through here."""
    decisions = Decision.objects.select_related("meeting__body", "agenda_item")
    if not access.user.is_authenticated:
        return decisions.public()
    seen = access.confidential_bodies_q("meeting__body__")
    if seen is None:
        return decisions
    return decisions.filter(Q(pk__in=Decision.objects.public().values("pk")) | seen)
