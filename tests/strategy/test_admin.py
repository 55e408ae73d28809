"""The officers' admin for the strategy applies the same rules."""

import datetime

import pytest
from django.utils.timezone import localdate as today

from strategy.models import Action, ActionPlan, ExceptionReport

from ..partnerships import factories as pf
from . import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    client.force_login(pf.officer())
    return client


def test_officer_opens_every_strategy_admin_page(officer_client):
    bodies = pf.area()
    owner = pf.person()
    pf.member(bodies["amg"], owner)
    action = sf.action(sf.plan(bodies["amg"]), owner)
    for url in [
        "/admin/strategy/strategy/",
        "/admin/strategy/strategy/add/",
        f"/admin/strategy/strategy/{action.plan.strategy_id}/change/",
        "/admin/strategy/actionplan/",
        f"/admin/strategy/actionplan/{action.plan_id}/change/",
        "/admin/strategy/action/",
        f"/admin/strategy/action/{action.pk}/change/",
        "/admin/strategy/progressupdate/",
        "/admin/strategy/progressupdate/add/",
        "/admin/strategy/exceptionreport/",
        "/admin/strategy/measure/add/",
        "/admin/strategy/risk/",
        "/admin/strategy/milestone/",
        "/admin/strategy/priority/",
    ]:
        assert officer_client.get(url).status_code == 200, url


def plan_form(body, strategy, owner, due_on):
    priority = strategy.priorities.first()
    return {
        "body": body.pk,
        "strategy": strategy.pk,
        "title": "New plan",
        "starts_on": today().isoformat(),
        "ends_on": (today() + datetime.timedelta(days=365)).isoformat(),
        "status": "adopted",
        "summary": "",
        "actions-TOTAL_FORMS": 1,
        "actions-INITIAL_FORMS": 0,
        "actions-0-title": "Inline action",
        "actions-0-priority": priority.pk,
        "actions-0-owner": owner.pk,
        "actions-0-due_on": due_on,
        "actions-0-status": "not_started",
        "actions-0-is_public": "on",
        "actions-0-measure_of_success": "m",
        "actions-0-target": "t",
    }


def test_new_plan_with_inline_actions_checks_the_owner_and_due_date(officer_client):
    bodies = pf.area()
    strategy = sf.strategy()
    member, outsider = pf.person(), pf.person()
    pf.member(bodies["amg"], member)
    late = (today() + datetime.timedelta(days=400)).isoformat()
    response = officer_client.post(
        "/admin/strategy/actionplan/add/", plan_form(bodies["amg"], strategy, outsider, late)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "not a current member" in page and "due after its plan ends" in page
    assert not ActionPlan.objects.exists() and not Action.objects.exists()
    ok = (today() + datetime.timedelta(days=30)).isoformat()
    response = officer_client.post(
        "/admin/strategy/actionplan/add/", plan_form(bodies["amg"], strategy, member, ok)
    )
    assert response.status_code == 302
    assert Action.objects.get().owner == member


def test_red_update_added_in_the_admin_opens_an_exception_report(officer_client):
    bodies = pf.area()
    owner = pf.person()
    pf.member(bodies["amg"], owner)
    action = sf.action(sf.plan(bodies["amg"]), owner)
    response = officer_client.post(
        "/admin/strategy/progressupdate/add/",
        {
            "action": action.pk,
            "reported_on": today().isoformat(),
            "rag": "red",
            "narrative": "Stalled",
            "measured_value": "",
        },
    )
    assert response.status_code == 302
    assert ExceptionReport.objects.get().addressed_to == bodies["area_board"]


def _green_update(officer_client):
    from strategy import services

    bodies = pf.area()
    owner = pf.person()
    pf.member(bodies["amg"], owner)
    action = sf.action(sf.plan(bodies["amg"]), owner)
    update = services.progress_update_post(action=action, rag="green", narrative="Fine")
    return bodies, action, update


def test_an_update_changed_to_red_in_the_admin_rates_the_action_and_opens_a_report(
    officer_client,
):
    bodies, action, update = _green_update(officer_client)
    response = officer_client.post(
        f"/admin/strategy/progressupdate/{update.pk}/change/",
        {
            "action": action.pk,
            "reported_on": update.reported_on.isoformat(),
            "rag": "red",
            "narrative": "Not fine after all",
            "measured_value": "",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.latest_rag == "red"
    report = ExceptionReport.objects.get()
    assert report.addressed_to == bodies["area_board"] and report.opened_by_update == update


def test_resolving_an_exception_report_in_the_admin_records_who_resolved_it(officer_client):
    from strategy.models import ExceptionStatus

    _, action, update = _green_update(officer_client)
    from strategy import services

    services.progress_update_post(action=action, rag="red", narrative="Stalled")
    report = ExceptionReport.objects.get()
    response = officer_client.post(
        f"/admin/strategy/exceptionreport/{report.pk}/change/",
        {"status": ExceptionStatus.RESOLVED, "resolution": "Funding found", "resolved_on": ""},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ExceptionStatus.RESOLVED
    assert report.resolved_by == response.wsgi_request.user
    assert report.resolved_on == datetime.date.today()
    # Opened again, it is resolved by nobody.
    officer_client.post(
        f"/admin/strategy/exceptionreport/{report.pk}/change/",
        {"status": ExceptionStatus.OPEN, "resolution": "Funding found", "resolved_on": ""},
    )
    report.refresh_from_db()
    assert report.status == ExceptionStatus.OPEN and report.resolved_by is None
