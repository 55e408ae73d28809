"""Small builders for partnership records, going through the same services as the
site so the rules apply."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from partnerships import services
from partnerships.models import Body, BodyKind, Membership, Organisation, Person, Role, Sector

_seq = itertools.count(1)
START = datetime.date(2020, 1, 1)


def organisation(
    name: str | None = None, *, sector=Sector.PUBLIC, is_council=False
) -> Organisation:
    name = name or f"Organisation {next(_seq)}"
    return Organisation.objects.create(
        name=name, slug=slugify(name), sector=sector, is_council=is_council
    )


def council() -> Organisation:
    return Organisation.objects.filter(is_council=True).first() or organisation(
        "Cheshire East Council", is_council=True
    )


def body(
    kind=BodyKind.LEADERS_BOARD, parent: Body | None = None, name: str | None = None, **fields
) -> Body:
    name = name or f"{BodyKind(kind).label} {next(_seq)}"
    if kind == BodyKind.WORKING_GROUP:
        fields.setdefault("ends_on", datetime.date(2030, 3, 31))
    return services.body_create(name=name, slug=slugify(name), kind=kind, parent=parent, **fields)


def area(leaders: Body | None = None) -> dict[str, Body]:
    """A Leaders Board (or the one given) with an Area Board and its Area Management Group."""
    leaders = leaders or body(BodyKind.LEADERS_BOARD)
    board = body(BodyKind.AREA_BOARD, leaders)
    return {
        "leaders": leaders,
        "area_board": board,
        "amg": body(BodyKind.AREA_MANAGEMENT_GROUP, board),
        "assembly": body(BodyKind.AREA_ASSEMBLY, board),
    }


def person(name: str | None = None, *, with_login: bool = False) -> Person:
    name = name or f"Person {next(_seq)}"
    user = None
    if with_login:
        user = get_user_model().objects.create_user(
            username=slugify(name), password="pw-for-tests-only"
        )
    return Person.objects.create(name=name, slug=slugify(name), user=user)


def member(
    on: Body,
    who: Person | None = None,
    *,
    role=Role.MEMBER,
    organisation_: Organisation | None = None,
    starts_on: datetime.date = START,
    ends_on: datetime.date | None = None,
) -> Membership:
    return services.membership_save(
        membership=Membership(
            person=who or person(),
            body=on,
            role=role,
            organisation=organisation_,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    )


def officer():
    from django.contrib.auth.models import Group

    from pace.core.roles import OFFICERS_GROUP, officers_group_sync

    officers_group_sync()
    user = get_user_model().objects.create_user(
        username=f"officer{next(_seq)}", password="pw-for-tests-only", is_staff=True
    )
    user.groups.add(Group.objects.get(name=OFFICERS_GROUP))
    return user
