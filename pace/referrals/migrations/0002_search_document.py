"""The referrals' stored search document, on PostgreSQL only, as site migration 0004
made one for each searched table (read its docstring): a ``pace_search`` column of
the title at weight A and the need at B, kept by a trigger on every write, and a
GIN index on it. ``pace.site.search_sources`` searches the public referrals with
these fields; the two must change together. Written out here rather than imported:
a migration stays as it was when it ran, and this app may not import the site."""

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.sql import Query

COLUMN = "pace_search"
TITLE, OTHERS = "title", ("need",)


def _sql(model, schema_editor, row: str) -> str:
    vector = SearchVector(TITLE, config="english", weight="A") + SearchVector(
        *OTHERS, config="english", weight="B"
    )
    connection = schema_editor.connection
    query = Query(model)
    compiler = query.get_compiler(connection=connection)
    sql, params = vector.resolve_expression(query).as_sql(compiler, connection)
    sql = connection.ops.compose_sql(sql, params)
    table = connection.ops.quote_name(model._meta.db_table)
    return sql.replace(f"{table}.", f"{row}." if row else "")


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("referrals", "Referral")
    quote = schema_editor.connection.ops.quote_name
    table = model._meta.db_table
    columns = ", ".join(quote(model._meta.get_field(f).column) for f in (TITLE, *OTHERS))
    function = f"pace_search_{table}"
    schema_editor.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {COLUMN} tsvector")
    schema_editor.execute(
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN NEW.{COLUMN} := {_sql(model, schema_editor, 'NEW')}; RETURN NEW; END $$"
    )
    schema_editor.execute(
        f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE OF {columns} "
        f"ON {quote(table)} FOR EACH ROW EXECUTE FUNCTION {function}()"
    )
    schema_editor.execute(
        f"UPDATE {quote(table)} SET {COLUMN} = {_sql(model, schema_editor, '')}"
    )
    schema_editor.execute(
        f"CREATE INDEX search_doc_{table} ON {quote(table)} USING gin ({COLUMN})"
    )


def remove_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("referrals", "Referral")
    quote = schema_editor.connection.ops.quote_name
    table = model._meta.db_table
    function = f"pace_search_{table}"
    schema_editor.execute(f"DROP TRIGGER {function} ON {quote(table)}")
    schema_editor.execute(f"DROP FUNCTION {function}()")
    schema_editor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_referrals")]

    operations = [migrations.RunPython(add_document, remove_document)]
