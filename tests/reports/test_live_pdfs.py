"""The live PDFs (a body's annual report for the year so far, an action plan): once
a visitor has asked for one, the worker keeps its public copy current after each
change, so the next visitor is sent it with no render in the request; a plan no
longer public is never sent from its old copy (pace/reports/live.py)."""

import io

import pypdf
import pytest
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult

from pace.core import pdf as pdf_module
from pace.reports import live
from strategy.models import PlanStatus

from ..notifications.conftest import run_worker
from ..partnerships import factories as f
from ..strategy import factories as sf

pytestmark = pytest.mark.django_db

REFRESH = "pace.reports.live.live_pdfs_refresh"


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(autouse=True)
def _nothing_queued():
    """Whether a refresh is queued is kept in the cache: each test starts with none."""
    cache.clear()


@pytest.fixture
def renders(monkeypatch):
    """Each WeasyPrint render, wherever it happens."""
    made = []
    real = pdf_module.html_to_pdf
    monkeypatch.setattr(pdf_module, "html_to_pdf", lambda html: made.append(1) or real(html))
    return made


@pytest.fixture
def amg(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        bodies = f.area()
        plan = sf.plan(bodies["amg"])
        sf.action(plan, title="Public survey of the town centre")
        sf.action(plan, title="Members only costing", is_public=False)
    DBTaskResult.objects.all().delete()
    cache.clear()
    return bodies["amg"], plan


def _refreshes() -> int:
    return DBTaskResult.objects.filter(task_path=REFRESH).count()


def test_a_report_asked_for_is_rendered_again_by_the_worker_not_the_next_visitor(
    client, amg, renders, django_capture_on_commit_callbacks
):
    body, plan = amg
    url = f"/partnerships/{body.slug}/annual-report.pdf"
    first = client.get(url)
    assert first.status_code == 200 and renders == [1]  # the first visitor ever waits

    with django_capture_on_commit_callbacks(execute=True):
        sf.action(plan, title="Added after the meeting")
        sf.action(plan, title="And another")
    assert _refreshes() == 1  # once, however many changes before it starts
    run_worker()
    assert renders == [1, 1]

    again = client.get(url)
    assert renders == [1, 1]  # sent what the worker rendered
    text = _text(again.content)
    assert "Added after the meeting" in text and "Members only costing" not in text


def test_a_plan_asked_for_is_kept_current_and_a_withdrawn_one_is_not_rendered(
    client, amg, renders, django_capture_on_commit_callbacks
):
    _, plan = amg
    url = f"/plans/{plan.pk}.pdf"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        sf.action(plan, title="A new public action")
    run_worker()
    assert renders == [1, 1]
    assert "A new public action" in _text(client.get(url).content)
    assert renders == [1, 1]

    with django_capture_on_commit_callbacks(execute=True):
        type(plan).objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
        sf.action(plan, title="Drafted in private")
    run_worker()
    assert renders == [1, 1]  # nothing rendered for the public from a draft
    assert client.get(url).status_code == 404


def test_what_members_see_is_never_the_public_copy(client, amg, renders):
    body, plan = amg
    assert "Members only costing" not in _text(client.get(f"/plans/{plan.pk}.pdf").content)
    member = f.member(body, f.person(with_login=True)).person.user
    client.force_login(member)
    assert "Members only costing" in _text(client.get(f"/plans/{plan.pk}.pdf").content)
    assert live.live_pdfs_refresh_now() == 1  # the public copy alone is kept current


def test_a_change_to_nothing_they_show_queues_no_refresh(django_capture_on_commit_callbacks):
    from pace.core.writes import records_committed

    with django_capture_on_commit_callbacks(execute=True):
        records_committed.send(sender=None, apps=frozenset({"funding"}))
    assert _refreshes() == 0
    records_committed.send(sender=None, apps=frozenset({"strategy"}))
    assert _refreshes() == 1


def test_the_nightly_duty_queues_one_refresh():
    from django.utils import timezone

    assert "Queued" in live.live_pdfs_daily(timezone.localdate())
    assert "already" in live.live_pdfs_daily(timezone.localdate())
    assert _refreshes() == 1
