"""The example strategies tell one story through time, whatever the day they are
loaded: checked for a load today and for one ten years from now."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from pace.exampledata import member_data, partnership_data, strategy_data
from partnerships import routing
from partnerships.models import Body, BodyKind, Membership
from strategy import selectors
from strategy.models import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionPlan,
    ActionStatus,
    ExceptionReport,
    ExceptionStatus,
    ExceptionStep,
    ExceptionStepKind,
    Measure,
    PlanStatus,
    Strategy,
    StrategyStatus,
)

pytestmark = pytest.mark.django_db


def _load() -> None:
    partnership_data.load()
    member_data.load()
    strategy_data.load()


def _check_the_story() -> None:
    today = timezone.localdate()
    # Exactly one strategy in force, not ended, and it is the current one.
    in_force = Strategy.objects.in_force(today)
    assert in_force.count() == 1
    current = in_force.get()
    assert not current.has_ended(today) and current.standing(today) == "current"
    assert selectors.current_strategy(today) == current
    assert "(illustrative)" in current.title
    for strategy in Strategy.objects.exclude(pk=current.pk):
        assert strategy.standing(today) != "current", strategy
    # The seeds' strategies: the original superseded, the refresh adopted and run,
    # with its year-one partnership action plan of one action a priority.
    assert Strategy.objects.get(slug="ambition-for-all-2010-2025").status == (
        StrategyStatus.SUPERSEDED
    )
    refresh = Strategy.objects.get(slug="ambition-for-all-2017-2020")
    assert refresh.status == StrategyStatus.ADOPTED and refresh.has_ended(today)
    year_one = ActionPlan.objects.get(
        strategy=refresh, body__slug="leaders-board", starts_on=datetime.date(2017, 4, 1)
    )
    assert "2017/18" in year_one.title
    assert year_one.actions.values("priority").distinct().count() == 7
    # Its consultation closed, its outcome published in March 2017.
    consultation = refresh.consultations.get()
    assert consultation.outcome_published and consultation.outcome_published_on.year == 2017
    assert refresh.milestones.filter(done_on__isnull=False).exists()
    assert refresh.milestones.filter(done_on__isnull=True).exists()  # one missed
    # The strategies follow one another with no gap.
    chain = list(Strategy.objects.filter(starts_on__gte=refresh.starts_on).order_by("starts_on"))
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.starts_on == before.ends_on + datetime.timedelta(days=1)
        assert after.replaces == before
    # Every priority of the current strategy has a lead board and public actions
    # with progress updates.
    for priority in current.priorities.all():
        assert priority.lead_body is not None, priority
        public = Action.objects.public().filter(priority=priority)
        assert public.filter(updates__isnull=False).exists(), priority
    assert current.aim_list and current.objective_list
    # The plans in hand have actions done, overdue and due within the month.
    actions = Action.objects.filter(plan__status=PlanStatus.ADOPTED)
    assert actions.filter(status=ActionStatus.COMPLETE).exists()
    assert actions.overdue(today).exists()
    soon = today + datetime.timedelta(days=30)
    assert actions.filter(status__in=OPEN_ACTION_STATUSES, due_on__range=(today, soon)).exists()
    assert ActionPlan.objects.filter(strategy=current, starts_on__lte=today).exists()
    # Past years' plans are closed once reported on.
    assert ActionPlan.objects.filter(status=PlanStatus.CLOSED).exists()
    # Ratings change; red updates raised exception reports, resolved but for one or two.
    assert actions.exclude(latest_rag="").values("latest_rag").distinct().count() >= 2
    reports = ExceptionReport.objects.all()
    assert reports.filter(status=ExceptionStatus.RESOLVED).exists()
    assert 1 <= reports.filter(status=ExceptionStatus.OPEN).count() <= 3
    # Each raised once; the unresolved rose as the daily escalation takes them, each
    # step after the wait of the body it left, and one open report is with the
    # Leaders Board, risen there (issue 21).
    assert not reports.exclude(steps__kind=ExceptionStepKind.RAISED).exists()
    escalations = ExceptionStep.objects.filter(kind=ExceptionStepKind.ESCALATED)
    for step in escalations.select_related("from_body"):
        assert step.waited_days >= routing.escalate_after_days(step.from_body), step
    assert reports.filter(
        status=ExceptionStatus.OPEN,
        addressed_to__kind=BodyKind.LEADERS_BOARD,
        steps__kind=ExceptionStepKind.ESCALATED,
    ).exists()
    # Measures have values over time, posted with the updates.
    measures = Measure.objects.filter(action__plan__strategy=current)
    assert measures.exists()
    assert all(m.values.exists() for m in Measure.objects.all())
    assert any(m.values.count() >= 2 for m in measures)
    # Every owner was a member of the plan's body (or one below it) at the time.
    for action in Action.objects.select_related("plan").exclude(owner=None):
        assert action.owner_is_member(min(today, action.plan.ends_on)), action
    # The demo board member owns current actions of their Area Management Group.
    amg = Body.objects.get(slug="crewe-and-nantwich-area-management-group")
    if Membership.objects.current(today).filter(body=amg, person__slug="nadia-evans").exists():
        owned = Action.objects.filter(
            owner__slug="nadia-evans", plan__body=amg, plan__strategy=current
        )
        assert owned.filter(status__in=OPEN_ACTION_STATUSES).count() >= 2


def test_the_story_holds_today():
    _load()
    _check_the_story()


def test_the_story_holds_ten_years_from_now():
    today = timezone.localdate()
    later = datetime.datetime(today.year + 10, today.month, min(today.day, 28), 12, 0)
    with time_machine.travel(later.replace(tzinfo=datetime.UTC), tick=False):
        _load()
        _check_the_story()
        # Still a few hundred actions, not thousands.
        assert Action.objects.count() < 600


def test_loading_again_changes_nothing_in_the_strategies():
    _load()
    counts = [m.objects.count() for m in (Strategy, Action, ExceptionReport, Measure)]
    strategy_data.load()
    assert [m.objects.count() for m in (Strategy, Action, ExceptionReport, Measure)] == counts
