"""A small partnership for the referrals' tests: two Area Boards under a Leaders
Board, a thematic board with an adopted plan and an action, a thematic group, and a
member with a login on each, built through the same services as the site."""

from dataclasses import dataclass

from partnerships.models import Body, BodyKind, Person, Ward
from strategy.models import Action, ActionPlan

from ..partnerships import factories as pf
from ..strategy import factories as sf


@dataclass
class World:
    leaders: Body
    area_board: Body
    other_area_board: Body
    amg: Body
    thematic: Body
    group: Body
    ward: Ward
    other_ward: Ward
    plan: ActionPlan
    action: Action
    area_member: Person
    thematic_member: Person
    leaders_member: Person
    outsider: Person

    def user(self, person: Person):
        return person.user


def world() -> World:
    bodies = pf.area()
    leaders = bodies["leaders"]
    thematic = pf.body(BodyKind.THEMATIC_BOARD, leaders, name="Health Board")
    group = pf.body(BodyKind.THEMATIC_GROUP, leaders, name="Skills Group")
    other = pf.body(BodyKind.AREA_BOARD, leaders, name="Other Area Board")
    ward = Ward.objects.create(name="Railside", slug="railside", area_board=bodies["area_board"])
    other_ward = Ward.objects.create(name="Silkmill", slug="silkmill", area_board=other)
    plan = sf.plan(thematic)
    action = sf.action(plan, title="Cooking sessions after school")
    people = {}
    for key, body in [
        ("area_member", bodies["area_board"]),
        ("thematic_member", thematic),
        ("leaders_member", leaders),
        ("outsider", other),
    ]:
        person = pf.person(f"{key.replace('_', ' ').title()} Person", with_login=True)
        person.email = f"{key}@example.org"
        person.save()
        pf.member(body, person)
        people[key] = person
    return World(
        leaders=leaders,
        area_board=bodies["area_board"],
        other_area_board=other,
        amg=bodies["amg"],
        thematic=thematic,
        group=group,
        ward=ward,
        other_ward=other_ward,
        plan=plan,
        action=action,
        **people,
    )


def referral(w: World, **fields):
    from pace.referrals import services

    fields.setdefault("from_body", w.area_board)
    fields.setdefault("to_body", w.thematic)
    fields.setdefault("title", "Healthy weight in Railside")
    fields.setdefault("need", "Children need activity sessions near home.")
    fields.setdefault("evidence", "Year 6 measurements are above the average.")
    fields.setdefault("announce", False)
    return services.referral_raise(**fields)
