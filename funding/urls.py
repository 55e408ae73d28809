from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("funding/", views.funding_index, name="index"),
    path("funding/awards/<int:pk>/", views.award_detail, name="award-detail"),
    path("funding/funds/<int:pk>/", views.fund_detail, name="fund-detail"),
    path("funding/checks/", views.checks, name="checks"),
    path("funding/360giving.json", views.grants_360_json, name="360giving-json"),
    path("funding/360giving.csv", views.grants_360_csv, name="360giving-csv"),
    path("funding/transparency.csv", views.transparency_csv, name="transparency-csv"),
]
