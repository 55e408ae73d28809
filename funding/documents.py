"""The grants as open data, built by the worker and served from storage
(``pace.documents``): made from the public awards only, as ``/funding/`` shows them."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from pace.documents.registry import register

from . import opendata, selectors

#: The awards' recipients and deciding bodies, and their wards, are partnerships'.
READS = ("funding", "partnerships")

register(
    "360giving.json",
    path="/funding/360giving.json",
    title="Grants (360Giving JSON)",
    standard="360Giving Data Standard",
    content_type="application/json",
    reads=READS,
    # Compact: json's C encoder only runs without indent (a tenth of the time).
    build=lambda site_url: json.dumps(
        opendata.package_360(selectors.public_awards(), site_url),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    ),
)
register(
    "360giving.csv",
    path="/funding/360giving.csv",
    title="Grants (360Giving CSV)",
    standard="360Giving Data Standard, flat form",
    content_type="text/csv; charset=utf-8",
    disposition="attachment",
    filename="360giving-grants.csv",
    reads=READS,
    build=lambda site_url: opendata.csv_360(selectors.public_awards(), site_url),
)
register(
    "transparency.csv",
    path="/funding/transparency.csv",
    title="Grants to voluntary, community and social enterprise organisations (CSV)",
    standard="Local Government Transparency Code 2015",
    content_type="text/csv; charset=utf-8",
    disposition="attachment",
    filename="transparency-grants-to-vcse.csv",
    reads=READS,
    build=lambda site_url: opendata.csv_transparency(selectors.public_awards()),
)
