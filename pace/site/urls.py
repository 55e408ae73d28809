from django.urls import path

from pace.core import sessions

from . import accounts, decisions, governance, home, opendata, views, wards

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
    path("account/notifications/", accounts.notification_choices, name="notification-choices"),
    path("decisions/", decisions.decision_log, name="decision-log"),
    path("decisions/forward-plan/", decisions.forward_plan, name="forward-plan"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision-detail"),
    # Before partnerships' body address ("checks" is not a body's slug).
    path("partnerships/checks/", governance.governance_checks_page, name="governance-checks"),
    path("open-data/", opendata.open_data, name="open-data"),
    path("wards/", wards.ward_list, name="ward-list"),
    path("wards/<slug:slug>/", wards.ward_detail, name="ward-detail"),
]
