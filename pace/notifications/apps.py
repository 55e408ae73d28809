from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "pace.notifications"
    label = "notifications"
    verbose_name = "Messages, alerts and scheduled duties"

    def ready(self) -> None:
        from . import duties  # noqa: F401  (registers this app's scheduled duties)
