from django.contrib.auth import views as auth_views
from django.urls import path

from . import decisions, views
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
    path("dashboard/", views.dashboard, name="dashboard"),
    path("decisions/", decisions.decision_log, name="decision-log"),
    path("decisions/forward-plan/", decisions.forward_plan, name="forward-plan"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision-detail"),
]
