"""The strategy, its priorities, the bodies' action plans and how they are going."""

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
from .measures import Direction, Measure, MeasureValue
from .plans import OPEN_ACTION_STATUSES, Action, ActionPlan, ActionStatus, PlanStatus
from .progress import ExceptionReport, ExceptionStatus, ProgressUpdate, Rag
from .reports import (
    HEADINGS,
    CabinetReport,
    ReportParagraph,
    ReportSection,
    ReportStatus,
    number_paragraphs,
    paragraph_numbers,
    text_blocks,
)
from .risks import Milestone, Risk
from .strategies import Outcome, Priority, Strategy, StrategyStatus

__all__ = [
    "CLOSING_SOON_DAYS",
    "OPEN_ACTION_STATUSES",
    "Action",
    "ActionPlan",
    "ActionStatus",
    "Audience",
    "CabinetReport",
    "CharacteristicImpact",
    "Consultation",
    "ConsultationDocument",
    "ConsultationStatus",
    "Direction",
    "EqualityImpactAssessment",
    "HEADINGS",
    "ExceptionReport",
    "ExceptionStatus",
    "Impact",
    "Measure",
    "MeasureValue",
    "Milestone",
    "Outcome",
    "PlanStatus",
    "Priority",
    "ProgressUpdate",
    "ProposalStage",
    "ProtectedCharacteristic",
    "Rag",
    "ReportParagraph",
    "ReportSection",
    "ReportStatus",
    "Risk",
    "Strategy",
    "StrategyAssessmentCheck",
    "StrategyStatus",
    "YouSaidWeDid",
    "number_paragraphs",
    "paragraph_numbers",
    "strategies_without_assessment",
    "text_blocks",
]
