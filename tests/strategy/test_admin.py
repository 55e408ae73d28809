"""The officers' admin for the strategy applies the same rules."""

import datetime

import pytest

from strategy.models import Action, ActionPlan, ExceptionReport

from ..partnerships import factories as pf
from . import factories as sf

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


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
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + datetime.timedelta(days=365)).isoformat(),
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
    late = (TODAY + datetime.timedelta(days=400)).isoformat()
    response = officer_client.post(
        "/admin/strategy/actionplan/add/", plan_form(bodies["amg"], strategy, outsider, late)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "not a current member" in page and "due after its plan ends" in page
    assert not ActionPlan.objects.exists() and not Action.objects.exists()
    ok = (TODAY + datetime.timedelta(days=30)).isoformat()
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
            "reported_on": TODAY.isoformat(),
            "rag": "red",
            "narrative": "Stalled",
            "measured_value": "",
        },
    )
    assert response.status_code == 302
    assert ExceptionReport.objects.get().addressed_to == bodies["area_board"]
