from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "pace.site"
    label = "site"
    verbose_name = "PACE site"

    def ready(self) -> None:
        # search_sources registers what search looks through; notices, the officers'
        # daily digest.
        from . import notices, search_sources  # noqa: F401
