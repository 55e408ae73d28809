"""Membership rules and the permissions that follow membership."""

import datetime
import io

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management import call_command
from django.utils.timezone import localdate as today

from partnerships import services
from partnerships.access import BodyAccess
from partnerships.models import BodyKind, Membership, Role, Sector

from . import factories as f

pytestmark = pytest.mark.django_db


def test_eleventh_current_member_of_an_area_management_group_is_refused():
    amg = f.area()["amg"]
    for _ in range(10):
        f.member(amg)
    with pytest.raises(ValidationError) as excinfo:
        f.member(amg)
    assert "at most 10" in excinfo.value.message_dict[NON_FIELD_ERRORS][0]
    assert Membership.objects.filter(body=amg).count() == 10


def test_a_member_who_left_frees_a_seat_on_the_area_management_group():
    amg = f.area()["amg"]
    seats = [f.member(amg) for _ in range(10)]
    services.membership_end(membership=seats[0], on=today() - datetime.timedelta(days=1))
    f.member(amg, starts_on=today())
    assert Membership.objects.filter(body=amg).current().count() == 10
    # ...but not for a period that overlaps the leaver's time.
    with pytest.raises(ValidationError):
        f.member(amg, starts_on=f.START)


def test_other_bodies_have_no_ten_member_limit():
    board = f.area()["area_board"]
    for _ in range(11):
        f.member(board)
    assert Membership.objects.filter(body=board).count() == 11


def test_area_management_group_chair_from_the_council_is_refused():
    amg = f.area()["amg"]
    with pytest.raises(ValidationError) as excinfo:
        f.member(amg, role=Role.CHAIR, organisation_=f.council())
    assert "not Cheshire East Council" in excinfo.value.message_dict["organisation"][0]
    with pytest.raises(ValidationError) as excinfo:
        f.member(amg, role=Role.CHAIR)
    assert "partner organisation" in excinfo.value.message_dict["organisation"][0]
    police = f.organisation("Cheshire Constabulary", sector=Sector.EMERGENCY)
    chair = f.member(amg, role=Role.CHAIR, organisation_=police)
    assert chair.pk and chair.role == Role.CHAIR
    # A council officer may still sit on the group, just not chair it.
    assert f.member(amg, organisation_=f.council()).pk


def test_council_may_chair_other_bodies():
    leaders = f.body(BodyKind.LEADERS_BOARD)
    assert f.member(leaders, role=Role.CHAIR, organisation_=f.council()).pk


def test_one_current_chair_per_body():
    leaders = f.body(BodyKind.LEADERS_BOARD)
    first = f.member(leaders, role=Role.CHAIR)
    with pytest.raises(ValidationError) as excinfo:
        f.member(leaders, role=Role.CHAIR)
    assert "already has a chair" in excinfo.value.message_dict["role"][0]
    services.membership_end(membership=first, on=datetime.date(2021, 12, 31))
    second = f.member(leaders, role=Role.CHAIR, starts_on=datetime.date(2022, 1, 1))
    assert second.pk


def test_same_person_cannot_hold_two_overlapping_seats_on_one_body():
    leaders = f.body(BodyKind.LEADERS_BOARD)
    someone = f.person()
    f.member(leaders, someone)
    with pytest.raises(ValidationError, match="already a member"):
        f.member(leaders, someone, role=Role.VICE_CHAIR)


def test_membership_cannot_end_before_it_starts():
    leaders = f.body(BodyKind.LEADERS_BOARD)
    with pytest.raises(ValidationError) as excinfo:
        f.member(leaders, starts_on=datetime.date(2020, 5, 1), ends_on=datetime.date(2020, 4, 1))
    assert "on or after the start date" in excinfo.value.message_dict["ends_on"][0]
    assert not Membership.objects.exists()


def test_joining_grants_and_leaving_revokes_the_body_permissions():
    bodies = f.area()
    amg = bodies["amg"]
    someone = f.person(with_login=True)
    user = someone.user
    assert not user.has_perm("partnerships.see_confidential", amg)
    seat = f.member(amg, someone)
    user = type(user).objects.get(pk=user.pk)
    assert user.has_perm("partnerships.see_confidential", amg)
    assert user.has_perm("partnerships.manage_plans", amg)
    assert not user.has_perm("partnerships.manage_plans", bodies["area_board"])
    # No model-level permission: guardian's global permissions would open every body.
    assert not user.has_perm("partnerships.see_confidential")
    services.membership_end(membership=seat, on=today() - datetime.timedelta(days=1))
    user = type(user).objects.get(pk=user.pk)
    assert not user.has_perm("partnerships.see_confidential", amg)
    assert not user.has_perm("partnerships.manage_plans", amg)


def test_membership_ending_on_a_date_is_revoked_by_the_daily_sync():
    amg = f.area()["amg"]
    someone = f.person(with_login=True)
    seat = f.member(amg, someone, ends_on=today() + datetime.timedelta(days=30))
    assert someone.user.has_perm("partnerships.manage_plans", amg)
    # Time passes: the record says the seat ended yesterday, nothing was saved since.
    Membership.objects.filter(pk=seat.pk).update(ends_on=today() - datetime.timedelta(days=1))
    call_command("sync_member_permissions", stdout=io.StringIO())
    user = type(someone.user).objects.get(pk=someone.user.pk)
    assert not user.has_perm("partnerships.manage_plans", amg)


def test_future_membership_grants_nothing_until_it_starts():
    amg = f.area()["amg"]
    someone = f.person(with_login=True)
    f.member(amg, someone, starts_on=today() + datetime.timedelta(days=7))
    assert not someone.user.has_perm("partnerships.see_confidential", amg)


def test_moving_a_login_between_people_moves_the_permissions():
    amg = f.area()["amg"]
    someone = f.person(with_login=True)
    f.member(amg, someone)
    user = someone.user
    someone.user = None
    services.person_save(person=someone)
    user = type(user).objects.get(pk=user.pk)
    assert not user.has_perm("partnerships.see_confidential", amg)


def test_members_see_but_do_not_manage_the_bodies_below():
    bodies = f.area()
    town = f.body(BodyKind.TOWN_PARTNERSHIP, bodies["area_board"])
    outsider_body = f.body(BodyKind.THEMATIC_BOARD, bodies["leaders"])
    someone = f.person(with_login=True)
    f.member(bodies["area_board"], someone)
    access = BodyAccess(someone.user)
    assert access.can_see_confidential(bodies["area_board"]) and access.can_manage(
        bodies["area_board"]
    )
    for below in (bodies["amg"], town):
        below.refresh_from_db()
        assert access.can_see_confidential(below)
        assert not access.can_manage(below)
    for elsewhere in (bodies["leaders"], outsider_body):
        elsewhere.refresh_from_db()
        assert not access.can_see_confidential(elsewhere)
        assert not access.can_manage(elsewhere)


def test_access_checks_cost_no_queries_after_loading(django_assert_num_queries):
    bodies = f.area()
    someone = f.person(with_login=True)
    f.member(bodies["area_board"], someone)
    every = list(type(bodies["leaders"]).objects.all())
    access = BodyAccess(someone.user)
    with django_assert_num_queries(1):  # the member's bodies, by user or group
        access.can_see_confidential(every[0])
    with django_assert_num_queries(0):
        assert [access.can_see_confidential(b) for b in every].count(True) == 3
