"""The indexes for searching every public record (pace/site/search_sources.py), on
PostgreSQL only, made as 0001 makes the others.

- GIN indexes on the full-text expression of the sources added here: people,
  minutes (as published: ``PublishedVersion``), strategies, outcomes, priorities,
  plans, funds and report paragraphs.
- ``pg_trgm`` and a trigram index on each source's title, for "did you mean": the
  titles whose words are like a mistyped word are found through them
  (``pace.site.search._vocabulary``).

``TrigramExtension`` runs ``CREATE EXTENSION IF NOT EXISTS pg_trgm``, which needs a
role allowed to create it (the local ``postgres`` user is; a managed database may
need its administrator to run it first). On SQLite it does nothing.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

#: (model, index name, fields) of the full-text indexes.
TEXT_INDEXES = [
    ("partnerships.Person", "search_person", ("name", "public_title")),
    ("core.PublishedVersion", "search_publishedversion", ("html",)),
    ("strategy.Strategy", "search_strategy", ("title", "vision", "summary")),
    ("strategy.Outcome", "search_outcome", ("title", "description")),
    ("strategy.Priority", "search_priority", ("title", "description")),
    ("strategy.ActionPlan", "search_actionplan", ("title", "summary")),
    ("funding.Fund", "search_fund", ("name", "description", "budget_holder")),
    ("reports.ReportParagraph", "search_reportparagraph", ("text",)),
]

#: (model, index name, title field) of the trigram indexes.
TRIGRAM_INDEXES = [
    ("partnerships.Body", "trgm_body_name", "name"),
    ("partnerships.Person", "trgm_person_name", "name"),
    ("partnerships.Meeting", "trgm_meeting_title", "title"),
    ("partnerships.AgendaItem", "trgm_agendaitem_title", "title"),
    ("partnerships.Decision", "trgm_decision_title", "title"),
    ("strategy.Strategy", "trgm_strategy_title", "title"),
    ("strategy.Outcome", "trgm_outcome_title", "title"),
    ("strategy.Priority", "trgm_priority_title", "title"),
    ("strategy.ActionPlan", "trgm_actionplan_title", "title"),
    ("strategy.Action", "trgm_action_title", "title"),
    ("funding.Fund", "trgm_fund_name", "name"),
    ("funding.GrantAward", "trgm_grantaward_title", "title"),
    ("consultations.Consultation", "trgm_consultation_title", "title"),
    ("reports.CabinetReport", "trgm_cabinetreport_title", "title"),
]


def _each_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, name, fields in TEXT_INDEXES:
        yield apps.get_model(model), GinIndex(SearchVector(*fields, config="english"), name=name)
    for model, name, field in TRIGRAM_INDEXES:
        yield apps.get_model(model), GinIndex(fields=[field], opclasses=["gin_trgm_ops"], name=name)


def create_indexes(apps, schema_editor):
    for model, index in _each_index(apps, schema_editor):
        statement = str(index.create_sql(model, schema_editor))
        schema_editor.execute(statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))


def drop_indexes(apps, schema_editor):
    for model, index in _each_index(apps, schema_editor):
        schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0002_decision_search_index"),
        ("core", "0002_published_version_author"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
