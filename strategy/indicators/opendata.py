"""The indicators as open data: each indicator's and every indicator's values, as
JSON (documented by ``/indicators/schema.json``, ``opendata_schema``) and as CSV
(one row per value, with the indicator's columns beside it, so a row reads alone).

Only published indicators, whoever asks: the files start from
``selectors.indicators_visible(None)`` and never look at who is signed in, so open
data is the same for everyone, and an unpublished indicator's files are a 404.
Figures are written as decimal text, never through a float. Served as the other
open data is (``funding.views``): anyone's page may fetch them (CORS), the CSV as
a download, and the page cache and its ETag keep repeat fetches cheap.
"""

import csv
import io
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from pace.core.spreadsheets import safe_cell
from pace.documents.services import stored_document_response
from strategy.models import Direction

from .models import (
    Frequency,
    Geography,
    Indicator,
    IndicatorKind,
    IndicatorValue,
    MeasureType,
    Unit,
)
from .opendata_schema import indicators_schema
from .selectors import IndicatorSeries, indicator_series, indicators_visible
from .status import Point

LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def decimal_text(value: Decimal, places: int) -> str:
    """``value`` to the indicator's decimal places, or to every place it has if it
    has more (never rounded)."""
    if value == round(value, places):
        return f"{value.quantize(Decimal(1).scaleb(-places)):f}"
    return f"{value.normalize():f}"


def _rounded(value: Decimal | None, places: int) -> str | None:
    """A worked-out figure (where the line to the target is on a date), to the
    indicator's places as the pages show it."""
    if value is None:
        return None
    return f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _coded(choice) -> dict:
    return {"code": choice.value, "label": choice.label}


def _place(geography: Geography) -> dict:
    return {
        "slug": geography.slug,
        "name": geography.name,
        "kind": geography.kind,
        "ons_code": geography.code or None,
    }


def _point(point: Point | None, places: int) -> dict | None:
    if point is None:
        return None
    return {"date": _iso(point.on), "value": decimal_text(point.value, places)}


def _value(value: IndicatorValue, places: int) -> dict:
    return {
        "period_end": _iso(value.period_end),
        "geography": _place(value.geography),
        "value": decimal_text(value.value, places),
        "status": value.status,
        "note": value.note,
    }


def indicator_document(series: IndicatorSeries, site_url: str) -> dict:
    """One indicator as the schema's ``indicator``."""
    card = series.card
    indicator: Indicator = card.indicator
    places = indicator.decimal_places
    assessment = card.assessment
    plan = indicator.plan if indicator.plan_id and indicator.plan.is_published else None
    return {
        "id": indicator.pk,
        "slug": indicator.slug,
        "url": site_url + indicator.get_absolute_url(),
        "title": indicator.title,
        "kind": _coded(IndicatorKind(indicator.kind)),
        "definition": indicator.definition,
        "unit": _coded(Unit(indicator.unit)),
        "decimal_places": places,
        "polarity": _coded(Direction(indicator.polarity)),
        "frequency": _coded(Frequency(indicator.frequency)),
        "source": {"name": indicator.source, "url": indicator.source_url or None},
        "geography": _place(indicator.geography),
        "owner": {
            "name": indicator.owner.name,
            "slug": indicator.owner.slug,
            "url": site_url + indicator.owner.get_absolute_url(),
        },
        "outcomes": [
            {
                "title": outcome.title,
                "strategy": outcome.strategy.title,
                "url": site_url
                + reverse(
                    "indicators:outcome-scorecard", args=[outcome.strategy.slug, outcome.position]
                ),
            }
            for outcome in indicator.outcomes.all()
        ],
        "priorities": [
            {
                "title": priority.title,
                "strategy": priority.strategy.title,
                "url": site_url
                + reverse(
                    "indicators:priority-scorecard", args=[priority.strategy.slug, priority.slug]
                ),
            }
            for priority in indicator.priorities.all()
        ],
        "plan": {
            "title": plan.title,
            "strategy": plan.strategy.title if plan.strategy_id else "",
            "url": site_url + plan.get_absolute_url(),
        }
        if plan
        else None,
        "rba_question": _coded(MeasureType(indicator.measure_type))
        if indicator.measure_type
        else None,
        "baseline": _point(card.baseline, places),
        "targets": [
            {
                "date": _iso(target.target_on),
                "value": decimal_text(target.value, places),
                "note": target.note,
            }
            for target in card.targets
        ],
        "status": {
            **_coded(assessment.status),
            "latest": _point(assessment.latest, places),
            "expected": _rounded(assessment.expected, places),
            "judged_against": _point(assessment.target, places),
        },
        "travel": _coded(assessment.travel),
        "values": [_value(value, places) for value in series.values],
    }


