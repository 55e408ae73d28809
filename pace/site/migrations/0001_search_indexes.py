"""GIN indexes for the site search (pace/site/search.py), on PostgreSQL only.

Each index is on the expression the search matches with (``pace.site.search.document``,
written out here so that this migration does not change with the code) for the
fields its source in pace/site/search_sources.py names: PostgreSQL uses an expression
index only for the very same expression, and tests/site/test_search.py checks that
every match does. SQLite has no full-text search of this kind (search falls back to
matching words there), so nothing is made on it; the indexes are not in the models'
state, so they are not part of what makemigrations compares.

The indexes are made only where they are missing: this migration belonged to the
project package (app label ``pace``) before the site got an app of its own, so a
database migrated then has them already.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

#: (model, index name, fields)
INDEXES = [
    ("partnerships.Body", "search_body", ("name", "remit", "area_name")),
    ("strategy.Action", "search_action", ("title", "description", "measure_of_success", "target")),
    ("partnerships.AgendaItem", "search_agendaitem", ("title", "papers")),
    ("partnerships.Meeting", "search_meeting", ("title",)),
    ("funding.GrantAward", "search_grantaward", ("title", "description")),
    ("partnerships.Body", "search_body_name", ("name",)),
    ("partnerships.Organisation", "search_organisation", ("name",)),
    ("consultations.Consultation", "search_consultation", ("title", "purpose", "local_issue")),
    (
        "reports.CabinetReport",
        "search_cabinetreport",
        ("title", "committee", "report_of", "portfolio_holder"),
    ),
]


def _each_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, name, fields in INDEXES:
        yield apps.get_model(model), GinIndex(SearchVector(*fields, config="english"), name=name)


def create_indexes(apps, schema_editor):
    for model, index in _each_index(apps, schema_editor):
        statement = str(index.create_sql(model, schema_editor))
        schema_editor.execute(statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))


def drop_indexes(apps, schema_editor):
    for model, index in _each_index(apps, schema_editor):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0003_history"),
        ("partnerships", "0006_history_organisation_website_http_only"),
        ("strategy", "0005_history"),
        # After the moves of models between apps, so that each index is made on the
        # table that stays.
        ("consultations", "0002_rows_from_strategy"),
        ("reports", "0002_rows_from_strategy"),
        ("strategy", "0009_cabinet_reports_moved_out"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
