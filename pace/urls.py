from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("consultations/", include("strategy.consultation_urls")),
    path("", include("partnerships.urls")),
    path("", include("strategy.urls")),
    path("", include("funding.urls")),
    path("", include("pace.reports.urls")),
]
