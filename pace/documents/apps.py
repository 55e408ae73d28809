from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.module_loading import autodiscover_modules


class DocumentsConfig(AppConfig):
    name = "pace.documents"
    label = "documents"
    verbose_name = "Stored open-data documents"

    def ready(self) -> None:
        from pace.core.writes import records_committed

        from . import duties  # noqa: F401 - registers the daily rebuild
        from .services import migration_finished, migration_started, records_changed

        # Each app says in its documents.py which documents it publishes.
        autodiscover_modules("documents")
        records_committed.connect(records_changed, dispatch_uid="pace.documents")
        # Every app's signal: the flag is up from the first app's migrations to the
        # last app's post-migrate handlers, which may write records too.
        pre_migrate.connect(migration_started, dispatch_uid="pace.documents")
        post_migrate.connect(migration_finished, dispatch_uid="pace.documents")
