from django.urls import path

from . import views

app_name = "protocols"

urlpatterns = [
    path("complaints/", views.index, name="index"),
    path("complaints/new/", views.complaint_new, name="complaint-new"),
    path("complaints/received/", views.complaint_received, name="complaint-received"),
    path("complaints/cases/", views.cases, name="cases"),
    path("whistleblowing/new/", views.whistleblowing_new, name="whistleblowing-new"),
    path("whistleblowing/received/", views.whistleblowing_received, name="whistleblowing-received"),
]
