"""Indicators and performance measures with their targets and values, the places
they are reported for, and "turn the curve" reports (Results-Based Accountability:
population indicators for outcomes and priorities, performance measures for plans)."""

from .geographies import Geography, GeographyKind
from .indicators import (
    UNITS,
    Frequency,
    Indicator,
    IndicatorKind,
    IndicatorQuerySet,
    MeasureType,
    Unit,
    UnitSpec,
)
from .reports import CurveReport, CurveReportStatus
from .values import IndicatorTarget, IndicatorValue, ValueStatus

__all__ = [
    "UNITS",
    "CurveReport",
    "CurveReportStatus",
    "Frequency",
    "Geography",
    "GeographyKind",
    "Indicator",
    "IndicatorKind",
    "IndicatorQuerySet",
    "IndicatorTarget",
    "IndicatorValue",
    "MeasureType",
    "Unit",
    "UnitSpec",
    "ValueStatus",
]
