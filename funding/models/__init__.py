"""Funds, grant awards, commissioning for outcomes and participatory budgeting."""

from .awards import COUNTING_STATUSES, AwardStatus, GrantAward
from .ballots import (
    Ballot,
    BallotChoice,
    BudgetingVoter,
    PostcodeDistrict,
    VoteChannel,
    district_order,
    validate_district,
)
from .budgeting import BallotKind, BudgetingRound, Phase, Step
from .commitments import MONEY_KINDS, ResourceCommitment, ResourceKind
from .funds import COMPETITIVE_MECHANISMS, Fund, Mechanism
from .money import format_money
from .outcomes import OutcomeTarget
from .projects import PUBLIC_STATUSES, BudgetingProject, ProjectStatus

__all__ = [
    "COMPETITIVE_MECHANISMS",
    "COUNTING_STATUSES",
    "MONEY_KINDS",
    "PUBLIC_STATUSES",
    "AwardStatus",
    "Ballot",
    "BallotChoice",
    "BallotKind",
    "BudgetingProject",
    "BudgetingRound",
    "BudgetingVoter",
    "Fund",
    "GrantAward",
    "Mechanism",
    "OutcomeTarget",
    "Phase",
    "PostcodeDistrict",
    "ResourceCommitment",
    "ResourceKind",
    "ProjectStatus",
    "Step",
    "VoteChannel",
    "district_order",
    "format_money",
    "validate_district",
]
