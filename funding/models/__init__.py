"""Funds, grant awards, commissioning for outcomes and participatory budgeting."""

from .awards import COUNTING_STATUSES, AwardStatus, GrantAward
from .budgeting import BudgetingProject, BudgetingRound
from .funds import COMPETITIVE_MECHANISMS, Fund, Mechanism
from .money import format_money
from .outcomes import OutcomeTarget

__all__ = [
    "COMPETITIVE_MECHANISMS",
    "COUNTING_STATUSES",
    "AwardStatus",
    "BudgetingProject",
    "BudgetingRound",
    "Fund",
    "GrantAward",
    "Mechanism",
    "OutcomeTarget",
    "format_money",
]
