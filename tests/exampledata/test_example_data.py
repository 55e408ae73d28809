"""The example partnership loads, loads again without change, and its pages work."""

import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from partnerships.models import Body, BodyKind, Membership, Organisation

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list]:
    """Every row of every PACE and auth table."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_models()
        if model._meta.app_label in {*settings.PACE_DATA_APPS, "auth", "guardian"}
    }


def sign_in(client, username: str) -> None:
    """Through the sign-in form, as a person would (and as django-axes checks)."""
    response = client.post(
        "/accounts/login/", {"username": username, "password": f"pace-example-{username}"}
    )
    assert response.status_code == 302, response.content.decode()


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_example_data", *args, stdout=out)
    return out.getvalue()


def test_loads_the_cheshire_east_structure():
    load()
    leaders = Body.objects.get(kind=BodyKind.LEADERS_BOARD)
    assert leaders.is_root_node() and Body.objects.filter(parent__isnull=True).count() == 1
    assert Body.objects.filter(kind=BodyKind.TOWN_PARTNERSHIP).count() == 9
    assert Body.objects.filter(name="Health and Wellbeing Board", parent=leaders).exists()
    assert Body.objects.filter(name="Learning and Skills").exists()
    boards = Body.objects.filter(kind=BodyKind.AREA_BOARD)
    assert boards.count() >= 3
    for board in boards:
        kinds = set(board.get_children().values_list("kind", flat=True))
        assert {BodyKind.AREA_ASSEMBLY, BodyKind.AREA_MANAGEMENT_GROUP} <= kinds
    # The agreement's Executive Board partners, with the council marked.
    assert Organisation.objects.get(is_council=True).name == "Cheshire East Council"
    assert Organisation.objects.filter(name__icontains="Constabulary").exists()
    assert Membership.objects.filter(body=leaders).count() == 9
    # Names the seeds do not give are marked illustrative.
    assert Body.objects.get(slug="crewe-town-partnership").is_illustrative
    # The stored tree is consistent.
    stored = list(Body.objects.order_by("pk").values_list("lft", "rght", "level", "tree_id"))
    Body.objects.rebuild()
    assert (
        list(Body.objects.order_by("pk").values_list("lft", "rght", "level", "tree_id")) == stored
    )


def test_running_twice_changes_nothing():
    load("--demo-logins")
    first = snapshot()
    out = load("--demo-logins")
    assert snapshot() == first
    assert "username officer" in out and "username board.member" in out


def test_site_pages_answer_with_the_example_data(client):
    load()
    urls = ["/", "/partnerships/", "/meetings/", "/accounts/login/", "/reports/"]
    report = apps.get_model("reports", "CabinetReport").objects.get()
    urls += [report.get_absolute_url(), report.get_pdf_url()]
    urls += [body.get_absolute_url() for body in Body.objects.all()]
    meetings = apps.get_model("partnerships", "Meeting").objects.all()
    urls += [m.get_absolute_url() for m in meetings.filter(is_public=True)]
    for url in urls:
        assert client.get(url).status_code == 200, url
    private = meetings.filter(is_public=False)
    assert private.exists()
    for meeting in private:
        assert client.get(meeting.get_absolute_url()).status_code == 404


def test_demo_board_member_can_sign_in_and_holds_the_body_permissions(client):
    load("--demo-logins")
    sign_in(client, "board.member")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="board.member")
    amg = Body.objects.get(slug="crewe-and-nantwich-area-management-group")
    assert user.has_perm("partnerships.manage_plans", amg)
    sign_in(client, "officer")
    assert client.get("/admin/partnerships/body/").status_code == 200


def test_board_member_journey_on_the_example_data(client):
    """Issue 3's "done when": the example board member signs in, sees the dashboard,
    posts a red update, and the parent body gets the exception report."""
    from strategy.models import Action, ExceptionReport

    load("--demo-logins")
    sign_in(client, "board.member")
    dashboard = client.get("/dashboard/").content.decode()
    assert "Crewe and Nantwich Area Management Group" in dashboard
    action = Action.objects.get(title="Town centre health walks")
    assert action.title in dashboard
    before = ExceptionReport.objects.filter(action=action).count()
    response = client.post(
        f"/actions/{action.pk}/update/",
        {
            "reported_on": action.plan.starts_on.strftime("%d/%m/%Y"),
            "rag": "red",
            "narrative": "No volunteer walk leaders yet",
            "submission_key": "journey1",
        },
    )
    assert response.status_code == 302
    assert ExceptionReport.objects.filter(action=action).count() == before + 1
    board = Body.objects.get(slug="crewe-and-nantwich-area-board")
    assert ExceptionReport.objects.get(action=action).addressed_to == board
    assert action.title in client.get(board.get_absolute_url()).content.decode()
    home = client.get("/").content.decode()
    assert "Drive out the sources of poor health" in home
