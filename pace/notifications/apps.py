from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "pace.notifications"
    label = "notifications"
    verbose_name = "Messages sent"