def indicators_document(all_series: Iterable[IndicatorSeries], site_url: str) -> dict:
    """The schema's document: publisher, licence and the indicators."""
    return {
        "schema": site_url + reverse("indicators:schema"),
        "publisher": {"name": settings.PACE_COUNCIL_NAME},
        "license": LICENCE,
        "indicators": [indicator_document(series, site_url) for series in all_series],
    }


CSV_COLUMNS = [
    "indicator_id",
    "indicator_slug",
    "indicator_title",
    "kind",
    "rba_question",
    "definition",
    "unit",
    "decimal_places",
    "polarity",
    "frequency",
    "source",
    "source_url",
    "indicator_geography",
    "indicator_geography_ons_code",
    "owner",
    "outcomes",
    "priorities",
    "plan",
    "baseline",
    "baseline_date",
    "status",
    "travel",
    "target",
    "target_date",
    "period_end",
    "geography",
    "geography_ons_code",
    "value",
    "value_status",
    "note",
    "indicator_url",
]


#: Written by this module from numbers (``decimal_text``, integers): digits, a point
#: and perhaps a leading minus, which cannot be a formula. ``safe_cell`` would turn
#: a negative score into text ("'-1.5"), so these are left as they are; every other
#: cell, anyone's words among them, goes through it.
NUMERIC_COLUMNS = frozenset({"indicator_id", "decimal_places", "baseline", "target", "value"})


def indicators_csv(all_series: Iterable[IndicatorSeries], site_url: str) -> str:
    """One row per value (an indicator without values has no row), with what the
    JSON says of its indicator, flattened: outcomes and priorities joined by "; ",
    the target the status is judged against. Status and travel are the JSON's
    codes."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for series in all_series:
        doc = indicator_document(series, site_url)
        status = doc["status"]
        target = status["judged_against"] or {}
        baseline = doc["baseline"] or {}
        shared = [
            doc["id"],
            doc["slug"],
            doc["title"],
            doc["kind"]["code"],
            (doc["rba_question"] or {}).get("code", ""),
            doc["definition"],
            doc["unit"]["code"],
            doc["decimal_places"],
            doc["polarity"]["code"],
            doc["frequency"]["code"],
            doc["source"]["name"],
            doc["source"]["url"] or "",
            doc["geography"]["name"],
            doc["geography"]["ons_code"] or "",
            doc["owner"]["name"],
            "; ".join(o["title"] for o in doc["outcomes"]),
            "; ".join(p["title"] for p in doc["priorities"]),
            (doc["plan"] or {}).get("title", ""),
            baseline.get("value", ""),
            baseline.get("date", ""),
            status["code"],
            doc["travel"]["code"],
            target.get("value", ""),
            target.get("date", ""),
        ]
        for value in doc["values"]:
            row = [
                *shared,
                value["period_end"],
                value["geography"]["name"],
                value["geography"]["ons_code"] or "",
                value["value"],
                value["status"],
                value["note"],
                doc["url"],
            ]
            writer.writerow(
                [
                    cell if column in NUMERIC_COLUMNS else safe_cell(cell)
                    for column, cell in zip(CSV_COLUMNS, row, strict=True)
                ]
            )
    return out.getvalue()


# Views ------------------------------------------------------------------------------


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def public_indicators():
    # Never the reader's access: open data is the same whoever asks.
    return indicators_visible(None).order_by("title", "pk")


def _one(slug: str):
    public = public_indicators().filter(slug=slug)
    series = indicator_series(public)
    if not series:
        raise Http404("No such published indicator")
    return series


def _json(document: dict) -> JsonResponse:
    # Compact: json's C encoder only runs without indent; anyone can pretty-print it.
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _csv(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def bulk_json(request):
    """``/indicators/indicators.json``: every published indicator and its values."""
    return stored_document_response(request, "indicators.json")


@require_GET
def bulk_csv(request):
    """``/indicators/indicators.csv``: every published indicator's values."""
    return stored_document_response(request, "indicators.csv")


@require_GET
def indicator_json(request, slug: str):
    """``/indicators/<slug>.json``: one published indicator, as the bulk file has it."""
    return _json(indicators_document(_one(slug), _site_url(request)))


@require_GET
def indicator_csv(request, slug: str):
    """``/indicators/<slug>.csv``: one published indicator's values."""
    return _csv(indicators_csv(_one(slug), _site_url(request)), f"indicator-{slug}.csv")


@require_GET
def schema(request):
    """``/indicators/schema.json``: the JSON Schema of the two JSON files."""
    response = _json(indicators_schema(_site_url(request) + reverse("indicators:schema")))
    response["Content-Type"] = "application/schema+json"
    return response
