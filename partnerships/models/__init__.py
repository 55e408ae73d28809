"""The partnership's structure: organisations, the tree of bodies, people, meetings."""

from .attendance import Attendance, AttendanceStatus
from .bodies import (
    RELATION_RULES,
    AccountabilityLink,
    Body,
    BodyKind,
    RelationKind,
    RelationRule,
    Ward,
    in_subtree,
    subtree_q,
)
from .decisions import Decision, ForwardPlanEntry
from .interests import RegisteredInterest
from .meetings import AgendaItem, Declaration, InterestType, Meeting, MeetingKind
from .organisations import Organisation, Sector
from .papers import AgendaPack, PackAudience, Paper
from .people import Membership, Person, Role
from .permissions import BodyGroupObjectPermission, BodyUserObjectPermission
from .questions import Question, QuestionStatus
from .terms import CoreTerms, MeetingFrequency, TermsOfReference

__all__ = [
    "in_subtree",
    "subtree_q",
    "RELATION_RULES",
    "AccountabilityLink",
    "CoreTerms",
    "MeetingFrequency",
    "RelationKind",
    "RelationRule",
    "TermsOfReference",
    "Ward",
    "Attendance",
    "AttendanceStatus",
    "AgendaItem",
    "Body",
    "BodyGroupObjectPermission",
    "BodyKind",
    "BodyUserObjectPermission",
    "Decision",
    "Declaration",
    "ForwardPlanEntry",
    "InterestType",
    "Meeting",
    "MeetingKind",
    "Membership",
    "Organisation",
    "AgendaPack",
    "PackAudience",
    "Paper",
    "Person",
    "Question",
    "QuestionStatus",
    "RegisteredInterest",
    "Role",
    "Sector",
]
