from django.apps import AppConfig
from django.db.backends.signals import connection_created


class SiteConfig(AppConfig):
    name = "pace.site"
    label = "site"
    verbose_name = "PACE site"

    def ready(self) -> None:
        # search_sources registers what search looks through; notices, the officers'
        # daily digest.
        from . import notices, search_sources  # noqa: F401
        from .search_text import prepare_connection

        # Not a signal for a business rule: each connection is made ready for the
        # search (SQLite's stemmed match, PostgreSQL's trigram threshold).
        connection_created.connect(prepare_connection, dispatch_uid="pace-search-sqlite")
