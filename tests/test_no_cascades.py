"""Nothing with history or public record value is deleted by cascade: every foreign
key between the partnership's records protects what it points at, so a delete that
would take other records with it is refused with a message that names them
(``pace.core.deletion``). Declarations of interest, for one, are open to public
scrutiny at all times (agreement 5.6): deleting their meeting once deleted them."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from partnerships.models import Declaration, InterestType, Meeting

from .partnerships import factories as f

#: Rows that are a copy of something else, made and removed with it.
COPIES = {
    "partnerships.bodyuserobjectpermission",
    "partnerships.bodygroupobjectpermission",
    # A meeting's agenda pack is built from its papers (``partnerships.packs``).
    "partnerships.agendapack",
}
#: Parts that are their whole: a draft report's paragraphs go with it, each leaving
#: its history; a published report cannot be deleted (test_reports_admin below).
#: An exception report's steps (raised, copied, escalated) are its route, kept in
#: the report's own history: they go with the report.
PARTS = {
    "reports.ReportParagraph.report",
    "reports.ReportParagraph.parent",
    "strategy.ExceptionStep.report",
}


def test_no_record_is_deleted_by_a_cascade():
    cascading = [
        f"{model._meta.label}.{field.name}"
        for app in settings.PACE_DATA_APPS
        for model in apps.get_app_config(app).get_models()
        if model._meta.label_lower not in COPIES and not hasattr(model, "instance_type")
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.remote_field.on_delete is models.CASCADE
    ]
    assert sorted(set(cascading) - PARTS) == []


@pytest.mark.django_db
def test_deleting_a_meeting_with_declarations_is_refused_in_the_admin(client):
    amg = f.area()["amg"]
    meeting = Meeting.objects.create(body=amg, title="Board", starts_at=timezone.now())
    person = f.person("Dana Price")
    Declaration.objects.create(
        meeting=meeting, person=person, interest_type=InterestType.FINANCIAL, description="Director"
    )
    client.force_login(f.officer())
    page = client.get(f"/admin/partnerships/meeting/{meeting.pk}/delete/")
    assert page.status_code == 200
    client.post(f"/admin/partnerships/meeting/{meeting.pk}/delete/", {"post": "yes"})
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert Declaration.objects.filter(meeting=meeting).count() == 1


@pytest.mark.django_db
def test_a_published_report_cannot_be_deleted_in_the_admin(client):
    from pace.reports.models import CabinetReport, ReportStatus
    from tests.reports import factories as rf

    published = rf.report(status=ReportStatus.PUBLISHED)
    client.force_login(f.officer())
    assert client.get(f"/admin/reports/cabinetreport/{published.pk}/delete/").status_code == 403
    client.post(
        "/admin/reports/cabinetreport/",
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert CabinetReport.objects.filter(pk=published.pk).exists()
