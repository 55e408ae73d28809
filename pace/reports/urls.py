from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_list, name="report-list"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>.pdf", views.report_pdf, name="report-pdf"),
    path(
        "reports/<int:pk>/versions/<int:number>/",
        views.report_detail,
        name="report-version",
    ),
    path(
        "reports/<int:pk>/versions/<int:number>.pdf",
        views.report_pdf,
        name="report-version-pdf",
    ),
    path(
        "partnerships/<slug:slug>/annual-report.pdf",
        views.body_annual_report_pdf,
        name="body-annual-report",
    ),
    path(
        "partnerships/<slug:slug>/annual-reports/<int:year>.pdf",
        views.annual_report_presented_pdf,
        name="annual-report-presented",
    ),
    path(
        "partnerships/<slug:slug>/annual-reports/<int:year>/versions/<int:number>.pdf",
        views.annual_report_presented_pdf,
        name="annual-report-version",
    ),
    path("plans/<int:pk>.pdf", views.action_plan_pdf, name="plan-pdf"),
]
