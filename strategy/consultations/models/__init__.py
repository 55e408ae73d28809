"""Consultations, their audiences and documents, "you said, we did", equality impact
assessments; the questions of the online form, the responses and their answers,
the themes drawn from them, saved drafts and equality monitoring."""

from .consultations import (
    CLOSING_SOON_DAYS,
    Audience,
    Consultation,
    ConsultationDocument,
    ConsultationStatus,
    ProposalStage,
    YouSaidWeDid,
)
from .equality import (
    CharacteristicImpact,
    EqualityImpactAssessment,
    Impact,
    ProtectedCharacteristic,
    StrategyAssessmentCheck,
    strategies_without_assessment,
)
from .monitoring import EqualityMonitoring
from .questions import PREFER_NOT_LABEL, AnswerData, Choice, Question, QuestionKind
from .responses import (
    Answer,
    AnswerChoice,
    HeldReason,
    Response,
    ResponseChannel,
    ResponseStatus,
    SavedDraft,
    Theme,
)

__all__ = [
    "CLOSING_SOON_DAYS",
    "PREFER_NOT_LABEL",
    "Answer",
    "AnswerChoice",
    "AnswerData",
    "Audience",
    "CharacteristicImpact",
    "Choice",
    "Consultation",
    "ConsultationDocument",
    "ConsultationStatus",
    "EqualityImpactAssessment",
    "EqualityMonitoring",
    "HeldReason",
    "Impact",
    "ProposalStage",
    "ProtectedCharacteristic",
    "Question",
    "QuestionKind",
    "Response",
    "ResponseChannel",
    "ResponseStatus",
    "SavedDraft",
    "StrategyAssessmentCheck",
    "Theme",
    "YouSaidWeDid",
    "strategies_without_assessment",
]
