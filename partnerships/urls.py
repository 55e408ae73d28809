from django.urls import path

from . import (
    calendar_views,
    meeting_views,
    opendata,
    people_views,
    question_views,
    terms_views,
    views,
)

app_name = "partnerships"

urlpatterns = [
    path("partnerships/", views.structure, name="structure"),
    path("partnerships/popolo.json", opendata.popolo_json, name="popolo"),
    # Before the body's address: "terms" and "checks" are not bodies' slugs
    # (models.bodies.RESERVED_SLUGS; the checks are pace.site's page).
    path("partnerships/terms/", terms_views.core_terms, name="core-terms"),
    path("partnerships/<slug:slug>/", views.body_detail, name="body-detail"),
    path("partnerships/<slug:slug>/terms/", terms_views.body_terms, name="body-terms"),
    path(
        "partnerships/<slug:slug>/meetings.ics",
        meeting_views.body_meetings_feed,
        name="body-meetings-feed",
    ),
    path("people/<slug:slug>/", people_views.person_detail, name="person-detail"),
    path("meetings/", meeting_views.meeting_list, name="meeting-list"),
    path("meetings/calendar/", calendar_views.meeting_calendar, name="meeting-calendar"),
    path("meetings.ics", meeting_views.meetings_feed, name="meetings-feed"),
    path(
        "meetings/declarations/",
        meeting_views.declarations_register,
        name="declarations-register",
    ),
    path("meetings/area-assemblies/", meeting_views.area_assemblies, name="area-assemblies"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>.ics", meeting_views.meeting_ics, name="meeting-ics"),
    path("meetings/<int:pk>/questions/", question_views.question_ask, name="question-ask"),
    path("meetings/<int:pk>/questions/sent/", question_views.question_sent, name="question-sent"),
    path(
        "meetings/<int:pk>/minutes/<int:number>/",
        meeting_views.meeting_detail,
        name="meeting-minutes-version",
    ),
    path("meetings/<int:pk>/minutes.pdf", meeting_views.meeting_minutes_pdf, name="minutes-pdf"),
    path(
        "meetings/<int:pk>/papers/<int:paper_pk>/",
        meeting_views.paper_download,
        name="paper-download",
    ),
    path("meetings/<int:pk>/agenda-pack.pdf", meeting_views.agenda_pack, name="agenda-pack"),
    path(
        "meetings/<int:pk>/agenda-pack-full.pdf",
        meeting_views.agenda_pack_full,
        name="agenda-pack-full",
    ),
    path(
        "meetings/<int:pk>/minutes/<int:number>.pdf",
        meeting_views.meeting_minutes_pdf,
        name="minutes-version-pdf",
    ),
]
