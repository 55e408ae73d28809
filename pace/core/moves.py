"""Moving models from one app to another with everything they hold: a migration
operation for the app they move to.

``MoveRows(from_app, to_app)`` copies the rows of each model of ``to_app`` (many-to-
many and audit history tables included) from the table of the model of the same name
in ``from_app``, keeping every id, then resets the new tables' id sequences, and
hands the old models' content types to ``to_app``: their ids, and so every
permission, object permission and admin log entry that points at them, stay as they
were. Run it after the new tables are made and before the old ones are dropped
(``run_before`` the migration that deletes them). Reversed, it copies the rows back.
"""

from django.core.management.color import no_style
from django.db import migrations


def _pairs(apps, source: str, target: str, renamed: dict[str, tuple[str, str]], fresh):
    """(old model, new model) for each table of ``target`` that has rows to take."""
    for new in apps.get_app_config(target).get_models(include_auto_created=True):
        if new._meta.proxy or new._meta.object_name in fresh:
            continue
        app_label, name = renamed.get(new._meta.object_name, (source, new._meta.object_name))
        yield apps.get_model(app_label, name), new


def _copy(apps, schema_editor, pairs) -> None:
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    copied = []
    for old, new in pairs:
        old_columns = {field.column for field in old._meta.local_concrete_fields}
        columns = [
            quote(f.column) for f in new._meta.local_concrete_fields if f.column in old_columns
        ]
        schema_editor.execute(
            f"INSERT INTO {quote(new._meta.db_table)} ({', '.join(columns)}) "
            f"SELECT {', '.join(columns)} FROM {quote(old._meta.db_table)}"
        )
        copied.append(new)
    for sql in connection.ops.sequence_reset_sql(no_style(), copied):
        schema_editor.execute(sql)


def _hand_over_content_types(apps, source: str, target: str, models: list[str]) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    # Made by an earlier run of migrate's post_migrate hook, before any rows moved:
    # nothing refers to them but their own permissions.
    content_type.objects.filter(app_label=target, model__in=models).delete()
    content_type.objects.filter(app_label=source, model__in=models).update(app_label=target)


class MoveRows(migrations.RunPython):
    def __init__(self, from_app: str, to_app: str, *, renamed=None, new=()) -> None:
        # renamed: {new model name: (app label, old model name)} for a model whose
        # old table was another app's or under another name; new: models that had
        # no table before.
        self.from_app, self.to_app = from_app, to_app
        self.renamed, self.fresh = renamed or {}, frozenset(new)
        super().__init__(self.forwards, self.backwards)

    def _model_names(self, apps) -> list[str]:
        return [
            model._meta.model_name
            for model in apps.get_app_config(self.to_app).get_models()
            if not model._meta.auto_created
        ]

    def forwards(self, apps, schema_editor) -> None:
        _copy(
            apps,
            schema_editor,
            list(_pairs(apps, self.from_app, self.to_app, self.renamed, self.fresh)),
        )
        _hand_over_content_types(apps, self.from_app, self.to_app, self._model_names(apps))

    def backwards(self, apps, schema_editor) -> None:
        pairs = [
            (new, old)
            for old, new in _pairs(apps, self.from_app, self.to_app, self.renamed, self.fresh)
        ]
        _copy(apps, schema_editor, pairs)
        _hand_over_content_types(apps, self.to_app, self.from_app, self._model_names(apps))

    def describe(self) -> str:
        return f"Move the rows of {self.to_app}'s models from {self.from_app}"
