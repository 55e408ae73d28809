from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "pace.reports"
    label = "reports"
    verbose_name = "Cabinet reports"

    def ready(self) -> None:
        from pace.core.writes import records_committed
        from partnerships.panels import register_body_panel

        from . import (
            notices,  # noqa: F401  (the alerts topic)
            scorecards,  # noqa: F401  (the scorecards appendix kind)
        )
        from .live import records_changed
        from .panels import annual_report_panel

        register_body_panel(annual_report_panel)
        records_committed.connect(records_changed, dispatch_uid="pace.reports.live")
