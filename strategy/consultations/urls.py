from django.urls import path

from . import respond_views, views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    # "officers" and "privacy" are reserved consultation slugs
    # (models.consultations.RESERVED_SLUGS).
    path("officers/", views.consultation_officers, name="officers"),
    path("privacy/", views.privacy, name="privacy"),
    path("<slug:slug>/", views.consultation_detail, name="detail"),
    # Responding online (respond_views): none of these pages is cached.
    path("<slug:slug>/respond/", respond_views.respond_start, name="respond"),
    path(
        "<slug:slug>/respond/questions/<int:number>/",
        respond_views.respond_question,
        name="respond-question",
    ),
    path("<slug:slug>/respond/equality/", respond_views.respond_equality, name="respond-equality"),
    path("<slug:slug>/respond/check/", respond_views.respond_check, name="respond-check"),
    path("<slug:slug>/respond/sent/", respond_views.respond_sent, name="respond-sent"),
    path("<slug:slug>/respond/save/", respond_views.respond_save, name="respond-save"),
    path(
        "<slug:slug>/respond/resume/<str:token>/",
        respond_views.respond_resume,
        name="respond-resume",
    ),
]
