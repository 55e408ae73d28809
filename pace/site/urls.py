from django.urls import path

from pace.core import sessions

from . import accounts, decisions, home, views

urlpatterns = [
    path("", home.home, name="home"),
    path("search/", views.search, name="search"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("contact/", views.contact, name="contact"),
    path("accounts/login/", accounts.SignInView.as_view(), name="login"),
    path("accounts/logout/", accounts.SignOutView.as_view(), name="logout"),
    path("accounts/session/extend/", sessions.session_extend, name="session-extend"),
    path("healthz", views.healthz, name="healthz"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("decisions/", decisions.decision_log, name="decision-log"),
    path("decisions/forward-plan/", decisions.forward_plan, name="forward-plan"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision-detail"),
]
