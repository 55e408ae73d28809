"""The rules of strategies, plans, actions, measures and risks: each with a failing
and a passing case."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.timezone import localdate as today

from partnerships.models import BodyKind
from strategy.models import Action, Measure, MeasureValue, Risk, Strategy

from ..partnerships import factories as pf
from . import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def amg_plan():
    bodies = pf.area()
    owner = pf.person("Olive Owner")
    pf.member(bodies["amg"], owner)
    return bodies, sf.plan(bodies["amg"]), owner


def test_action_needs_a_due_date(amg_plan):
    _, plan, owner = amg_plan
    with pytest.raises(ValidationError) as excinfo:
        sf.action(plan, owner, due_on=None)
    assert excinfo.value.message_dict["due_on"] == [
        "Give the date the action is due: actions are time limited."
    ]
    assert not Action.objects.exists()


def test_action_due_after_its_plan_ends_is_refused(amg_plan):
    _, plan, owner = amg_plan
    with pytest.raises(ValidationError) as excinfo:
        sf.action(plan, owner, due_on=plan.ends_on + datetime.timedelta(days=1))
    assert "due after its plan ends" in excinfo.value.message_dict["due_on"][0]
    assert sf.action(plan, owner, due_on=plan.ends_on).pk


def test_owner_must_be_a_current_member_of_the_body_or_one_below(amg_plan):
    bodies, plan, owner = amg_plan
    outsider = pf.person("Out Sider")
    with pytest.raises(ValidationError) as excinfo:
        sf.action(plan, outsider)
    assert "not a current member" in excinfo.value.message_dict["owner"][0]
    # A member of a body below the plan's body may own it.
    board_plan = sf.plan(bodies["area_board"], plan.strategy)
    assert sf.action(board_plan, owner).pk
    # A member who has left may not.
    leaver = pf.person("Lee Ver")
    pf.member(bodies["amg"], leaver, ends_on=today() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        sf.action(plan, leaver)


def test_priority_must_belong_to_the_plans_strategy(amg_plan):
    _, plan, owner = amg_plan
    other = sf.strategy()
    with pytest.raises(ValidationError) as excinfo:
        sf.action(plan, owner, priority=other.priorities.first())
    assert "priority of the plan's strategy" in excinfo.value.message_dict["priority"][0]


def test_plan_and_strategy_dates_in_order():
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    with pytest.raises(ValidationError) as excinfo:
        sf.plan(leaders, starts_on=today(), ends_on=today() - datetime.timedelta(days=1))
    assert "end after it starts" in excinfo.value.message_dict["ends_on"][0]
    bad = Strategy(title="S", slug="s", starts_on=today(), ends_on=today())
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "ends_on" in excinfo.value.message_dict


def test_measure_values_cannot_be_negative(amg_plan):
    _, plan, owner = amg_plan
    measure = Measure.objects.create(
        action=sf.action(plan, owner),
        title="Projects",
        unit="projects",
        baseline=Decimal(0),
        target=Decimal(12),
    )
    with pytest.raises(ValidationError) as excinfo:
        MeasureValue(measure=measure, measured_on=today(), value=Decimal("-1")).full_clean()
    assert "cannot be negative" in excinfo.value.message_dict["value"][0]
    MeasureValue(measure=measure, measured_on=today(), value=Decimal("3.5")).full_clean()


def test_measure_target_follows_its_direction(amg_plan):
    _, plan, owner = amg_plan
    measure = Measure(
        action=sf.action(plan, owner),
        title="Admissions",
        unit="people",
        baseline=Decimal(100),
        target=Decimal(120),
        direction="down",
    )
    with pytest.raises(ValidationError) as excinfo:
        measure.full_clean()
    assert "Lower is better" in excinfo.value.message_dict["target"][0]
    measure.target = Decimal(90)
    measure.full_clean()


@pytest.mark.parametrize(
    "likelihood,impact,ok",
    [(0, 3, False), (6, 3, False), (3, 0, False), (3, 6, False), (1, 1, True), (5, 5, True)],
)
def test_risk_scores_are_one_to_five(likelihood, impact, ok):
    risk = Risk(
        strategy=sf.strategy(),
        title="R",
        likelihood=likelihood,
        impact=impact,
        owner="Head",
        mitigation="M",
        review_on=today(),
    )
    if ok:
        risk.full_clean()
        assert risk.score == likelihood * impact
    else:
        with pytest.raises(ValidationError, match="1 to 5"):
            risk.full_clean()
