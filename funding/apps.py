from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = "Funding"

    def ready(self) -> None:
        from partnerships.panels import register_body_panel

        from . import notices  # noqa: F401  (the alerts topic and its duty)
        from .panels import area_board_panel, grants_panel

        register_body_panel(grants_panel)
        register_body_panel(area_board_panel)
