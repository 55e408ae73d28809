from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    name = "pace.protocols"
    label = "protocols"
    verbose_name = "Complaints, whistle-blowing and disputes"
