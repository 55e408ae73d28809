"""Members for every body of the example structure, beyond the Leaders Board and
the Area Management Groups of ``partnership_data``; the officers the Area
Management Groups invite (agreement: the group "will invite other people to attend
individual meetings when required"); each body's quorum; and more of the standing
register of interests.

The seeds name the seats (the Executive Board's partners, the Area Management
Group's membership, the Assembly's "representatives from across the community"),
never the people: every person here is fictional and marked ``is_illustrative``.
Public titles say what someone does, never how to reach them. Idempotent: a person
is found by slug, a membership by person and body, an interest by its words.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from partnerships import services
from partnerships.models import (
    Body,
    InterestType,
    Membership,
    Organisation,
    Person,
    RegisteredInterest,
    Role,
    Sector,
)

from .member_terms import Names, terms
from .partnership_data import AREA_PEOPLE, AREAS, QUORUMS, STRUCTURE_FROM, task_groups

ORGANISATIONS = [
    # (slug, name, sector): partners the agreement's bodies draw on beyond the
    # Executive Board's (illustrative where the seeds name none).
    ("healthwatch-cheshire-east", "Healthwatch Cheshire East", Sector.VCF),
    ("south-cheshire-college", "South Cheshire College", Sector.EDUCATION),
    ("jobcentre-plus", "Jobcentre Plus (Department for Work and Pensions)", Sector.PUBLIC),
    ("cheshire-community-action", "Cheshire Community Action", Sector.VCF),
] + [
    (f"{slugify(town)}-town-council", f"{town} Town Council", Sector.PUBLIC)
    for _, _, towns in AREAS
    for town in towns
]


@dataclass(frozen=True)
class Seat:
    person: str
    title: str
    organisation: str | None
    role: str = Role.MEMBER
    starts_on: datetime.date = STRUCTURE_FROM
    ends_on: datetime.date | None = None


def _seat_changes() -> tuple[datetime.date, datetime.date]:
    """The day a seat of Learning and Skills changed hands: the first of the month
    eight months ago, so that the example's recent meetings show both holders."""
    today = timezone.localdate()
    month = today.month - 8
    year = today.year + (month - 1) // 12
    first = datetime.date(year, (month - 1) % 12 + 1, 1)
    return first - datetime.timedelta(days=1), first


def _seats() -> dict[str, list[Seat]]:
    left, joined = _seat_changes()
    seats = {
        # The annual stakeholder conference: "representatives from across the
        # community" (agreement, Assembly), the Area Assembly chairmen among them.
        "assembly": [
            Seat("Alex Marsh", "Leader of the Council", "cheshire-east-council", Role.CHAIR),
            Seat("Owen Pritchard", "Chair", "vcs-congress", Role.VICE_CHAIR),
            Seat("Bernadette Quinn", "Chief Officer", "cheshire-community-action"),
            Seat("David Okoro", "Faith networks representative", "vcs-congress"),
            Seat("Chloe Brennan", "Chair, Cheshire East Youth Council", "cheshire-east-council"),
            Seat(
                "Helen Barker",
                "Chief Executive, representing the business sector",
                "south-cheshire-chamber",
            ),
        ]
        + [
            Seat(
                people["councillor"], "Area Assembly Chairman (Councillor)", "cheshire-east-council"
            )
            for people in AREA_PEOPLE.values()
        ],
        "health-and-wellbeing-board": [
            Seat(
                "Susan Ashby",
                "Portfolio Holder for Communities and Health (Councillor)",
                "cheshire-east-council",
                Role.VICE_CHAIR,
            ),
            Seat("Farah Malik", "Director of Public Health", "cheshire-east-council"),
            Seat(
                "Martin Oakes",
                "Executive Director of Adults, Health and Integration",
                "cheshire-east-council",
            ),
            Seat("Janet Whitlow", "Chair", "healthwatch-cheshire-east"),
        ],
        "learning-and-skills": [
            Seat(
                "Ruth Calloway",
                "Dean, education sector representative",
                "mmu-cheshire",
                Role.CHAIR,
            ),
            Seat("Gareth Lloyd", "Principal", "south-cheshire-college", Role.VICE_CHAIR),
            Seat("Amina Patel", "Head of Skills and Growth", "cheshire-east-council"),
            Seat("Stephen Boyd", "Partnership Manager", "jobcentre-plus"),
            Seat("Claire Rowntree", "Head teacher, representing secondary schools", None),
            Seat(
                "Helen Barker",
                "Chief Executive, representing the business sector",
                "south-cheshire-chamber",
            ),
            Seat("Kevin Doran", "Youth Service Manager", "cheshire-east-council", ends_on=left),
            Seat(
                "Lauren Pike",
                "Youth Support Service Manager",
                "cheshire-east-council",
                starts_on=joined,
            ),
        ],
        # A time-limited group (it ended on 31 March 2017): its members served its term.
        "crewe-and-nantwich-pb-working-group": [
            Seat(
                "Bethan Doyle",
                "Local Area Partnership Manager",
                "cheshire-east-council",
                Role.CHAIR,
                ends_on=datetime.date(2017, 3, 31),
            ),
            Seat(
                "Nadia Evans",
                "Health representative",
                "central-east-cheshire-pct",
                ends_on=datetime.date(2017, 3, 31),
            ),
            Seat(
                "Alison Kerr",
                "Public Health Commissioning Manager",
                "cheshire-east-council",
                ends_on=datetime.date(2017, 3, 31),
            ),
            Seat(
                "Joyce Adeyemi",
                "Voluntary sector representative",
                "vcs-congress",
                ends_on=datetime.date(2017, 3, 31),
            ),
        ],
    }
    seats |= _task_group_seats()
    for stem, area, towns in AREAS:
        people = AREA_PEOPLE[area]
        voluntary = Seat(VOLUNTARY[area], "Voluntary sector representative", "vcs-congress")
        seats[f"{stem}-area-board"] = [
            Seat(people["police"], "Local Police Inspector", "cheshire-constabulary"),
            Seat(people["health"], "Health representative", "central-east-cheshire-pct"),
            voluntary,
        ]
        seats[f"{stem}-area-management-group"] = [voluntary]
        # "Cheshire East Councillors (LAP Chairmen) will chair the Assembly meetings"
        # (agreement, LAP Area Assemblies).
        seats[f"{stem}-area-assembly"] = [
            Seat(
                people["councillor"],
                "Area Assembly Chairman (Councillor)",
                "cheshire-east-council",
                Role.CHAIR,
            ),
            Seat(people["chalc"], "Town and parish councils (ChALC)", "chalc", Role.VICE_CHAIR),
            Seat(
                people["lap"],
                "Local Area Partnership Manager",
                "cheshire-east-council",
                Role.ADVISER,
            ),
            voluntary,
        ]
        for town in towns:
            chair, chair_org, clerk = TOWNS[town]
            seats[f"{slugify(town)}-town-partnership"] = [
                Seat(chair, f"Chair, {town} Town Partnership", chair_org, Role.CHAIR),
                Seat(clerk, "Town Clerk", f"{slugify(town)}-town-council"),
                Seat(
                    people["lap"],
                    "Local Area Partnership Manager",
                    "cheshire-east-council",
                    Role.ADVISER,
                ),
                voluntary,
            ]
    return seats


