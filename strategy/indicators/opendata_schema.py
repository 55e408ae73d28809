"""The JSON Schema (draft 2020-12) of the indicators' open data, served at
``/indicators/schema.json``: the bulk file and each indicator's file are the same
document, the one holding every public indicator, the other one. The status and
direction-of-travel codes are ``status.py``'s, as the pages and PDFs show them."""

from django.conf import settings

from strategy.models import Direction

from .models import Frequency, GeographyKind, IndicatorKind, MeasureType, Unit, ValueStatus
from .status import Status, Travel

DECIMAL = {
    "type": "string",
    "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
    "description": "A decimal number written as text, so that no figure is rounded by a "
    "binary floating point reader: read it as a decimal.",
}
DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
URL = {"type": "string", "format": "uri"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _code(choices, description: str) -> dict:
    listed = "; ".join(f"{c.value}: {c.label}" for c in choices)
    return {
        "type": "string",
        "enum": list(choices.values),
        "description": f"{description} {listed}.",
    }


def _coded(choices, description: str) -> dict:
    """A code with its label as the site shows it."""
    return {
        "type": "object",
        "required": ["code", "label"],
        "additionalProperties": False,
        "properties": {
            "code": _code(choices, description),
            "label": {"type": "string", "enum": list(choices.labels)},
        },
    }


def _link(description: str) -> dict:
    return {
        "type": "object",
        "description": description,
        "required": ["title", "url"],
        "additionalProperties": False,
        "properties": {
            "title": {"type": "string"},
            "strategy": {"type": "string", "description": "The strategy it belongs to."},
            "url": URL,
        },
    }


PLACE = {
    "type": "object",
    "required": ["slug", "name", "kind", "ons_code"],
    "additionalProperties": False,
    "properties": {
        "slug": {"type": "string"},
        "name": {"type": "string"},
        "kind": _code(GeographyKind, "What kind of place:"),
        "ons_code": {
            **_nullable({"type": "string", "pattern": "^[A-Z][0-9]{8}$"}),
            "description": "The Office for National Statistics code (GSS), where it has one.",
        },
    },
}

POINT = {
    "type": "object",
    "required": ["date", "value"],
    "additionalProperties": False,
    "properties": {"date": DATE, "value": DECIMAL},
}

TARGET = {
    "type": "object",
    "required": ["date", "value", "note"],
    "additionalProperties": False,
    "properties": {
        "date": {**DATE, "description": "The date the indicator should be there by."},
        "value": DECIMAL,
        "note": {"type": "string", "description": "Where the target comes from."},
    },
}

VALUE = {
    "type": "object",
    "required": ["period_end", "geography", "value", "status", "note"],
    "additionalProperties": False,
    "properties": {
        "period_end": {**DATE, "description": "The last day of the period the value is for."},
        "geography": PLACE,
        "value": DECIMAL,
        "status": _code(ValueStatus, "Provisional figures may still change; final ones will not:"),
        "note": {"type": "string"},
    },
}

INDICATOR = {
    "type": "object",
    "required": [
        "id",
        "slug",
        "url",
        "title",
        "kind",
        "definition",
        "unit",
        "decimal_places",
        "polarity",
        "frequency",
        "source",
        "geography",
        "owner",
        "outcomes",
        "priorities",
        "plan",
        "rba_question",
        "baseline",
        "targets",
        "status",
        "travel",
        "values",
    ],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "integer", "description": "The indicator's number: never reused."},
        "slug": {"type": "string", "description": "Its name in the site's addresses."},
        "url": {**URL, "description": "Its page, with its chart and table."},
        "title": {"type": "string"},
        "kind": _coded(
            IndicatorKind,
            "A population indicator is for the whole area (an outcome or priority); a "
            "performance measure is for one plan's work:",
        ),
        "definition": {"type": "string", "description": "What is counted, and how."},
        "unit": _coded(Unit, "The unit of every value and target:"),
        "decimal_places": {"type": "integer", "minimum": 0, "maximum": 3},
        "polarity": _coded(Direction, "Which way is better:"),
        "frequency": _coded(Frequency, "How often there is a value, and the periods' ends:"),
        "source": {
            "type": "object",
            "required": ["name", "url"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "description": "Who publishes the figures."},
                "url": _nullable(URL),
            },
        },
        "geography": {**PLACE, "description": "The place the indicator is for."},
        "owner": {
            "type": "object",
            "description": "The partnership body whose members keep its values.",
            "required": ["name", "slug", "url"],
            "additionalProperties": False,
            "properties": {"name": {"type": "string"}, "slug": {"type": "string"}, "url": URL},
        },
        "outcomes": {
            "type": "array",
            "items": _link("An outcome of the strategy the indicator shows, with its scorecard."),
        },
        "priorities": {
            "type": "array",
            "items": _link("A priority for action the indicator shows, with its scorecard."),
        },
        "plan": {
            **_nullable(
                _link("The published action plan whose work a performance measure measures.")
            ),
        },
        "rba_question": {
            **_nullable(_coded(MeasureType, "For a performance measure, the question it answers:")),
            "description": "Results-Based Accountability's three questions of a performance "
            "measure; null for a population indicator.",
        },
        "baseline": _nullable(POINT),
        "targets": {"type": "array", "items": TARGET},
        "status": {
            "type": "object",
            "description": "Where the indicator stands today, for its own place: the latest "
            "value against where it should be by then, on the straight line to its next "
            "target (after the last target, against that target).",
            "required": ["code", "label", "latest", "expected", "judged_against"],
            "additionalProperties": False,
            "properties": {
                "code": _code(Status, "The same codes as the site's pages and PDFs:"),
                "label": {"type": "string", "enum": list(Status.labels)},
                "latest": _nullable(POINT),
                "expected": {
                    **_nullable(DECIMAL),
                    "description": "Where the indicator should have been by the latest "
                    "value's date, rounded to its decimal places.",
                },
                "judged_against": {
                    **_nullable(POINT),
                    "description": "The target it is judged against.",
                },
            },
        },
        "travel": {
            **_coded(Travel, "Direction of travel: the latest value against the one before:"),
        },
        "values": {
            "type": "array",
            "description": "Every value, for the indicator's place and the places within it, "
            "by period.",
            "items": VALUE,
        },
    },
}


def indicators_schema(schema_url: str) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": f"Indicators of {settings.PACE_COUNCIL_NAME}'s partnership",
        "description": "Population indicators and performance measures with their targets, "
        "status and values, as published by Partnerships for Action. Only published "
        "indicators are included. Figures are decimals written as text.",
        "type": "object",
        "required": ["schema", "publisher", "license", "indicators"],
        "additionalProperties": False,
        "properties": {
            "schema": {**URL, "description": "This schema's address."},
            "publisher": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {"name": {"type": "string"}},
            },
            "license": URL,
            "indicators": {"type": "array", "items": {"$ref": "#/$defs/indicator"}},
        },
        "$defs": {"indicator": INDICATOR},
    }
