from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnership structure"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (keeps board members' permissions current at login)
