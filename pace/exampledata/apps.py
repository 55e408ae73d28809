from django.apps import AppConfig


class ExampleDataConfig(AppConfig):
    name = "pace.exampledata"
    label = "exampledata"
    verbose_name = "PACE example data"
