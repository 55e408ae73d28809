from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    name = "pace.protocols"
    label = "protocols"
    verbose_name = "Complaints, whistle-blowing and disputes"

    def ready(self) -> None:
        # The audiences the worker checks before sending, and the daily duty.
        from . import duties  # noqa: F401