def _task_group_seats() -> dict[str, list[Seat]]:
    """The members of the later task and finish groups, for the group's life."""
    groups = {slug: extra for slug, *_, extra in task_groups(timezone.localdate())}
    members = {
        "winter-wellbeing-task-group": [
            ("Farah Malik", "Director of Public Health", "cheshire-east-council", Role.CHAIR),
            ("Janet Whitlow", "Chair", "healthwatch-cheshire-east", Role.MEMBER),
            ("Nadia Lowe", "Local Police Inspector", "cheshire-constabulary", Role.MEMBER),
            ("Bernadette Quinn", "Chief Officer", "cheshire-community-action", Role.MEMBER),
        ],
        "macclesfield-town-centres-task-group": [
            (
                "Zainab Hussain",
                "Local Area Partnership Manager",
                "cheshire-east-council",
                Role.CHAIR,
            ),
            ("Ayesha Rahman", "Chair, Macclesfield Town Partnership", "vcs-congress", Role.MEMBER),
            (
                "Fiona Mackay",
                "Chair, Wilmslow Town Partnership",
                "south-cheshire-chamber",
                Role.MEMBER,
            ),
            (
                "Lucy Stanton",
                "Chair, Knutsford Town Partnership",
                "knutsford-town-council",
                Role.MEMBER,
            ),
            ("Colin Ashworth", "Service Manager, Highways", "cheshire-east-council", Role.ADVISER),
        ],
        "skills-for-work-task-group": [
            ("Gareth Lloyd", "Principal", "south-cheshire-college", Role.CHAIR),
            ("Stephen Boyd", "Partnership Manager", "jobcentre-plus", Role.MEMBER),
            ("Amina Patel", "Head of Skills and Growth", "cheshire-east-council", Role.MEMBER),
            ("Raj Bhatti", "Business owner, Crewe", "south-cheshire-chamber", Role.MEMBER),
        ],
    }
    return {
        slug: [
            Seat(
                name,
                title,
                organisation,
                role,
                starts_on=groups[slug]["starts_on"],
                ends_on=groups[slug]["ends_on"],
            )
            for name, title, organisation, role in seats
        ]
        for slug, seats in members.items()
    }


VOLUNTARY = {
    "Crewe and Nantwich": "Joyce Adeyemi",
    "Macclesfield": "Ian Threlfall",
    "Congleton": "Beverley Sutton",
}

