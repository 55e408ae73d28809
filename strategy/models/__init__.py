"""The strategy, its priorities, the bodies' action plans and how they are going."""

from .measures import Direction, Measure, MeasureValue
from .plans import (
    OPEN_ACTION_STATUSES,
    PUBLISHED_PLAN_STATUSES,
    STATUS_CHANGES,
    Action,
    ActionPlan,
    ActionStatus,
    PlanStatus,
    overdue_q,
    published_plan_q,
)
from .progress import (
    REMIND_DAYS_BEFORE,
    UPDATE_EVERY_DAYS,
    ExceptionReport,
    ExceptionStatus,
    ExceptionStep,
    ExceptionStepKind,
    ProgressUpdate,
    Rag,
    next_update_due,
)
from .risks import Milestone, Risk
from .strategies import Outcome, Priority, Strategy, StrategyStatus

__all__ = [
    "PUBLISHED_PLAN_STATUSES",
    "published_plan_q",
    "overdue_q",
    "OPEN_ACTION_STATUSES",
    "REMIND_DAYS_BEFORE",
    "STATUS_CHANGES",
    "UPDATE_EVERY_DAYS",
    "next_update_due",
    "Action",
    "ActionPlan",
    "ActionStatus",
    "Direction",
    "ExceptionReport",
    "ExceptionStatus",
    "ExceptionStep",
    "ExceptionStepKind",
    "Measure",
    "MeasureValue",
    "Milestone",
    "Outcome",
    "PlanStatus",
    "Priority",
    "ProgressUpdate",
    "Rag",
    "Risk",
    "Strategy",
    "StrategyStatus",
]
