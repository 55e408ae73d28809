from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "strategy.indicators"
    label = "indicators"
    verbose_name = "Indicators, targets and scorecards"
