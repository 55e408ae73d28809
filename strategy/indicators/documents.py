"""Every published indicator and its values as open data, built by the worker and
served from storage (``pace.documents``)."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from pace.documents.registry import register

from .opendata import indicators_csv, indicators_document, public_indicators
from .selectors import indicator_series

register(
    "indicators.json",
    path="/indicators/indicators.json",
    title="Indicators and their values (JSON)",
    standard="PACE indicators (schema at /indicators/schema.json)",
    content_type="application/json",
    reads=("indicators", "strategy", "partnerships"),
    build=lambda site_url: json.dumps(
        indicators_document(indicator_series(public_indicators()), site_url),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    ),
)
register(
    "indicators.csv",
    path="/indicators/indicators.csv",
    title="Indicators and their values (CSV)",
    standard="PACE indicators",
    content_type="text/csv; charset=utf-8",
    disposition="attachment",
    filename="indicators.csv",
    reads=("indicators", "strategy", "partnerships"),
    build=lambda site_url: indicators_csv(indicator_series(public_indicators()), site_url),
)
