from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = "Strategy and action plans"

    def ready(self) -> None:
        from partnerships.panels import register_body_panel

        from . import notices  # noqa: F401  (the scheduled duties)
        from .panels import plans_panel

        register_body_panel(plans_panel)
