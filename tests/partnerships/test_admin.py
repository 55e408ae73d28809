"""The officers' admin goes through the same services and rules as everything else."""

import pytest

from partnerships.models import Body, BodyKind, Membership, Organisation, Sector

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    client.force_login(f.officer())
    return client


def test_officer_opens_every_partnerships_admin_page(officer_client):
    bodies = f.area()
    f.member(bodies["amg"])
    for url in (
        "/admin/",
        "/admin/partnerships/body/",
        f"/admin/partnerships/body/{bodies['amg'].pk}/change/",
        "/admin/partnerships/body/add/",
        "/admin/partnerships/membership/",
        "/admin/partnerships/membership/add/",
        "/admin/partnerships/person/",
        "/admin/partnerships/organisation/",
        "/admin/partnerships/meeting/",
        "/admin/partnerships/meeting/add/",
        "/admin/partnerships/declaration/",
        "/admin/partnerships/accountabilitylink/",
    ):
        assert officer_client.get(url).status_code == 200, url


def test_board_members_cannot_reach_the_admin(client):
    amg = f.area()["amg"]
    someone = f.person(with_login=True)
    f.member(amg, someone)
    client.force_login(someone.user)
    response = client.get("/admin/partnerships/body/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_add_body_under_the_wrong_kind_shows_the_rule(officer_client):
    leaders = f.body(BodyKind.LEADERS_BOARD)
    response = officer_client.post(
        "/admin/partnerships/body/add/",
        {
            "name": "Crewe Town Partnership",
            "slug": "crewe-town",
            "kind": BodyKind.TOWN_PARTNERSHIP,
            "parent": leaders.pk,
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
            "links_out-TOTAL_FORMS": 0,
            "links_out-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "must be accountable to Area Board" in response.content.decode()
    assert not Body.objects.filter(slug="crewe-town").exists()


def move(client, body, target, position="last-child"):
    return client.post(
        "/admin/partnerships/body/",
        {"cmd": "move_node", "cut_item": body.pk, "pasted_on": target.pk, "position": position},
    )


def test_drag_and_drop_moves_through_the_service(officer_client):
    bodies = f.area()
    other_board = f.body(BodyKind.AREA_BOARD, bodies["leaders"])
    town = f.body(BodyKind.TOWN_PARTNERSHIP, bodies["area_board"])
    response = move(officer_client, town, other_board)
    assert response.content == b"OK, moved."
    town.refresh_from_db()
    assert town.parent == other_board
    # A loop and a kind that does not fit are both refused, and nothing moves.
    assert move(officer_client, bodies["area_board"], bodies["amg"]).content.startswith(b"FAIL")
    assert move(officer_client, town, bodies["leaders"]).content.startswith(b"FAIL")
    assert move(officer_client, town, other_board, "sideways").content.startswith(b"FAIL")
    town.refresh_from_db()
    bodies["area_board"].refresh_from_db()
    assert town.parent == other_board and bodies["area_board"].parent == bodies["leaders"]


def membership_post(body, person, role="member", organisation=None):
    return {
        "person": person.pk,
        "body": body.pk,
        "role": role,
        "organisation": organisation.pk if organisation else "",
        "starts_on": "2020-01-01",
        "ends_on": "",
    }


def test_admin_refuses_the_eleventh_member_and_a_council_chair(officer_client):
    amg = f.area()["amg"]
    for _ in range(10):
        f.member(amg)
    response = officer_client.post(
        "/admin/partnerships/membership/add/", membership_post(amg, f.person())
    )
    assert response.status_code == 200
    assert "at most 10" in response.content.decode()
    assert Membership.objects.filter(body=amg).count() == 10

    amg2 = f.area(f.body(BodyKind.LEADERS_BOARD))["amg"]
    response = officer_client.post(
        "/admin/partnerships/membership/add/",
        membership_post(amg2, f.person(), role="chair", organisation=f.council()),
    )
    assert "not Cheshire East Council" in response.content.decode()
    assert not Membership.objects.filter(body=amg2).exists()


def test_adding_a_member_in_the_admin_grants_permissions(officer_client):
    amg = f.area()["amg"]
    someone = f.person(with_login=True)
    police = Organisation.objects.create(name="Police", slug="police", sector=Sector.EMERGENCY)
    response = officer_client.post(
        "/admin/partnerships/membership/add/", membership_post(amg, someone, "chair", police)
    )
    assert response.status_code == 302
    assert someone.user.has_perm("partnerships.manage_plans", amg)


def test_inline_memberships_are_checked_together(officer_client):
    amg = f.area()["amg"]
    for _ in range(9):
        f.member(amg)
    people = [f.person(), f.person()]
    data = {
        "name": amg.name,
        "slug": amg.slug,
        "kind": amg.kind,
        "parent": amg.parent_id,
        "memberships-TOTAL_FORMS": 2,
        "memberships-INITIAL_FORMS": 0,
        "links_out-TOTAL_FORMS": 0,
        "links_out-INITIAL_FORMS": 0,
    }
    for i, who in enumerate(people):
        data.update(
            {
                f"memberships-{i}-person": who.pk,
                f"memberships-{i}-role": "member",
                f"memberships-{i}-starts_on": "2020-01-01",
            }
        )
    response = officer_client.post(f"/admin/partnerships/body/{amg.pk}/change/", data)
    assert response.status_code == 200
    assert "an Area Management Group has at most 10" in response.content.decode()
    # The message is on the row that broke the rule, the eleventh member, not on a
    # hidden field or only at the top of the page.
    (memberships,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Membership
    ]
    first, second = memberships.forms
    assert not first.errors
    assert "at most 10" in " ".join(second.non_field_errors())
    assert Membership.objects.filter(body=amg).count() == 9


def test_a_second_chair_on_the_page_is_refused_on_its_row(officer_client):
    board = f.area()["area_board"]
    data = {
        "name": board.name,
        "slug": board.slug,
        "kind": board.kind,
        "parent": board.parent_id,
        "memberships-TOTAL_FORMS": 2,
        "memberships-INITIAL_FORMS": 0,
        "links_out-TOTAL_FORMS": 0,
        "links_out-INITIAL_FORMS": 0,
    }
    for i, who in enumerate([f.person("Ada Chair"), f.person("Bea Chair")]):
        data.update(
            {
                f"memberships-{i}-person": who.pk,
                f"memberships-{i}-role": "chair",
                f"memberships-{i}-starts_on": "2020-01-01",
            }
        )
    response = officer_client.post(f"/admin/partnerships/body/{board.pk}/change/", data)
    (memberships,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is Membership
    ]
    assert not memberships.forms[0].errors
    assert "already has a chair" in memberships.forms[1].errors["role"][0]
    assert "Ada Chair" in memberships.forms[1].errors["role"][0]
    assert not Membership.objects.filter(body=board).exists()


def test_admin_adds_a_declaration_at_a_meeting(officer_client):
    """The declarations' own add page asks for the meeting (it once left it out, and
    saving failed with a server error)."""
    import datetime

    from django.utils import timezone

    from partnerships.models import Declaration, Meeting

    board = f.body(BodyKind.LEADERS_BOARD)
    who = f.person()
    meeting = Meeting.objects.create(
        body=board, title="Leaders Board", starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    data = {"person": who.pk, "interest_type": "personal", "description": "A governor."}
    response = officer_client.post("/admin/partnerships/declaration/add/", data)
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not Declaration.objects.exists()
    response = officer_client.post(
        "/admin/partnerships/declaration/add/", {**data, "meeting": meeting.pk}
    )
    assert response.status_code == 302
    assert Declaration.objects.get().meeting == meeting
