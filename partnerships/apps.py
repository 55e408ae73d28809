from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnership structure"

    def ready(self) -> None:
        from . import notices, signals  # noqa: F401
        # signals keep board members' permissions current at login; notices registers
        # who may receive what, the alerts topics and the scheduled duties.
