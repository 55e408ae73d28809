"""Residents who follow reports hear, once, when a cabinet report is published and
when a body's annual report is presented; a draft tells nobody."""

import pytest
from django.utils import timezone

from pace.notifications.models import Subscription
from pace.reports import services
from pace.reports.models import AnnualReport, ReportStatus

from ..partnerships import factories as f
from ..reports import factories as rf
from ..strategy import factories as sf
from .conftest import part, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def followers():
    now = timezone.now()
    Subscription.objects.create(
        email="reader@example.org", topic="reports", label="Reports", token="r1", confirmed_at=now
    )
    Subscription.objects.create(
        email="unconfirmed@example.org", topic="reports", label="R", token="r2"
    )
    Subscription.objects.create(
        email="other@example.org", topic="consultations", label="C", token="r3", confirmed_at=now
    )


def test_a_published_cabinet_report_is_told_once(
    smtp, followers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = rf.report(status=ReportStatus.DRAFT, title="Partnerships structure")
    run_worker()
    assert smtp.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        services.cabinet_report_publish(report=draft)
    run_worker()
    assert smtp.to() == ["reader@example.org"]
    (alert,) = smtp.messages
    assert alert["Subject"] == "Report published: Partnerships structure"
    assert draft.get_absolute_url() in part(alert, "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        services.cabinet_report_correct(report=draft, correction="A typing error in 5.2.")
    run_worker()
    assert len(smtp.messages) == 1  # a correction is on the report's page, not a new alert


def test_a_presented_annual_report_is_told(smtp, followers, django_capture_on_commit_callbacks):
    bodies = f.area()
    sf.action(sf.plan(bodies["amg"]))
    with django_capture_on_commit_callbacks(execute=True):
        services.annual_report_present(
            report=AnnualReport(
                body=bodies["amg"],
                year=timezone.localdate().year - 1,
                presented_to=bodies["area_board"],
                presented_on=timezone.localdate(),
            )
        )
    run_worker()
    assert smtp.to() == ["reader@example.org"]
    assert smtp.messages[0]["Subject"].startswith(f"Annual report: {bodies['amg'].name}")
