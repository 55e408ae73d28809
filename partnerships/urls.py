from django.urls import path

from . import opendata, views

app_name = "partnerships"

urlpatterns = [
    path("partnerships/", views.structure, name="structure"),
    path("partnerships/popolo.json", opendata.popolo_json, name="popolo"),
    path("partnerships/<slug:slug>/", views.body_detail, name="body-detail"),
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
]
