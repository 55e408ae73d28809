"""Access is decided on every request from the memberships valid that day, never
from guardian's permission rows (which only a sync removes): a membership that
ended yesterday, by any write, grants nothing today, even to a member still signed
in; and permissions handed out by hand grant nothing either."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from guardian.shortcuts import assign_perm

from partnerships.models import AgendaItem, BodyUserObjectPermission, Meeting, Membership
from strategy.models import PlanStatus, ProgressUpdate, Rag

from ..strategy import factories as sf
from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def amg_world():
    return _amg_world()


def _amg_world():
    amg = f.area()["amg"]
    person = f.person("Rita Hughes", with_login=True)
    membership = f.member(amg, person)
    adopted = sf.plan(amg)
    private = sf.action(adopted, owner=person, is_public=False, title="Private action")
    draft = sf.plan(amg, status=PlanStatus.DRAFT)
    meeting = Meeting.objects.create(
        body=amg, title="Management group", starts_at=timezone.now(), is_public=True
    )
    AgendaItem.objects.create(
        meeting=meeting, position=1, title="Commercial bids in confidence", is_confidential=True
    )
    return {
        "amg": amg,
        "person": person,
        "membership": membership,
        "private": private,
        "draft": draft,
        "meeting": meeting,
    }


def _update(client, action):
    return client.post(
        f"/actions/{action.pk}/update/",
        {
            "reported_on": timezone.localdate().strftime("%d/%m/%Y"),
            "rag": Rag.GREEN,
            "narrative": "Going well.",
            "submission_key": "k1",
        },
    )


def test_a_membership_ended_by_a_bare_update_grants_nothing_on_the_next_request(client, amg_world):
    w = amg_world
    client.force_login(w["person"].user)
    assert client.get(f"/actions/{w['private'].pk}/").status_code == 200
    assert client.get(f"/plans/{w['draft'].pk}/").status_code == 200
    assert "Commercial bids in confidence" in client.get(f"/meetings/{w['meeting'].pk}/").text

    # Ended yesterday by a write that runs no service and no sync: guardian's rows
    # are still there, and the member is still signed in.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Membership.objects.filter(pk=w["membership"].pk).update(ends_on=yesterday)
    assert BodyUserObjectPermission.objects.filter(user=w["person"].user).exists()

    assert client.get(f"/actions/{w['private'].pk}/").status_code == 404
    assert client.get(f"/plans/{w['draft'].pk}/").status_code == 404
    assert client.get(f"/plans/{w['draft'].pk}.pdf").status_code == 404
    page = client.get(f"/meetings/{w['meeting'].pk}/").text
    assert "Commercial bids in confidence" not in page and "Confidential item" in page
    public = sf.action(w["private"].plan, title="Public action")
    assert _update(client, public).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_a_membership_that_starts_tomorrow_grants_nothing_today(client, amg_world):
    w = amg_world
    client.force_login(w["person"].user)  # signing in syncs guardian's rows: sign in first
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    Membership.objects.filter(pk=w["membership"].pk).update(starts_on=tomorrow)
    assert BodyUserObjectPermission.objects.filter(user=w["person"].user).exists()
    assert client.get(f"/actions/{w['private'].pk}/").status_code == 404
    assert _update(client, w["private"]).status_code == 404


def test_permissions_granted_by_hand_grant_nothing(client, amg_world):
    w = amg_world
    outsider = f.person("Olu Outsider", with_login=True)
    client.force_login(outsider.user)  # signing in syncs guardian's rows: sign in first
    assign_perm("partnerships.see_confidential", outsider.user, w["amg"])
    assign_perm("partnerships.manage_plans", outsider.user, w["amg"])
    assert client.get(f"/actions/{w['private'].pk}/").status_code == 404
    assert client.get(f"/plans/{w['draft'].pk}/").status_code == 404
    assert "Commercial bids" not in client.get(f"/meetings/{w['meeting'].pk}/").text


def test_the_body_admin_has_no_door_to_hand_out_object_permissions(client, amg_world):
    client.force_login(f.officer())
    amg = amg_world["amg"]
    change = client.get(f"/admin/partnerships/body/{amg.pk}/change/").text
    assert "/permissions/" not in change
    response = client.get(f"/admin/partnerships/body/{amg.pk}/permissions/", follow=True)
    assert "Object permissions" not in response.text
    assert not response.redirect_chain or response.redirect_chain[-1][0] != (
        f"/admin/partnerships/body/{amg.pk}/permissions/"
    )


# --- With the member's bodies kept in the shared cache ---------------------------------


@pytest.fixture
def kept_world(kept_pages, django_capture_on_commit_callbacks):
    """The same world, committed, with parts of pages (the member's bodies among
    them) and whole pages kept for signed-in readers, as in production."""
    with django_capture_on_commit_callbacks(execute=True):
        return _amg_world()


def test_a_kept_member_s_bodies_grant_nothing_once_the_membership_ends(
    client, kept_world, django_capture_on_commit_callbacks
):
    w = kept_world
    client.force_login(w["person"].user)
    for _ in range(2):  # the second from what was kept
        assert client.get(f"/actions/{w['private'].pk}/").status_code == 200
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.filter(pk=w["membership"].pk).update(ends_on=yesterday)
    assert client.get(f"/actions/{w['private'].pk}/").status_code == 404
    assert "Commercial bids in confidence" not in client.get(f"/meetings/{w['meeting'].pk}/").text


def test_a_kept_member_s_bodies_are_for_the_day_they_were_read(
    client, kept_world, django_capture_on_commit_callbacks, monkeypatch
):
    w = kept_world
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.filter(pk=w["membership"].pk).update(ends_on=today)
    client.force_login(w["person"].user)
    for _ in range(2):
        assert client.get(f"/actions/{w['private'].pk}/").status_code == 200
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert client.get(f"/actions/{w['private'].pk}/").status_code == 404


def _officer_reading_the_checks(django_capture_on_commit_callbacks):
    """An officer, committed, who has read the governance checks twice: the second
    time from what was kept."""
    with django_capture_on_commit_callbacks(execute=True):
        officer = f.officer()
    client = Client()
    client.force_login(officer)
    for _ in range(2):
        assert client.get("/partnerships/checks/").status_code == 200
    return officer, client


def test_an_officer_taken_out_of_the_officers_group_is_refused_on_the_next_page(
    kept_world, django_capture_on_commit_callbacks
):
    """The permissions an officer holds are kept, by the versions of the tables of
    who holds what: taking them away shows on the next request."""
    officer, client = _officer_reading_the_checks(django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as kept:
        assert client.get("/partnerships/checks/").status_code == 200
    assert not any("auth_group_permissions" in q["sql"] for q in kept)
    with django_capture_on_commit_callbacks(execute=True):
        officer.groups.clear()
    assert client.get("/partnerships/checks/").status_code == 403


def test_an_officer_no_longer_staff_is_refused_on_the_next_page(
    kept_world, django_capture_on_commit_callbacks
):
    """Whether someone is staff is on their own row, which no version watches: it is
    part of the kept scope's key, so the kept page of staff is never theirs again."""
    from django.contrib.auth import get_user_model

    officer, client = _officer_reading_the_checks(django_capture_on_commit_callbacks)
    get_user_model().objects.filter(pk=officer.pk).update(is_staff=False)
    assert client.get("/partnerships/checks/").status_code == 403
