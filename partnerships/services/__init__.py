"""Writes to the partnership structure. Views, the admin and commands call these;
nothing else saves bodies or memberships."""

from pace.core.deletion import delete_or_refuse
from pace.core.unchanged import unchanged

from .agenda import agenda_items_save
from .decisions import (
    correction_needed,
    decision_delete,
    decision_record,
    forward_plan_entry_delete,
    forward_plan_entry_save,
    forward_plan_link,
    minutes_holding,
)
from .meetings import (
    attendance_delete,
    attendance_record,
    attendance_save,
    declaration_record,
    meeting_agenda_publish,
    meeting_minutes_approve,
    meeting_minutes_correct,
    meeting_minutes_freeze,
    minutes_freeze_queue,
    minutes_versions,
)
from .memberships import (
    membership_delete,
    membership_end,
    membership_save,
    person_save,
    registered_interest_delete,
    registered_interest_save,
)
from .papers import agenda_packs_refresh, paper_delete, paper_save, paper_upload_check
from .permissions import member_permissions_sync
from .questions import (
    question_accept,
    question_answer,
    question_ask,
    question_decide,
    question_decline,
    question_save,
    questions_forget_addresses,
)
from .relations import relation_delete, relation_save
from .terms import core_terms_save, terms_save
from .tree import body_create, body_delete, body_move, body_restore, body_save, tree_write

__all__ = [
    "agenda_items_save",
    "question_accept",
    "question_answer",
    "question_ask",
    "question_decide",
    "question_decline",
    "question_save",
    "questions_forget_addresses",
    "agenda_packs_refresh",
    "paper_delete",
    "paper_save",
    "paper_upload_check",
    "registered_interest_delete",
    "registered_interest_save",
    "attendance_delete",
    "attendance_record",
    "attendance_save",
    "body_create",
    "body_delete",
    "body_move",
    "body_restore",
    "body_save",
    "declaration_record",
    "correction_needed",
    "decision_delete",
    "decision_record",
    "minutes_holding",
    "forward_plan_entry_delete",
    "forward_plan_entry_save",
    "forward_plan_link",
    "delete_or_refuse",
    "meeting_agenda_publish",
    "meeting_minutes_approve",
    "meeting_minutes_correct",
    "meeting_minutes_freeze",
    "member_permissions_sync",
    "membership_delete",
    "membership_end",
    "membership_save",
    "minutes_freeze_queue",
    "minutes_versions",
    "person_save",
    "relation_delete",
    "relation_save",
    "core_terms_save",
    "terms_save",
    "tree_write",
    "unchanged",
]
