from django.apps import AppConfig


class PaceConfig(AppConfig):
    name = "pace"
    verbose_name = "PACE"

    def ready(self) -> None:
        from partnerships.panels import register_body_panel

        from . import search_sources  # noqa: F401  (registers what search looks through)
        from .reports.panels import annual_report_panel

        register_body_panel(annual_report_panel)