TOWNS = {
    # town: (chair, the organisation the chair represents, town clerk)
    "Crewe": ("Raj Bhatti", "south-cheshire-chamber", "Elaine Moss"),
    "Nantwich": ("Philippa Grey", "nantwich-town-council", "Tom Beddows"),
    "Alsager": ("Graham Tilley", "alsager-town-council", "Natalie Shore"),
    "Macclesfield": ("Ayesha Rahman", "vcs-congress", "Neil Pownall"),
    "Wilmslow": ("Fiona Mackay", "south-cheshire-chamber", "Richard Hewitt"),
    "Knutsford": ("Lucy Stanton", "knutsford-town-council", "Mark Egerton"),
    "Poynton": ("Derek Moorcroft", "poynton-town-council", "Sian Roberts"),
    "Congleton": ("Paula Hendry", "congleton-town-council", "Jonathan Ash"),
    "Sandbach": ("Kwame Mensah", "south-cheshire-chamber", "Rachel Dunn"),
}

#: Officers the Area Management Groups invite (by slug in ``meeting_data``); not
#: members of any body.
INVITEES = [
    ("Colin Ashworth", "Service Manager, Highways, Cheshire East Council"),
    ("Denise Farrell", "Community Safety Manager, Cheshire East Council"),
    ("Lee Parry", "Neighbourhood Sergeant, Cheshire Constabulary"),
    ("Yvonne Marsden", "Housing Options Manager, Cheshire East Council"),
    ("Hannah Cole", "Participatory Budgeting Lead, Cheshire East Council"),
]

INTERESTS = [
    # (person slug, type, organisation slug, description, registered on)
    (
        "raj-bhatti",
        InterestType.BUSINESS,
        None,
        "Owner of a café on Crewe's Market Street",
        STRUCTURE_FROM,
    ),
    (
        "joyce-adeyemi",
        InterestType.PERSONAL,
        None,
        "Trustee of Crewe Community Allotments",
        STRUCTURE_FROM,
    ),
    (
        "janet-whitlow",
        InterestType.ORGANISATIONAL,
        "healthwatch-cheshire-east",
        "Chair of Healthwatch Cheshire East, funded by the council under contract",
        STRUCTURE_FROM,
    ),
    (
        "gareth-lloyd",
        InterestType.ORGANISATIONAL,
        "south-cheshire-college",
        "Principal of South Cheshire College, a provider of adult learning and apprenticeships",
        STRUCTURE_FROM,
    ),
    (
        "kwame-mensah",
        InterestType.FINANCIAL,
        None,
        "Director of an events company that has run Sandbach's markets",
        STRUCTURE_FROM,
    ),
]


def _person(name: str, title: str) -> Person:
    slug = slugify(name)
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        person = services.person_save(
            person=Person(
                name=name,
                slug=slug,
                public_title=title,
                is_illustrative=True,
                # Private (officers only), at the domain kept for examples, as in
                # ``partnership_data``: what PACE sends them goes nowhere.
                email=f"{slug}@example.org",
            )
        )
    return person


@transaction.atomic
def load() -> dict[str, int]:
    """Top up the structure's members (after ``partnership_data.load``). Returns
    counts of what exists."""
    orgs = {org.slug: org for org in Organisation.objects.all()}
    for slug, name, sector in ORGANISATIONS:
        if slug not in orgs:
            orgs[slug] = Organisation.objects.create(slug=slug, name=name, sector=sector)
    bodies = Body.objects.in_bulk(field_name="slug")
    names = Names(parity=1)
    for body_slug, seats in _seats().items():
        body = bodies[body_slug]
        held = set(Membership.objects.filter(body=body).values_list("person__slug", flat=True))
        for seat in seats:
            # A seat whose present holder is seated is done, those before included.
            if slugify(seat.person) in held:
                continue
            for term in terms(
                body=body_slug,
                holder=seat.person,
                starts_on=seat.starts_on,
                ends_on=seat.ends_on,
                names=names,
            ):
                person = _person(term.name, seat.title)
                if person.slug in held:
                    continue
                held.add(person.slug)
                services.membership_save(
                    membership=Membership(
                        person=person,
                        body=body,
                        role=seat.role,
                        starts_on=term.starts_on,
                        ends_on=term.ends_on,
                        organisation=orgs[seat.organisation] if seat.organisation else None,
                    )
                )
    for name, title in INVITEES:
        _person(name, title)
    for slug, quorum in QUORUMS.items():  # for bodies made before quorums were
        body = bodies[slug]
        if body.quorum is None:
            body.quorum = quorum
            services.body_save(body=body)
    people = Person.objects.in_bulk([i[0] for i in INTERESTS], field_name="slug")
    registered = set(
        RegisteredInterest.objects.filter(person__in=people.values()).values_list(
            "person__slug", "description"
        )
    )
    for slug, kind, organisation, description, since in INTERESTS:
        if (slug, description) in registered:
            continue
        services.registered_interest_save(
            interest=RegisteredInterest(
                person=people[slug],
                interest_type=kind,
                organisation=orgs[organisation] if organisation else None,
                description=description,
                registered_on=since,
            )
        )
    return {
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
    }
