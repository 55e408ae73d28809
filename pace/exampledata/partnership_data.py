# Over 400 lines, as one piece: the seeds' structure is one story, read top to bottom.
"""The Cheshire East partnership as the seeds describe it, for the example site.

Sources: the PACE partnership agreement (Executive Board members, thematic groups,
Local Area Partnerships with their Area Assemblies and Area Management Groups) and
the cabinet report of 12 July 2016 (the Leaders Board, thematic boards such as the
Health and Wellbeing Board, Area Boards, nine town partnerships funded at 8,000 GBP
each). Where the seeds name nothing (the areas, the towns, the people) the records
are marked ``is_illustrative`` and the pages say so. Loading is idempotent: every
record is found by a natural key first, and a second run changes nothing.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from partnerships import services
from partnerships.models import (
    AccountabilityLink,
    AgendaItem,
    AttendanceStatus,
    Body,
    BodyKind,
    Decision,
    Declaration,
    InterestType,
    Meeting,
    Membership,
    Organisation,
    Person,
    RegisteredInterest,
    RelationKind,
    Role,
    Sector,
)
from partnerships.models.bodies import ALLOWED_PARENT_KINDS
from partnerships.models.meetings import MeetingStatus

from .member_terms import Names, terms

K = BodyKind
#: The day Cabinet agreed the structure (the cabinet report of 12 July 2016): the
#: example's bodies and first members date from it, so the structure "as on"
#: 12/07/2016 shows them.
STRUCTURE_FROM = datetime.date(2016, 7, 12)

ORGANISATIONS = [
    # (slug, name, sector, is_council): the PACE Executive Board's members (agreement).
    ("cheshire-east-council", "Cheshire East Council", Sector.PUBLIC, True),
    ("cheshire-constabulary", "Cheshire Constabulary", Sector.EMERGENCY, False),
    ("cheshire-fire-rescue", "Cheshire Fire & Rescue Service", Sector.EMERGENCY, False),
    (
        "central-east-cheshire-pct",
        "Central & East Cheshire Primary Care Trust",
        Sector.HEALTH,
        False,
    ),
    (
        "south-cheshire-chamber",
        "South Cheshire Chamber of Commerce and Industry",
        Sector.PRIVATE,
        False,
    ),
    (
        "housing-delivery-partnership",
        "Cheshire East Housing Delivery Partnership",
        Sector.HOUSING,
        False,
    ),
    ("mmu-cheshire", "Manchester Metropolitan University Cheshire", Sector.EDUCATION, False),
    ("vcs-congress", "Cheshire East Voluntary & Community Sector Congress", Sector.VCF, False),
    ("chalc", "Cheshire Association of Local Councils", Sector.PUBLIC, False),
]

ASSEMBLY_REMIT = (
    "The annual stakeholder conference of the partnership. It provides the overall "
    "direction for the work of the Partnership, oversees progress towards the targets "
    "in the Sustainable Community Strategy and makes sure the views of a wide audience "
    "are considered in developing it."
)

# (slug, name, kind, parent slug, remit, illustrative, extra fields)
BODIES: list[tuple] = [
    (
        "leaders-board",
        "Cheshire East Leaders Board",
        K.LEADERS_BOARD,
        None,
        "The primary decision-making body of the partnership. It replaced the PACE Executive "
        "Board. It commissions the thematic boards and Area Boards, holds them to account, "
        "and receives their annual progress reports and exception reports.",
        False,
        {},
    ),
    # Accountable to no body: the Leaders Board takes guidance from it and reports to it
    # (agreement 2 and 5.5; ``RELATIONS``), so it is a top of the structure of its own.
    ("assembly", "Cheshire East Assembly", K.ASSEMBLY, None, ASSEMBLY_REMIT, False, {}),
    (
        "health-and-wellbeing-board",
        "Health and Wellbeing Board",
        K.THEMATIC_BOARD,
        "leaders-board",
        "Develops the strategic plan that drives the health and wellbeing priorities of the "
        "partnership strategy, with clear actions, measures of success and an owner for each. "
        "Held accountable to and commissioned by the Leaders Board; speaks to the Area Boards "
        "to get a local feel for what each community needs.",
        False,
        {},
    ),
    (
        "learning-and-skills",
        "Learning and Skills",
        K.THEMATIC_GROUP,
        "leaders-board",
        "Thematic group responsible for the delivery of the strategy's outcomes for learning "
        "and skills.",
        False,
        {},
    ),
]

AREAS = [
    # (slug stem, area name, towns): the seeds name no areas or towns.
    ("crewe-and-nantwich", "Crewe and Nantwich", ["Crewe", "Nantwich", "Alsager"]),
    ("macclesfield", "Macclesfield", ["Macclesfield", "Wilmslow", "Knutsford", "Poynton"]),
    ("congleton", "Congleton", ["Congleton", "Sandbach"]),
]

for stem, area, towns in AREAS:
    BODIES += [
        (
            f"{stem}-area-board",
            f"{area} Area Board",
            K.AREA_BOARD,
            "leaders-board",
            "Reflects the needs of the area into the thematic partnerships and upwards into the "
            "Leaders Board, and runs participatory budgeting for public health outcomes.",
            True,
            {
                "area_name": area,
                # Its Area Assembly, Management Group and town partnerships show it too.
                "contact_name": f"{area} Area Board support officer, Cheshire East Council",
                "contact_email": f"{stem}.areaboard@example.org",
                "contact_telephone": "0300 123 5500",
            },
        ),
        (
            f"{stem}-area-assembly",
            f"{area} Area Assembly",
            K.AREA_ASSEMBLY,
            f"{stem}-area-board",
            "Open to anyone with an interest in making the area better. Meets four times a year "
            "and sets the course of action of the Area Management Group.",
            True,
            {"area_name": area},
        ),
        (
            f"{stem}-area-management-group",
            f"{area} Area Management Group",
            K.AREA_MANAGEMENT_GROUP,
            f"{stem}-area-board",
            "Develops and delivers the Area Plan on the guidance of the Area Assembly. At most ten "
            "members, chaired by a partner organisation.",
            True,
            {"area_name": area},
        ),
    ]
    BODIES += [
        (
            f"{town.lower()}-town-partnership",
            f"{town} Town Partnership",
            K.TOWN_PARTNERSHIP,
            f"{stem}-area-board",
            f"Brings partners in {town} together on the town's priorities.",
            True,
            {"area_name": town},
        )
        for town in towns
    ]
BODIES.append(
    (
        "crewe-and-nantwich-pb-working-group",
        "Participatory Budgeting Working Group",
        K.WORKING_GROUP,
        "crewe-and-nantwich-area-management-group",
        "Time-limited group designing the first phase of participatory budgeting in the area.",
        True,
        {
            "area_name": "Crewe and Nantwich",
            "starts_on": datetime.date(2016, 9, 1),
            "ends_on": datetime.date(2017, 3, 31),
        },
    ),
)


def task_groups(today: datetime.date) -> list[tuple]:
    """The time-limited task and finish groups after the first one, as ``BODIES``
    gives bodies: one that ended in the strategy's first years, and two at work on
    the day of loading (their dates follow it, so one is always under way)."""
    month = datetime.date(today.year, today.month, 1)

    def months(n: int) -> datetime.date:
        year, index = divmod(month.month - 1 + n, 12)
        return datetime.date(month.year + year, index + 1, 1)

    return [
        (
            "winter-wellbeing-task-group",
            "Winter Wellbeing Task and Finish Group",
            K.WORKING_GROUP,
            "health-and-wellbeing-board",
            "Time-limited group that brought partners together on keeping older and vulnerable "
            "residents warm and well through the winter.",
            True,
            {"starts_on": datetime.date(2018, 9, 1), "ends_on": datetime.date(2019, 3, 31)},
        ),
        (
            "macclesfield-town-centres-task-group",
            "Macclesfield Town Centres Task and Finish Group",
            K.WORKING_GROUP,
            "macclesfield-area-management-group",
            "Time-limited group drawing up the Area Plan's actions for the town centres of "
            "Macclesfield, Wilmslow, Knutsford and Poynton.",
            True,
            {
                "area_name": "Macclesfield",
                "starts_on": months(-8),
                "ends_on": months(5) - datetime.timedelta(days=1),
            },
        ),
        (
            "skills-for-work-task-group",
            "Skills for Work Task and Finish Group",
            K.WORKING_GROUP,
            "learning-and-skills",
            "Time-limited group matching adult learning to the jobs employers in Cheshire East "
            "say they cannot fill.",
            True,
            {"starts_on": months(-4), "ends_on": months(8) - datetime.timedelta(days=1)},
        ),
    ]


#: Quorums the bodies' terms of reference set (illustrative: the seeds set none).
#: Conferences and assemblies open to all have none.
QUORUMS = {
    "leaders-board": 5,
    "health-and-wellbeing-board": 4,
    "learning-and-skills": 3,
    **{f"{stem}-area-board": 3 for stem, _, _ in AREAS},
    **{f"{stem}-area-management-group": 4 for stem, _, _ in AREAS},
    **{f"{town.lower()}-town-partnership": 3 for _, _, towns in AREAS for town in towns},
}

R = RelationKind

#: The typed relations between bodies the seeds name, besides the tree's "accountable
#: to and commissioned by" (the parent, which needs no relation): (from, relation,
#: to, description).
RELATIONS = [
    # The Executive (now Leaders) Board "will take guidance from" the Assembly and
    # reports progress to it every year (agreement 2 and 5.5).
    ("leaders-board", R.TAKES_GUIDANCE_FROM, "assembly", "Its overall direction (agreement 2)"),
    ("leaders-board", R.REPORTS_TO, "assembly", "Progress every year (agreement 5.5)"),
    # Thematic groups report "to the Executive Board and the Assembly" (agreement,
    # Thematic Groups); the Leaders Board is already their parent.
    ("learning-and-skills", R.REPORTS_TO, "assembly", "Progress every year (agreement)"),
] + [
    relation
    for stem, _, _ in AREAS
    for relation in [
        # Thematic boards speak to the Area Boards "to get a local feel for what each
        # community needs" (cabinet report 5.6.2).
        (
            "health-and-wellbeing-board",
            R.WORKS_WITH,
            f"{stem}-area-board",
            "A local feel for what each community needs (cabinet report 5.6.2)",
        ),
        # The Area Management Group develops the Area Plan on the guidance of the
        # Area Assembly (agreement, Local Area Partnership Structure).
        (
            f"{stem}-area-management-group",
            R.TAKES_GUIDANCE_FROM,
            f"{stem}-area-assembly",
            "The Area Plan (agreement, Area Assemblies)",
        ),
    ]
]


@dataclass(frozen=True)
class Seat:
    person: str
    title: str
    organisation: str | None
    role: str = Role.MEMBER


# The Leaders Board seats follow the Executive Board's membership in the agreement;
# the people in them are fictional.
LEADERS_BOARD = [
    Seat("Alex Marsh", "Leader of the Council", "cheshire-east-council", Role.CHAIR),
    Seat("Priya Desai", "Chief Executive", "cheshire-east-council"),
    Seat("Tom Whitfield", "Chief Superintendent", "cheshire-constabulary", Role.VICE_CHAIR),
    Seat("Grace Okafor", "Unitary Performance Manager", "cheshire-fire-rescue"),
    Seat("Daniel Hughes", "Chief Executive", "central-east-cheshire-pct"),
    Seat(
        "Helen Barker",
        "Chief Executive, representing the business sector",
        "south-cheshire-chamber",
    ),
    Seat("Imran Shah", "Chair", "housing-delivery-partnership"),
    Seat("Ruth Calloway", "Dean, education sector representative", "mmu-cheshire"),
    Seat("Owen Pritchard", "Chair", "vcs-congress"),
]


HEALTH_AND_WELLBEING_BOARD = [
    Seat("Daniel Hughes", "Chief Executive", "central-east-cheshire-pct", Role.CHAIR),
    Seat("Priya Desai", "Chief Executive", "cheshire-east-council"),
    Seat("Owen Pritchard", "Chair", "vcs-congress"),
]


#: The people in each area's standing seats (agreement, Area Management Group:
#: Membership), by seat. Fictional; the example's board member (``nadia-evans``)
#: and the others the strategy and funding examples name keep their seats.
AREA_PEOPLE = {
    "Crewe and Nantwich": {
        "police": "Nadia Lowe",
        "fire": "Marcus Fenwick",
        "councillor": "Nadia Carter",
        "lap": "Bethan Doyle",
        "health": "Nadia Evans",
        "housing": "Kieran Grant",
        "chalc": "Margaret Hale",
    },
    "Macclesfield": {
        "police": "Simon Ashcroft",
        "fire": "Leanne Booth",
        "councillor": "Peter Fairbairn",
        "lap": "Zainab Hussain",
        "health": "Gwen Llewellyn",
        "housing": "Callum Reid",
        "chalc": "Dorothy Birtles",
    },
    "Congleton": {
        "police": "Sophie Wainwright",
        "fire": "Adebayo Ogunleye",
        "councillor": "Jean Plant",
        "lap": "Mohammed Iqbal",
        "health": "Harriet Boulton",
        "housing": "Connor Walsh",
        "chalc": "Trevor Hulme",
    },
}


# Agreement, Area Management Group: Membership.
def _amg_seats(area: str) -> list[Seat]:
    people = AREA_PEOPLE[area]
    return [
        Seat(people["police"], "Local Police Inspector", "cheshire-constabulary", Role.CHAIR),
        Seat(people["fire"], "Fire Station Manager", "cheshire-fire-rescue"),
        Seat(people["councillor"], "Area Assembly Chairman (Councillor)", "cheshire-east-council"),
        Seat(people["lap"], "Local Area Partnership Manager", "cheshire-east-council"),
        Seat(people["health"], "Health representative", "central-east-cheshire-pct"),
        Seat(people["housing"], "Registered Social Landlord", "housing-delivery-partnership"),
        Seat(people["chalc"], "Town and parish councils (ChALC)", "chalc"),
    ]


def _slug(name: str) -> str:
    return slugify(name)


@transaction.atomic
def load() -> dict[str, int]:
    """Load (or top up) the example partnership. Returns counts of what exists."""
    orgs = {}
    for slug, name, sector, is_council in ORGANISATIONS:
        orgs[slug], _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "sector": sector, "is_council": is_council}
        )
    bodies: dict[str, Body] = {}
    for slug, name, kind, parent, remit, illustrative, extra in [
        *BODIES,
        *task_groups(timezone.localdate()),
    ]:
        body = Body.objects.filter(slug=slug).first()
        if body is not None and _misplaced(body):
            # Loaded before the rules placed it (the Assembly stood under the Leaders
            # Board): moved to where the seeds place it.
            body.parent = bodies.get(parent)
            services.body_save(body=body)
        if body is None:
            body = services.body_create(
                name=name,
                slug=slug,
                kind=kind,
                parent=bodies.get(parent),
                remit=remit,
                is_illustrative=illustrative,
                starts_on=extra.get("starts_on", STRUCTURE_FROM),
                quorum=QUORUMS.get(slug),
                **{k: v for k, v in extra.items() if k != "starts_on"},
            )
        bodies[slug] = body
    _relations(bodies)
    names = Names(parity=0)
    _seat(bodies["leaders-board"], LEADERS_BOARD, orgs, names=names)
    _seat(bodies["health-and-wellbeing-board"], HEALTH_AND_WELLBEING_BOARD, orgs, names=names)
    for stem, area, _ in AREAS:
        _seat(bodies[f"{stem}-area-management-group"], _amg_seats(area), orgs, names=names)
        _seat(
            bodies[f"{stem}-area-board"], _amg_seats(area)[2:4], orgs, names=names, chair_first=True
        )
    _meetings(bodies)
    _interests(orgs)
    return {
        "organisations": Organisation.objects.count(),
        "bodies": Body.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "meetings": Meeting.objects.count(),
    }


def _misplaced(body: Body) -> bool:
    parent_kind = body.parent.kind if body.parent_id else None
    return parent_kind not in ALLOWED_PARENT_KINDS[body.kind]


def _relations(bodies: dict[str, Body]) -> None:
    """``RELATIONS``, through the service that checks their rules. A link an earlier
    load made between the same two bodies, untyped then and read as "works with"
    since, is removed where the seeds name another relation."""
    wanted = {(source, kind, target) for source, kind, target, _ in RELATIONS}
    pairs = {frozenset((source, target)) for source, _, target in wanted}
    slugs = {body.pk: slug for slug, body in bodies.items()}
    for link in AccountabilityLink.objects.filter(
        from_body__in=bodies.values(), to_body__in=bodies.values()
    ):
        source, target = slugs[link.from_body_id], slugs[link.to_body_id]
        if frozenset((source, target)) in pairs and (source, link.kind, target) not in wanted:
            services.relation_delete(relation=link)
    for source, kind, target, description in RELATIONS:
        exists = AccountabilityLink.objects.filter(
            from_body=bodies[source], to_body=bodies[target], kind=kind
        ).exists()
        if not exists:
            services.relation_save(
                relation=AccountabilityLink(
                    from_body=bodies[source],
                    to_body=bodies[target],
                    kind=kind,
                    description=description,
                )
            )


def _seat(body: Body, seats: list[Seat], orgs, *, names, chair_first: bool = False) -> None:
    """Seat each present holder, and those who held the seat before them
    (``member_terms``): a seat whose present holder is seated already is done."""
    held = set(Membership.objects.filter(body=body).values_list("person__slug", flat=True))
    for i, seat in enumerate(seats):
        if _slug(seat.person) in held:
            continue
        role = Role.CHAIR if chair_first and i == 0 else seat.role
        for term in terms(
            body=body.slug, holder=seat.person, starts_on=STRUCTURE_FROM, ends_on=None, names=names
        ):
            person = _person(term.name, seat.title)
            if person.slug in held:
                continue
            held.add(person.slug)
            services.membership_save(
                membership=Membership(
                    person=person,
                    body=body,
                    role=role,
                    starts_on=term.starts_on,
                    ends_on=term.ends_on,
                    organisation=orgs[seat.organisation] if seat.organisation else None,
                )
            )


def _person(name: str, title: str) -> Person:
    person, _ = Person.objects.get_or_create(
        slug=_slug(name),
        defaults={
            "name": name,
            "public_title": title,
            "is_illustrative": True,
            # An address at the domain kept for examples, so that what PACE sends
            # them can be read in development (sent-mail/) and goes nowhere else.
            "email": f"{_slug(name)}@example.org",
        },
    )
    return person


#: Standing registers of interests (illustrative, as the people are): the same
#: interests these members declared at the Leaders Board in September 2016.
INTERESTS = [
    (
        "daniel-hughes",
        InterestType.ORGANISATIONAL,
        None,
        "Employed by a health and care provider in Cheshire East",
        datetime.date(2016, 4, 1),
    ),
    (
        "imran-shah",
        InterestType.PERSONAL,
        None,
        "Trustee of a town partnership",
        datetime.date(2016, 4, 1),
    ),
]


def _interests(orgs) -> None:
    for slug, kind, organisation, description, since in INTERESTS:
        person = Person.objects.filter(slug=slug).first()
        if person is None or person.registered_interests.filter(description=description).exists():
            continue
        services.registered_interest_save(
            interest=RegisteredInterest(
                person=person,
                interest_type=kind,
                organisation=orgs.get(organisation) if organisation else None,
                description=description,
                registered_on=since,
            )
        )


def attendance() -> None:
    """Who came to each meeting held so far: the members of the day, every fourth
    sending apologies (illustrative, as the people are). Run after every other
    loader, since they add meetings too."""
    held = Meeting.objects.filter(status=MeetingStatus.HELD).select_related("body")
    for meeting in held:
        if meeting.attendance.exists():
            continue
        day = timezone.localdate(meeting.starts_at)
        members = (
            Membership.objects.current(day)
            .filter(body=meeting.body)
            .select_related("person")
            .order_by("person__name")
        )
        for i, membership in enumerate(members):
            services.attendance_record(
                meeting=meeting,
                person=membership.person,
                status=AttendanceStatus.APOLOGIES if i % 4 == 3 else AttendanceStatus.PRESENT,
            )


def _at(day: datetime.date, hour: int = 18) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _meetings(bodies: dict[str, Body]) -> None:
    leaders = bodies["leaders-board"]
    first, created = Meeting.objects.get_or_create(
        body=leaders,
        title="Leaders Board, September 2016",
        defaults={
            "starts_at": _at(datetime.date(2016, 9, 21), 10),
            "location": "Westfields, Sandbach",
            "status": MeetingStatus.HELD,
            "minutes_published": True,
        },
    )
    if created:
        items = [
            (
                1,
                "Apologies and declarations of interest",
                False,
                "",
                "Apologies were received.",
                "",
            ),
            (
                2,
                "Refresh of Ambition for All",
                False,
                "Proposed consultation plan for the refreshed partnership strategy, to go live in "
                "April 2017 for three years.",
                "The Board discussed the consultation plan and the proposed outcomes.",
                "Agreed the consultation plan.",
            ),
            (
                3,
                "Town partnership funding 2016/17",
                False,
                "Direct grant award of 8,000 GBP to each of the nine town partnerships.",
                "The Board noted the Cabinet decision of 12 July 2016.",
                "Noted.",
            ),
            (
                4,
                "Public health commissioning: provider negotiations",
                True,
                "Commercially sensitive terms proposed by providers.",
                "The Board considered the providers' proposed terms.",
                "Officers to negotiate within the limits discussed.",
            ),
        ]
        made = {
            pos: AgendaItem.objects.create(
                meeting=first,
                position=pos,
                title=title,
                is_confidential=secret,
                papers=papers,
                minutes=minutes,
            )
            for pos, title, secret, papers, minutes, _ in items
        }
        for pos, title, _, _, _, text in items:
            if text:
                services.decision_record(
                    decision=Decision(meeting=first, agenda_item=made[pos], title=title, text=text)
                )
        Declaration.objects.create(
            meeting=first,
            agenda_item=made[4],
            person=Person.objects.get(slug="daniel-hughes"),
            interest_type=InterestType.ORGANISATIONAL,
            description="Employed by an organisation that may bid to provide the services.",
        )
        Declaration.objects.create(
            meeting=first,
            agenda_item=made[3],
            person=Person.objects.get(slug="imran-shah"),
            interest_type=InterestType.PERSONAL,
            description="A trustee of a town partnership that receives a grant.",
        )
    # Every body's meetings since, the Area Assemblies' four a year among them, and
    # their next ones: ``meeting_data``. This one is for members only.
    today = timezone.localdate()
    amg = bodies["crewe-and-nantwich-area-management-group"]
    Meeting.objects.get_or_create(
        body=amg,
        title="Crewe and Nantwich Area Management Group: Area Plan review",
        defaults={
            "starts_at": _at(today + datetime.timedelta(days=10), 14),
            "is_public": False,
            "location": "Municipal Buildings, Crewe",
        },
    )
