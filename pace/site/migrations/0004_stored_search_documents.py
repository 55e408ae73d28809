"""Each searched table keeps its record's search document, on PostgreSQL only.

Searching for words most records hold ("action plan" finds 16,000 of 20,000 actions
at the scale data) spent its time making the text's vector twice a row: once to
match (the planner rightly reads the table rather than the index when most rows
match) and again to rank. Now each table of a source in pace/site/search_sources.py
has a ``pace_search`` column holding the vector its matches are ranked on (the
title at weight A, the record's other text at B: ``pace.site.search.STORED``), kept
by a trigger whenever a row is written or its text changes, by whatever door:
``save()``, ``QuerySet.update()``, ``bulk_create()`` or raw SQL. A GIN index on the
column answers the match, so its old expression index goes, except those a
related record's match still uses (a meeting's title, a body's and an
organisation's name: ``Related`` in the sources).

A trigger rather than a generated column: a generated column would stop any later
migration from changing the type of a column it reads (a longer ``max_length``).
A column renamed or dropped without a migration here fails every write to its
table, which the tests show at once. The column is not in the models' state, so
Django never reads or writes it and makemigrations does not see it.
tests/site/test_search.py checks the column equals a rebuild from the rows.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.sql import Query

COLUMN = "pace_search"

#: (model, title field, other fields): as the sources are at this migration.
DOCUMENTS = [
    ("partnerships.Body", "name", ("remit", "area_name")),
    ("partnerships.Person", "name", ("public_title",)),
    ("partnerships.Meeting", "title", ()),
    ("partnerships.AgendaItem", "title", ("papers",)),
    ("core.PublishedVersion", "html", ()),
    ("partnerships.Decision", "title", ("text",)),
    ("strategy.Strategy", "title", ("vision", "summary")),
    ("strategy.Outcome", "title", ("description",)),
    ("strategy.Priority", "title", ("description",)),
    ("strategy.ActionPlan", "title", ("summary",)),
    ("strategy.Action", "title", ("description", "measure_of_success", "target")),
    ("funding.Fund", "name", ("description", "budget_holder")),
    ("funding.GrantAward", "title", ("description",)),
    ("consultations.Consultation", "title", ("purpose", "local_issue")),
    ("reports.CabinetReport", "title", ("committee", "report_of", "portfolio_holder")),
    ("reports.ReportParagraph", "text", ()),
]

#: The expression indexes of 0001-0003 that the stored documents replace.
REPLACED = [
    ("partnerships.Body", "search_body", ("name", "remit", "area_name")),
    ("partnerships.Person", "search_person", ("name", "public_title")),
    ("partnerships.AgendaItem", "search_agendaitem", ("title", "papers")),
    ("core.PublishedVersion", "search_publishedversion", ("html",)),
    ("partnerships.Decision", "search_decision", ("title", "text")),
    ("strategy.Strategy", "search_strategy", ("title", "vision", "summary")),
    ("strategy.Outcome", "search_outcome", ("title", "description")),
    ("strategy.Priority", "search_priority", ("title", "description")),
    ("strategy.ActionPlan", "search_actionplan", ("title", "summary")),
    ("strategy.Action", "search_action", ("title", "description", "measure_of_success", "target")),
    ("funding.Fund", "search_fund", ("name", "description", "budget_holder")),
    ("funding.GrantAward", "search_grantaward", ("title", "description")),
    ("consultations.Consultation", "search_consultation", ("title", "purpose", "local_issue")),
    (
        "reports.CabinetReport",
        "search_cabinetreport",
        ("title", "committee", "report_of", "portfolio_holder"),
    ),
    ("reports.ReportParagraph", "search_reportparagraph", ("text",)),
]


def weighted(title: str, others: tuple[str, ...]) -> SearchVector:
    """The stored document: the same expression search ranked on before."""
    vector = SearchVector(title, config="english", weight="A")
    if others:
        vector += SearchVector(*others, config="english", weight="B")
    return vector


def expression_sql(model, vector, schema_editor, row: str) -> str:
    """``vector`` as SQL over ``model``'s columns, each read from ``row`` (``NEW`` in
    a trigger, nothing in an ``UPDATE``), its parameters written in."""
    connection = schema_editor.connection
    query = Query(model)
    compiler = query.get_compiler(connection=connection)
    sql, params = vector.resolve_expression(query).as_sql(compiler, connection)
    sql = connection.ops.compose_sql(sql, params)
    table = connection.ops.quote_name(model._meta.db_table)
    return sql.replace(f"{table}.", f"{row}." if row else "")


def _documents(apps, schema_editor):
    for label, title, others in DOCUMENTS:
        model = apps.get_model(label)
        yield model, model._meta.db_table, title, others


def add_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.connection.ops.quote_name
    for model, table, title, others in _documents(apps, schema_editor):
        vector = weighted(title, others)
        columns = ", ".join(quote(model._meta.get_field(f).column) for f in (title, *others))
        function = f"pace_search_{table}"
        schema_editor.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {COLUMN} tsvector")
        schema_editor.execute(
            f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.{COLUMN} := {expression_sql(model, vector, schema_editor, 'NEW')}; "
            "RETURN NEW; END $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE OF {columns} "
            f"ON {quote(table)} FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        schema_editor.execute(
            f"UPDATE {quote(table)} SET {COLUMN} = "
            f"{expression_sql(model, vector, schema_editor, '')}"
        )
        schema_editor.execute(
            f"CREATE INDEX search_doc_{table} ON {quote(table)} USING gin ({COLUMN})"
        )
        # The planner's figures for the new column: without them it takes every
        # match for one row and joins accordingly.
        schema_editor.execute(f"ANALYZE {quote(table)}")
    for label, name, fields in REPLACED:
        model = apps.get_model(label)
        schema_editor.remove_index(
            model, GinIndex(SearchVector(*fields, config="english"), name=name)
        )


def remove_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for label, name, fields in REPLACED:
        model = apps.get_model(label)
        schema_editor.add_index(model, GinIndex(SearchVector(*fields, config="english"), name=name))
    quote = schema_editor.connection.ops.quote_name
    for _model, table, _title, _others in _documents(apps, schema_editor):
        function = f"pace_search_{table}"
        schema_editor.execute(f"DROP TRIGGER {function} ON {quote(table)}")
        schema_editor.execute(f"DROP FUNCTION {function}()")
        schema_editor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("site", "0003_search_everything")]

    operations = [migrations.RunPython(add_documents, remove_documents)]
