from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "pace.site"
    label = "site"
    verbose_name = "PACE site"

    def ready(self) -> None:
        from . import search_sources  # noqa: F401  (registers what search looks through)
