"""Progress updates and the exception reports a red one opens."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from strategy import services
from strategy.models import ExceptionReport, ExceptionStatus, ProgressUpdate, Rag

from ..partnerships import factories as pf
from . import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def amg_action():
    bodies = pf.area()
    owner = pf.person()
    pf.member(bodies["amg"], owner)
    return bodies, sf.action(sf.plan(bodies["amg"]), owner)


def post(action, rag, **kw):
    return services.progress_update_post(action=action, rag=rag, narrative="What happened", **kw)


def test_a_red_update_opens_exactly_one_report_to_the_parent_body(amg_action):
    bodies, action = amg_action
    post(action, Rag.GREEN)
    assert not ExceptionReport.objects.exists()
    red = post(action, Rag.RED)
    report = ExceptionReport.objects.get()
    assert report.addressed_to == bodies["area_board"]
    assert report.status == ExceptionStatus.OPEN and report.opened_by_update == red
    post(action, Rag.RED)  # still red: the open report stands
    assert ExceptionReport.objects.count() == 1
    action.refresh_from_db()
    assert action.latest_rag == Rag.RED


def test_after_resolution_a_new_red_opens_a_new_report(amg_action):
    _, action = amg_action
    post(action, Rag.RED)
    report = ExceptionReport.objects.get()
    with pytest.raises(ValidationError):
        services.exception_report_resolve(report=report, resolution="  ")
    services.exception_report_resolve(report=report, resolution="Extra staff agreed")
    post(action, Rag.RED)
    assert ExceptionReport.objects.filter(status=ExceptionStatus.OPEN).count() == 1
    assert ExceptionReport.objects.count() == 2


def test_the_leaders_board_answers_for_its_own_exceptions():
    leaders = pf.body()
    owner = pf.person()
    pf.member(leaders, owner)
    action = sf.action(sf.plan(leaders), owner)
    post(action, Rag.RED)
    assert ExceptionReport.objects.get().addressed_to == leaders


def test_latest_rating_follows_the_latest_dated_update(amg_action):
    _, action = amg_action
    today = datetime.date.today()
    post(action, Rag.AMBER, reported_on=today)
    post(action, Rag.GREEN, reported_on=today - datetime.timedelta(days=5))  # back-dated
    action.refresh_from_db()
    assert action.latest_rag == Rag.AMBER


def test_the_same_submission_posts_once(amg_action):
    _, action = amg_action
    first = post(action, Rag.RED, submission_key="abc123")
    again = post(action, Rag.RED, submission_key="abc123")
    assert first.pk == again.pk
    assert ProgressUpdate.objects.count() == 1 and ExceptionReport.objects.count() == 1


@pytest.mark.parametrize("rag", ["purple", "", "RED"])
def test_rating_outside_its_values_is_refused(amg_action, rag):
    _, action = amg_action
    with pytest.raises(ValidationError) as excinfo:
        post(action, rag)
    assert "rag" in excinfo.value.message_dict
    assert not ProgressUpdate.objects.exists()
