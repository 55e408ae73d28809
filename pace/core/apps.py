from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    default = True
    name = "pace.core"
    label = "core"
    verbose_name = "PACE core"

    def ready(self) -> None:
        from .roles import officers_group_sync
        from .writes import install_on_open_connections, install_write_watcher

        # Every write to the partnership's data makes the cached public pages stale.
        connection_created.connect(install_write_watcher, dispatch_uid="pace_write_watcher")
        install_on_open_connections()

        # Signing in starts the session's idle deadline (pace/core/sessions.py).
        from django.contrib.auth.signals import user_logged_in

        from .sessions import on_sign_in

        user_logged_in.connect(on_sign_in, dispatch_uid="pace_session_deadline")

        # Permissions only exist once every app has migrated, so the officers'
        # group is brought up to date after each migrate run.
        post_migrate.connect(officers_group_sync, dispatch_uid="pace_officers_group_sync")


class PaceStaticFilesConfig(StaticFilesConfig):
    # static/src holds the Sass sources and node_modules, not files to serve.
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "src"]
