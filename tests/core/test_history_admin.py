"""Every admin that keeps history shows it: the History page of a record, and the
list of deleted records, with the number of queries pinned and not growing with
the number of records."""

import pytest
from django.contrib import admin
from django.utils import timezone

from pace.core.history_admin import HistoryAdmin
from partnerships.models import AgendaItem, Body, BodyKind, Meeting
from tests.example_snapshot import load_example
from tests.partnerships import factories as pf

pytestmark = pytest.mark.django_db

#: The deleted records page: the session, the user, the officer's permissions (2),
#: the deleted rows with who deleted them (one query, whatever their number).
DELETED_PAGE = 5
#: A meeting's History page: session, user, the officer's permissions (2), the
#: meeting, its history (count and page, with each version's related objects
#: joined), the user model's content type, and one query for each kind of record
#: edited on its page (agenda items, declarations), with who changed them joined.
MEETING_HISTORY_PAGE = 10


@pytest.fixture
def officer_client(client):
    client.force_login(pf.officer())
    return client


def test_every_history_admin_page_opens_on_the_example_data(client):
    """As an officer; and whistle-blowing reports, which officers read only with their
    own grant of the permission, as one who holds it."""
    from django.contrib.auth.models import Permission

    load_example()  # before the officer is made: it replaces every row
    officer = pf.officer()
    officer.user_permissions.add(
        Permission.objects.get(
            codename="handle_whistleblowing", content_type__app_label="protocols"
        )
    )
    client.force_login(officer)
    opened = 0
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, HistoryAdmin):
            continue
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}"
        assert client.get(f"{base}/deleted/").status_code == 200, model
        record = model.history.order_by("history_id").first()
        if record is None:
            continue
        pk = getattr(record, opts.pk.attname)
        assert client.get(f"{base}/{pk}/history/").status_code == 200, model
        assert client.get(f"{base}/{pk}/history/{record.history_id}/").status_code == 200, model
        opened += 1
    assert opened >= 25


def test_a_board_member_cannot_see_history_or_deleted_records(client):
    amg = pf.area()["amg"]
    someone = pf.person(with_login=True)
    pf.member(amg, someone)
    client.force_login(someone.user)
    for url in (
        f"/admin/partnerships/body/{amg.pk}/history/",
        "/admin/partnerships/body/deleted/",
        f"/admin/partnerships/body/{amg.pk}/history/{amg.history.get().history_id}/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def _delete_bodies(leaders, n: int) -> None:
    for _ in range(n):
        from partnerships import services

        services.body_delete(body=pf.body(BodyKind.WORKING_GROUP, leaders))


def test_the_deleted_records_page_costs_the_same_for_few_and_many(
    officer_client, django_assert_max_num_queries
):
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    _delete_bodies(leaders, 2)
    with django_assert_max_num_queries(DELETED_PAGE):
        few = officer_client.get("/admin/partnerships/body/deleted/")
    _delete_bodies(leaders, 30)
    with django_assert_max_num_queries(DELETED_PAGE):
        many = officer_client.get("/admin/partnerships/body/deleted/")
    assert few.content.decode().count("Task and finish working group") == 2
    assert many.content.decode().count("Task and finish working group") == 32


def test_a_history_page_with_inline_changes_costs_the_same_for_few_and_many(
    officer_client, django_assert_max_num_queries
):
    meeting = Meeting.objects.create(
        body=pf.body(BodyKind.LEADERS_BOARD), title="Board", starts_at=timezone.now()
    )

    def add_items(start: int, n: int) -> None:
        for position in range(start, start + n):
            AgendaItem.objects.create(meeting=meeting, position=position, title=f"Item {position}")

    add_items(1, 2)
    url = f"/admin/partnerships/meeting/{meeting.pk}/history/"
    with django_assert_max_num_queries(MEETING_HISTORY_PAGE):
        few = officer_client.get(url)
    add_items(3, 40)
    with django_assert_max_num_queries(MEETING_HISTORY_PAGE):
        many = officer_client.get(url)
    assert few.content.decode().count("Item ") == 2
    assert many.content.decode().count("Item ") == 42
    assert Body.objects.count() == 1
