from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("strategies/", views.strategy_list, name="strategy-list"),
    path("strategy/<slug:slug>/", views.strategy_detail, name="strategy-detail"),
    path(
        "strategy/<slug:strategy_slug>/priorities/<slug:slug>/",
        views.priority_detail,
        name="priority-detail",
    ),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/update/", views.progress_update_create, name="update-create"),
    path("exceptions/<int:pk>/resolve/", views.exception_resolve, name="exception-resolve"),
    path("dashboard/gaps/", views.accountability_gaps, name="gaps"),
]
