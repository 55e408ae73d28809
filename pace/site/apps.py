from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "pace.site"
    label = "site"
    verbose_name = "PACE site"

    def ready(self) -> None:
        from pace.reports.panels import annual_report_panel
        from partnerships.panels import register_body_panel

        from . import search_sources  # noqa: F401  (registers what search looks through)

        register_body_panel(annual_report_panel)
