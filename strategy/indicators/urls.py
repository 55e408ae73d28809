from django.urls import path

from . import curve_views, entry_views, opendata, views

app_name = "indicators"

urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("indicators/indicators.csv", opendata.bulk_csv, name="bulk-csv"),
    path("indicators/indicators.json", opendata.bulk_json, name="bulk-json"),
    path("indicators/schema.json", opendata.schema, name="schema"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator-detail"),
    path("indicators/<slug:slug>.csv", opendata.indicator_csv, name="indicator-csv"),
    path("indicators/<slug:slug>.json", opendata.indicator_json, name="indicator-json"),
    path("indicators/<slug:slug>/values/new/", entry_views.value_create, name="value-create"),
    path(
        "indicators/<slug:slug>/turn-the-curve/<int:pk>/",
        curve_views.curve_report,
        name="curve-report",
    ),
    path(
        "indicators/<slug:slug>/turn-the-curve/<int:pk>.pdf",
        curve_views.curve_report_pdf,
        name="curve-report-pdf",
    ),
    path(
        "strategy/<slug:strategy_slug>/outcomes/<int:position>/scorecard/",
        views.outcome_scorecard,
        name="outcome-scorecard",
    ),
    path(
        "strategy/<slug:strategy_slug>/priorities/<slug:slug>/scorecard/",
        views.priority_scorecard,
        name="priority-scorecard",
    ),
]
