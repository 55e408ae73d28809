"""A progress update that changes its action's status under the plan's rules, and a
measured value that lands on its measure's series (issue 19)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.timezone import localdate as today

from strategy import services
from strategy.charts import measure_chart
from strategy.models import (
    Action,
    ActionStatus,
    Direction,
    Measure,
    MeasureValue,
    PlanStatus,
    ProgressUpdate,
    Rag,
)

from ..partnerships import factories as pf
from . import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def amg():
    bodies = pf.area()
    owner = pf.person("Mo Member", with_login=True)
    pf.member(bodies["amg"], owner)
    plan = sf.plan(bodies["amg"])
    return {"bodies": bodies, "owner": owner, "plan": plan, "action": sf.action(plan, owner)}


def measure(action, title="Walkers a week", **fields):
    fields = {"unit": "people", "baseline": Decimal("0"), "target": Decimal("100")} | fields
    return Measure.objects.create(action=action, title=title, direction=Direction.UP, **fields)


def post(action, rag=Rag.GREEN, **kw):
    return services.progress_update_post(action=action, rag=rag, narrative="Done things", **kw)


def status(action) -> str:
    return Action.objects.values_list("status", flat=True).get(pk=action.pk)


# --- Status ------------------------------------------------------------------------


def test_a_green_update_starts_an_action_not_started(amg):
    action = amg["action"]
    assert action.status == ActionStatus.NOT_STARTED
    post(action)
    assert status(action) == ActionStatus.IN_PROGRESS


def test_an_update_completes_an_action(amg):
    action = amg["action"]
    post(action, status=ActionStatus.COMPLETE)
    assert status(action) == ActionStatus.COMPLETE
    assert action.history.latest().status == ActionStatus.COMPLETE


def test_an_update_without_a_status_leaves_a_complete_action_complete(amg):
    action = amg["action"]
    post(action, status=ActionStatus.COMPLETE)
    post(Action.objects.get(pk=action.pk))
    assert status(action) == ActionStatus.COMPLETE


@pytest.mark.parametrize(
    ("start", "to", "ok"),
    [
        (ActionStatus.IN_PROGRESS, ActionStatus.COMPLETE, True),
        (ActionStatus.IN_PROGRESS, ActionStatus.CANCELLED, True),
        (ActionStatus.COMPLETE, ActionStatus.IN_PROGRESS, True),  # reopened
        (ActionStatus.CANCELLED, ActionStatus.IN_PROGRESS, True),
        (ActionStatus.COMPLETE, ActionStatus.CANCELLED, False),
        (ActionStatus.CANCELLED, ActionStatus.COMPLETE, False),
        (ActionStatus.IN_PROGRESS, "finished", False),
    ],
)
def test_status_changes_follow_the_rules(amg, start, to, ok):
    action = amg["action"]
    Action.objects.filter(pk=action.pk).update(status=start)
    action = Action.objects.select_related("plan").get(pk=action.pk)
    if ok:
        post(action, status=to)
        assert status(action) == to
    else:
        with pytest.raises(ValidationError) as caught:
            post(action, status=to)
        assert "status" in caught.value.message_dict
        assert status(action) == start and not ProgressUpdate.objects.exists()


def test_no_update_changes_the_status_of_an_action_of_a_closed_plan(amg):
    action = amg["action"]
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.IN_PROGRESS)
    type(amg["plan"]).objects.filter(pk=amg["plan"].pk).update(status=PlanStatus.CLOSED)
    action = Action.objects.select_related("plan").get(pk=action.pk)
    with pytest.raises(ValidationError) as caught:
        post(action, status=ActionStatus.COMPLETE)
    assert caught.value.error_dict["status"][0].code == "plan_closed"
    post(action)  # progress may still be told
    assert status(action) == ActionStatus.IN_PROGRESS


def test_completing_is_checked_with_the_actions_own_rules(amg):
    """The owner has left the body: the action's own rule stops the change, said on
    the status, and nothing is saved."""
    action = amg["action"]
    membership = amg["owner"].memberships.get()
    membership.ends_on = today() - datetime.timedelta(days=1)
    membership.save()
    with pytest.raises(ValidationError) as caught:
        post(Action.objects.get(pk=action.pk), status=ActionStatus.COMPLETE)
    assert "is not a current member" in caught.value.message_dict["status"][0]
    assert not ProgressUpdate.objects.exists() and status(action) == ActionStatus.NOT_STARTED


# --- Measured values ----------------------------------------------------------------


def test_a_measured_value_lands_on_the_only_measures_series_and_chart(amg):
    action = amg["action"]
    walkers = measure(action)
    update = post(action, measured_value=Decimal("42"))
    assert update.measure == walkers
    value = MeasureValue.objects.get(measure=walkers)
    assert (value.measured_on, value.value) == (today(), Decimal("42"))
    chart = measure_chart(walkers, list(walkers.values.all()))
    assert 'data-value="42.00"' in str(chart.svg)


def test_a_second_value_the_same_day_replaces_the_first(amg):
    action = amg["action"]
    walkers = measure(action)
    post(action, measured_value=Decimal("42"))
    post(action, measured_value=Decimal("45"))
    assert list(walkers.values.values_list("value", flat=True)) == [Decimal("45")]


def test_with_several_measures_the_value_names_its_measure(amg):
    action = amg["action"]
    walkers = measure(action)
    leaders = measure(action, "Walk leaders")
    with pytest.raises(ValidationError) as caught:
        post(action, measured_value=Decimal("3"))
    assert "measure" in caught.value.message_dict and not ProgressUpdate.objects.exists()
    post(action, measured_value=Decimal("3"), measure=leaders)
    assert leaders.values.get().value == Decimal("3") and not walkers.values.exists()


def test_a_measure_of_another_action_is_refused(amg):
    other = sf.action(amg["plan"], amg["owner"])
    with pytest.raises(ValidationError) as caught:
        post(amg["action"], measured_value=Decimal("3"), measure=measure(other))
    assert "measure" in caught.value.message_dict
    assert not MeasureValue.objects.exists()


def test_a_value_on_an_action_without_a_measure_stays_on_the_update(amg):
    update = post(amg["action"], measured_value=Decimal("7"))
    assert update.measured_value == Decimal("7") and update.measure is None
    assert not MeasureValue.objects.exists()


def test_an_officers_correction_moves_the_series_too(amg):
    action = amg["action"]
    walkers = measure(action)
    update = post(action, measured_value=Decimal("42"))
    update.measured_value = Decimal("40")
    services.progress_update_change(update=update)
    assert walkers.values.get().value == Decimal("40")


# --- The form and its page ----------------------------------------------------------


def form_data(**overrides):
    data = {
        "reported_on": today().strftime("%d/%m/%Y"),
        "rag": "green",
        "narrative": "All ten walks ran",
        "measured_value": "",
        "submission_key": "k1",
    }
    return data | overrides


def test_the_form_completes_the_action_and_moves_its_measure(client, amg):
    action = amg["action"]
    walkers = measure(action)
    client.force_login(amg["owner"].user)
    url = f"/actions/{action.pk}/update/"
    page = client.get(url).content.decode()
    assert 'value="complete"' in page and 'value="not_started"' not in page
    assert "Latest value of “Walkers a week”" in page
    response = client.post(url, form_data(status="complete", measured_value="64"), follow=True)
    assert status(action) == ActionStatus.COMPLETE
    assert walkers.values.get().value == Decimal("64")
    text = response.content.decode()
    assert "The action is now complete." in text and "64 is on the chart of" in text


def test_the_form_refuses_a_status_the_rules_do_not_offer(client, amg):
    action = amg["action"]
    client.force_login(amg["owner"].user)
    response = client.post(f"/actions/{action.pk}/update/", form_data(status="not_a_status"))
    assert response.status_code == 200
    assert "Select one of the statuses offered" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_the_form_asks_which_measure_when_there_are_several(client, amg):
    action = amg["action"]
    measure(action)
    leaders = measure(action, "Walk leaders")
    client.force_login(amg["owner"].user)
    url = f"/actions/{action.pk}/update/"
    assert "Which measure is the value for?" in client.get(url).content.decode()
    response = client.post(url, form_data(measured_value="5", measure=str(leaders.pk)))
    assert response.status_code == 302
    assert leaders.values.get().value == Decimal("5")
