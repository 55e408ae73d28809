"""Audit history of plans, actions and progress: a board member's update is
recorded with who posted it; deleted records come back from their history."""

import datetime

import pytest
from django.utils.timezone import localdate as today

from strategy.models import Action, ExceptionReport, ProgressUpdate, Risk

from ..partnerships import factories as pf
from . import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_action():
    bodies = pf.area()
    member = pf.person("Mo Member", with_login=True)
    pf.member(bodies["amg"], member)
    return member, sf.action(sf.plan(bodies["amg"]), member)


def test_a_board_members_update_is_recorded_with_who_posted_it(client, member_action):
    member, action = member_action
    client.force_login(member.user)
    form = client.get(f"/actions/{action.pk}/update/").context["form"]
    data = {
        "reported_on": today().strftime("%d/%m/%Y"),
        "rag": "red",
        "narrative": "No walk leaders yet",
        "submission_key": form.initial["submission_key"],
    }
    assert client.post(f"/actions/{action.pk}/update/", data).status_code == 302
    # Sent again (the back button, a double click): still one update, one entry.
    assert client.post(f"/actions/{action.pk}/update/", data).status_code == 302
    update = ProgressUpdate.objects.get()
    record = update.history.get()
    assert record.history_type == "+" and record.history_user == member.user
    report = ExceptionReport.objects.get()
    assert report.history.get().history_user == member.user


def test_the_derived_latest_rating_is_not_in_the_actions_history(member_action):
    """latest_rag follows the progress updates (kept with their own history) and is
    refreshed with update(): posting an update adds nothing to the action's history."""
    from strategy import services

    _, action = member_action
    entries = action.history.count()
    services.progress_update_post(action=action, rag="amber", narrative="Slow start")
    action.refresh_from_db()
    assert action.latest_rag == "amber"
    # The first update starts the action: that change of status is history, and
    # the only thing in it.
    assert action.history.count() == entries + 1
    started = action.history.latest()
    assert started.diff_against(started.prev_record).changed_fields == ["status"]
    services.progress_update_post(action=action, rag="green", narrative="Going well")
    action.refresh_from_db()
    assert action.latest_rag == "green"
    assert action.history.count() == entries + 1
    assert "latest_rag" not in {f.name for f in Action.history.model._meta.fields}
    action.title = "Health walks in every town"
    services.action_save(action=action)
    assert action.history.latest().diff_against(
        action.history.latest().prev_record
    ).changed_fields == ["title"]


def test_a_deleted_risk_is_restored_from_its_history_in_the_admin(client):
    officer = pf.officer()
    client.force_login(officer)
    strategy = sf.strategy()
    risk = Risk.objects.create(
        strategy=strategy,
        title="Partners disengage",
        likelihood=3,
        impact=4,
        owner="Partnerships manager",
        mitigation="Quarterly partner forum",
        review_on=datetime.date(2017, 1, 31),
    )
    pk = risk.pk
    response = client.post(f"/admin/strategy/risk/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Risk.objects.filter(pk=pk).exists()
    deleted = client.get("/admin/strategy/risk/deleted/").content.decode()
    assert "Partners disengage" in deleted
    record = Risk.history.get(id=pk, history_type="-")
    assert record.history_user == officer
    response = client.post(
        f"/admin/strategy/risk/{pk}/history/{record.history_id}/",
        {
            "strategy": strategy.pk,
            "title": "Partners disengage",
            "likelihood": 3,
            "impact": 4,
            "owner": "Partnerships manager",
            "mitigation": "Quarterly partner forum",
            "review_on": "2017-01-31",
        },
    )
    assert response.status_code == 302
    restored = Risk.objects.get(pk=pk)
    assert (restored.title, restored.score, restored.mitigation) == (
        "Partners disengage",
        12,
        "Quarterly partner forum",
    )
    assert restored.history.latest().history_user == officer


def test_every_edited_strategy_record_keeps_history():
    from django.apps import apps

    for model in apps.get_app_config("strategy").get_models():
        if model._meta.proxy or model.__name__.startswith("Historical"):
            continue
        assert hasattr(model, "history"), model
