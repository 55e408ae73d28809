from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("alerts/", views.alerts_index, name="alerts"),
    path("alerts/subscribe/", views.subscribe, name="subscribe"),
    path("alerts/privacy/", views.privacy, name="privacy"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("alerts/manage/<str:token>/", views.manage, name="manage"),
]
