"""The GIN index for searching the decision log (pace/site/search_sources.py,
"Decisions"), on PostgreSQL only, made as 0001 makes the others."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = [("partnerships.Decision", "search_decision", ("title", "text"))]


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
        ("site", "0001_search_indexes"),
        ("partnerships", "0012_decisions_and_forward_plan"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
