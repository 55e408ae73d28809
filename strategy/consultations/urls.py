from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    # "officers" is a reserved consultation slug (models.consultations.RESERVED_SLUGS).
    path("officers/", views.consultation_officers, name="officers"),
    path("<slug:slug>/", views.consultation_detail, name="detail"),
]
