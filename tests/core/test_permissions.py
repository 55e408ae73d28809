"""The permissions a person holds, kept in the shared cache (pace/core/permissions.py):
an officer's next request asks no query for them, and a permission granted or taken
away, in their own name or through a group, is read on the request after."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pace.core.access import is_officer
from pace.core.roles import OFFICERS_GROUP, officers_group_sync

from ..partnerships import factories as pf

pytestmark = pytest.mark.django_db
CHANGE_BODY = "partnerships.change_body"


def _as_read_by_a_request(user):
    """The user as the next request reads them: a new object, nothing remembered."""
    return get_user_model().objects.get(pk=user.pk)


def _queries_of(check) -> tuple[bool, list[str]]:
    with CaptureQueriesContext(connection) as run:
        answer = check()
    return answer, [q["sql"] for q in run]


def test_the_next_request_asks_no_query_for_an_officers_permissions(
    kept_parts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        officer = pf.officer()
    first, asked = _queries_of(lambda: is_officer(_as_read_by_a_request(officer), CHANGE_BODY))
    assert first and any("auth_group_permissions" in sql for sql in asked)
    user = _as_read_by_a_request(officer)
    again, asked = _queries_of(lambda: is_officer(user, CHANGE_BODY))
    assert again and asked == []
    assert user.get_all_permissions() == _as_read_by_a_request(officer).get_all_permissions()


@pytest.mark.parametrize("how", ["the group", "their own"])
def test_a_permission_taken_away_is_refused_on_the_next_request(
    kept_parts, django_capture_on_commit_callbacks, how
):
    with django_capture_on_commit_callbacks(execute=True):
        officer = pf.officer()
        held = Permission.objects.get(
            content_type__app_label="partnerships", codename="change_body"
        )
        if how == "their own":
            officer.groups.clear()
            officer.user_permissions.add(held)
    for _ in range(2):  # the second from what was kept
        assert is_officer(_as_read_by_a_request(officer), CHANGE_BODY)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "the group":
            Group.objects.get(user=officer).permissions.remove(held)
        else:
            officer.user_permissions.remove(held)
    assert not is_officer(_as_read_by_a_request(officer), CHANGE_BODY)


def test_a_permission_granted_is_held_on_the_next_request(
    kept_parts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        officers_group_sync()
        user = pf.person("Staff Member", with_login=True).user
        user.is_staff = True
        user.save()
    for _ in range(2):
        assert not is_officer(_as_read_by_a_request(user), CHANGE_BODY)
    with django_capture_on_commit_callbacks(execute=True):
        user.groups.add(Group.objects.get(name=OFFICERS_GROUP))
    assert is_officer(_as_read_by_a_request(user), CHANGE_BODY)


def test_what_is_on_the_users_own_row_is_read_every_request(
    kept_parts, django_capture_on_commit_callbacks
):
    """Not active, or no longer staff: refused at once, though the permissions of
    their groups are still kept."""
    with django_capture_on_commit_callbacks(execute=True):
        officer = pf.officer()
    assert is_officer(_as_read_by_a_request(officer), CHANGE_BODY)
    get_user_model().objects.filter(pk=officer.pk).update(is_staff=False)
    assert not is_officer(_as_read_by_a_request(officer), CHANGE_BODY)
    get_user_model().objects.filter(pk=officer.pk).update(is_staff=True, is_active=False)
    assert not is_officer(_as_read_by_a_request(officer), CHANGE_BODY)
