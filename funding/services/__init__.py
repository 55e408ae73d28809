"""Writes to funding: funds and awards (``awards``), participatory budgeting rounds,
projects and postcode districts (``budgeting``), and voting (``ballots``, with who
is a resident in ``residents`` and the allowances against floods in ``limits``).
Views, the admin, imports and the example data call these; nothing else writes."""

from .awards import (
    award_approve,
    award_delete,
    award_save,
    fund_delete,
    fund_save,
    lock_fund,
    outcome_target_save,
)
from .ballots import (
    AlreadyVoted,
    LinkError,
    VotingLink,
    ballot_cast,
    ballot_cast_from_link,
    ballot_link_read,
    ballot_link_request,
    ballot_link_token,
    has_voted,
    paper_ballot_record,
)
from .budgeting import (
    postcode_district_delete,
    postcode_district_save,
    project_change_error,
    project_fund,
    project_save,
    round_change_error,
    round_save,
)
from .ideas import project_propose
from .residents import voter_identity
from .resources import commitment_delete, commitment_save

__all__ = [
    "AlreadyVoted",
    "LinkError",
    "VotingLink",
    "award_approve",
    "award_delete",
    "award_save",
    "ballot_cast",
    "ballot_cast_from_link",
    "ballot_link_read",
    "ballot_link_request",
    "ballot_link_token",
    "commitment_delete",
    "commitment_save",
    "fund_delete",
    "fund_save",
    "has_voted",
    "lock_fund",
    "outcome_target_save",
    "paper_ballot_record",
    "postcode_district_delete",
    "postcode_district_save",
    "project_change_error",
    "project_fund",
    "project_propose",
    "project_save",
    "round_change_error",
    "round_save",
    "voter_identity",
]
