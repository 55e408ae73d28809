"""Consultations, their audiences and documents, "you said, we did", and equality
impact assessments."""

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

__all__ = [
    "CLOSING_SOON_DAYS",
    "Audience",
    "CharacteristicImpact",
    "Consultation",
    "ConsultationDocument",
    "ConsultationStatus",
    "EqualityImpactAssessment",
    "Impact",
    "ProposalStage",
    "ProtectedCharacteristic",
    "StrategyAssessmentCheck",
    "YouSaidWeDid",
    "strategies_without_assessment",
]
