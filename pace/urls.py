from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import SignInForm

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("consultations/", include("strategy.consultation_urls")),
    path("", include("partnerships.urls")),
    path("", include("strategy.urls")),
    path("", include("funding.urls")),
    path("", include("pace.reports.urls")),
]
