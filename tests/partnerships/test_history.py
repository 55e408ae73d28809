"""Audit history of the partnership structure: who changed what and when, in the
admin; restore from history (bodies back into the tree through the tree service);
deleting a body that others depend on is refused with a message."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from partnerships.models import AgendaItem, Body, BodyKind, Meeting, Membership

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return f.officer()


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def tree_state():
    return list(
        Body.objects.order_by("pk").values_list(
            "pk", "parent_id", "lft", "rght", "level", "tree_id"
        )
    )


def assert_tree_consistent():
    """The stored tree equals the one django-mptt rebuilds from the parents."""
    stored = tree_state()
    Body.objects.rebuild()
    assert tree_state() == stored


def body_form(body, **changes):
    data = {
        "name": body.name,
        "slug": body.slug,
        "kind": body.kind,
        "parent": body.parent_id or "",
        "remit": body.remit,
        "area_name": body.area_name,
        "starts_on": "",
        "ends_on": "",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
        "links_out-TOTAL_FORMS": 0,
        "links_out-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


def test_an_admin_edit_records_who_changed_what(officer_client, officer):
    amg = f.area()["amg"]
    response = officer_client.post(
        f"/admin/partnerships/body/{amg.pk}/change/",
        body_form(amg, remit="Runs the Local Area Partnership day to day."),
    )
    assert response.status_code == 302
    latest = amg.history.latest()
    assert latest.history_type == "~" and latest.history_user == officer
    assert latest.remit == "Runs the Local Area Partnership day to day."
    delta = latest.diff_against(latest.prev_record)
    assert delta.changed_fields == ["remit"]
    # The History page shows the change and who made it.
    page = officer_client.get(f"/admin/partnerships/body/{amg.pk}/history/").content.decode()
    assert "Runs the Local Area Partnership day to day." in page and officer.username in page


def test_an_unchanged_form_sent_again_records_nothing(officer_client):
    amg = f.area()["amg"]
    before = amg.history.count()
    response = officer_client.post(f"/admin/partnerships/body/{amg.pk}/change/", body_form(amg))
    assert response.status_code == 302
    assert amg.history.count() == before
    officer_client.post(f"/admin/partnerships/body/{amg.pk}/change/", body_form(amg, remit="New"))
    assert amg.history.count() == before + 1


def test_memberships_edited_inline_keep_their_history_with_the_user(officer_client, officer):
    amg = f.area()["amg"]
    someone = f.person(with_login=True)
    data = body_form(amg)
    data.update(
        {
            "memberships-TOTAL_FORMS": 1,
            "memberships-0-person": someone.pk,
            "memberships-0-role": "member",
            "memberships-0-starts_on": "2020-01-01",
        }
    )
    response = officer_client.post(f"/admin/partnerships/body/{amg.pk}/change/", data)
    assert response.status_code == 302
    membership = Membership.objects.get(body=amg, person=someone)
    created = membership.history.get()
    assert created.history_type == "+" and created.history_user == officer
    # The body's History page lists the changes to its memberships.
    page = officer_client.get(f"/admin/partnerships/body/{amg.pk}/history/").content.decode()
    assert "Changes to its memberships" in page and someone.name in page


def test_a_service_write_outside_a_request_has_no_user():
    amg = f.area()["amg"]
    record = amg.history.latest()
    assert record.history_type == "+" and record.history_user is None


def test_retiring_a_body_keeps_its_history():
    amg = f.area()["amg"]
    amg.remit = "Before it ended"
    services.body_save(body=amg)
    amg.ends_on = datetime.date(2021, 3, 31)
    services.body_save(body=amg)
    versions = list(amg.history.order_by("history_date", "history_id"))
    assert [v.history_type for v in versions] == ["+", "~", "~"]
    assert versions[1].remit == "Before it ended" and versions[1].ends_on is None
    assert versions[2].ends_on == datetime.date(2021, 3, 31)
    assert Body.objects.filter(pk=amg.pk).exists()


def test_deleting_a_body_with_dependents_is_refused_and_nothing_is_deleted():
    bodies = f.area()
    f.member(bodies["amg"])
    with pytest.raises(ValidationError) as refused:
        services.body_delete(body=bodies["amg"])
    assert refused.value.code == "protected"
    assert "memberships" in refused.value.messages[0]
    link_from = bodies["assembly"]
    services.body_save(body=link_from)
    from partnerships.models import AccountabilityLink

    AccountabilityLink.objects.create(
        from_body=link_from, to_body=bodies["area_board"], description="Reports to"
    )
    with pytest.raises(ValidationError, match="relations between bodies"):
        services.body_delete(body=link_from)
    with pytest.raises(ValidationError, match="accountable to it"):
        services.body_delete(body=bodies["leaders"])
    assert Body.objects.count() == 4 and Membership.objects.count() == 1
    assert not Body.history.filter(history_type="-").exists()


def test_the_admin_refuses_to_delete_a_body_with_dependents_with_a_message(officer_client):
    bodies = f.area()
    f.member(bodies["amg"])
    url = f"/admin/partnerships/body/{bodies['amg'].pk}/delete/"
    page = officer_client.get(url)
    assert page.status_code == 200 and "would require deleting" in page.content.decode()
    response = officer_client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert Body.objects.filter(pk=bodies["amg"].pk).exists()


def test_the_admin_shows_a_message_when_the_service_refuses(officer_client, monkeypatch):
    """A refusal the admin's own check cannot see (a many-to-many link, or a record
    added between the confirmation page and the delete) is a message, not a 500."""
    working_group = f.body(BodyKind.WORKING_GROUP, f.body(BodyKind.LEADERS_BOARD))

    def refuse(*, body):
        raise ValidationError("%(b)s cannot be deleted while it has reports.", params={"b": body})

    monkeypatch.setattr(services, "body_delete", refuse)
    response = officer_client.post(
        f"/admin/partnerships/body/{working_group.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert "cannot be deleted while it has reports" in response.content.decode()
    assert Body.objects.filter(pk=working_group.pk).exists()


def test_the_bulk_delete_counts_only_what_it_deleted_and_logs_only_that(
    officer_client, monkeypatch
):
    """ "Delete selected" with one body that may go and one the service refuses (for a
    reason the admin's own check cannot see): the refusal is named, the success
    message counts one, and only the deleted body is in the admin's log."""
    from django.contrib.admin.models import DELETION, LogEntry

    leaders = f.body(BodyKind.LEADERS_BOARD)
    loose = f.body(BodyKind.WORKING_GROUP, leaders, name="Loose working group")
    busy = f.body(BodyKind.WORKING_GROUP, leaders, name="Busy group")
    real_delete = services.body_delete

    def refuse_busy(*, body):
        if body.pk == busy.pk:
            raise ValidationError("%(b)s has reports.", params={"b": body.name})
        real_delete(body=body)

    monkeypatch.setattr(services, "body_delete", refuse_busy)
    url = "/admin/partnerships/body/"
    chosen = {"action": "delete_selected", "_selected_action": [loose.pk, busy.pk]}
    confirm = officer_client.post(url, chosen)
    assert confirm.status_code == 200 and "Are you sure" in confirm.content.decode()
    response = officer_client.post(url, {**chosen, "post": "yes"}, follow=True)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Busy group has reports." in text
    assert "Deleted 1 body. 1 could not be deleted" in text
    assert "Successfully deleted" not in text
    assert not Body.objects.filter(pk=loose.pk).exists()
    assert Body.objects.filter(pk=busy.pk).exists()
    logged = LogEntry.objects.filter(action_flag=DELETION).values_list("object_id", flat=True)
    assert list(logged) == [str(loose.pk)]


def test_a_deleted_body_is_restored_into_the_tree_through_the_service():
    bodies = f.area()
    towns = [f.body(BodyKind.TOWN_PARTNERSHIP, bodies["area_board"]) for _ in range(3)]
    middle = towns[1]
    middle.remit = "Crewe's town partnership"
    middle.area_name = "Crewe"
    services.body_save(body=middle)
    services.body_delete(body=middle)
    assert not Body.objects.filter(pk=middle.pk).exists()
    assert_tree_consistent()
    # Bodies added after the delete shift the tree; the restore must fit in.
    f.body(BodyKind.AREA_BOARD, bodies["leaders"])
    last_version = Body.history.filter(id=middle.pk, history_type="-").get()
    restored = services.body_restore(record=last_version)
    assert restored.pk == middle.pk
    restored = Body.objects.get(pk=middle.pk)
    assert (restored.name, restored.remit, restored.area_name) == (
        middle.name,
        "Crewe's town partnership",
        "Crewe",
    )
    assert restored.parent == bodies["area_board"] and restored.is_leaf_node()
    assert_tree_consistent()
    assert restored.history.latest().history_type == "+"


def test_reverting_a_body_to_an_earlier_parent_moves_it_in_the_tree():
    bodies = f.area()
    other_board = f.body(BodyKind.AREA_BOARD, bodies["leaders"])
    town = f.body(BodyKind.TOWN_PARTNERSHIP, bodies["area_board"])
    first = town.history.get()
    services.body_move(body=town, target=other_board)
    f.body(BodyKind.TOWN_PARTNERSHIP, other_board)
    services.body_restore(record=first)
    town.refresh_from_db()
    assert town.parent == bodies["area_board"]
    assert_tree_consistent()


def test_a_restore_that_no_longer_fits_the_tree_is_refused():
    bodies = f.area()
    town = f.body(BodyKind.TOWN_PARTNERSHIP, bodies["area_board"])
    record = town.history.get()
    services.body_delete(body=town)
    # Its parent is an Area Management Group now; a town partnership cannot sit there.
    record.parent_id = bodies["amg"].pk
    with pytest.raises(ValidationError, match="cannot sit under"):
        services.body_restore(record=record)
    assert not Body.objects.filter(pk=town.pk).exists()
    assert_tree_consistent()


def test_the_admin_lists_deleted_bodies_and_restores_one(officer_client, officer):
    bodies = f.area()
    town = f.body(BodyKind.TOWN_PARTNERSHIP, bodies["area_board"], name="Sandbach Town")
    town_pk = town.pk
    response = officer_client.post(
        f"/admin/partnerships/body/{town_pk}/delete/", {"post": "yes"}, follow=True
    )
    assert response.status_code == 200 and not Body.objects.filter(pk=town_pk).exists()
    deletion = Body.history.get(id=town_pk, history_type="-")
    assert deletion.history_user == officer
    changelist = officer_client.get("/admin/partnerships/body/").content.decode()
    assert "/admin/partnerships/body/deleted/" in changelist
    deleted_page = officer_client.get("/admin/partnerships/body/deleted/").content.decode()
    assert "Sandbach Town" in deleted_page
    assert f"/admin/partnerships/body/{town_pk}/history/" in deleted_page
    history_page = officer_client.get(f"/admin/partnerships/body/{town_pk}/history/")
    assert history_page.status_code == 200
    revert_url = f"/admin/partnerships/body/{town_pk}/history/{deletion.history_id}/"
    form = officer_client.get(revert_url)
    assert form.status_code == 200 and "Sandbach Town" in form.content.decode()
    response = officer_client.post(
        revert_url, body_form(town, parent=bodies["area_board"].pk, starts_on="", ends_on="")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    restored = Body.objects.get(pk=town_pk)
    assert restored.name == "Sandbach Town" and restored.parent == bodies["area_board"]
    assert restored.history.latest().history_user == officer
    assert_tree_consistent()
    after = officer_client.get("/admin/partnerships/body/deleted/").content.decode()
    assert "No bodies have been deleted." in after


def test_a_deleted_agenda_item_is_restored_from_its_meetings_history(officer_client, officer):
    from django.utils import timezone

    body = f.body(BodyKind.LEADERS_BOARD)
    meeting = Meeting.objects.create(body=body, title="Board", starts_at=timezone.now())
    item = AgendaItem.objects.create(
        meeting=meeting, position=2, title="Town centre plan", papers="Paper A", minutes="Agreed"
    )
    item_pk = item.pk
    item.delete()
    page = officer_client.get(f"/admin/partnerships/meeting/{meeting.pk}/history/")
    assert "Changes to its agenda items" in page.content.decode()
    assert f"/admin/partnerships/agendaitem/{item_pk}/history/" in page.content.decode()
    deletion = AgendaItem.history.get(id=item_pk, history_type="-")
    revert_url = f"/admin/partnerships/agendaitem/{item_pk}/history/{deletion.history_id}/"
    response = officer_client.post(
        revert_url,
        {
            "meeting": meeting.pk,
            "position": 2,
            "title": "Town centre plan",
            "papers": "Paper A",
            "minutes": "Agreed",
        },
    )
    assert response.status_code == 302
    restored = AgendaItem.objects.get(pk=item_pk)
    assert (restored.title, restored.papers, restored.minutes) == (
        "Town centre plan",
        "Paper A",
        "Agreed",
    )
    assert restored.history.latest().history_user == officer


def test_every_edited_partnerships_record_keeps_history():
    from django.apps import apps

    for name in (
        "Body",
        "Organisation",
        "Person",
        "Membership",
        "AccountabilityLink",
        "Meeting",
        "AgendaItem",
        "Declaration",
    ):
        assert hasattr(apps.get_model("partnerships", name), "history"), name
