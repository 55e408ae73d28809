from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "strategy.consultations"
    label = "consultations"
    verbose_name = "Consultations and equality impact assessments"

    def ready(self) -> None:
        from partnerships.panels import register_body_panel

        from . import duties, notices  # noqa: F401  (the alerts topic, and the duties)
        from .panels import consultations_panel

        register_body_panel(consultations_panel)
