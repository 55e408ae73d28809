"""Queueing a task once (pace/core/queueing.py): the rule the stored documents, the
live PDFs, legacy minutes and agenda packs share, tried on the real queue."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from pace.core.queueing import enqueue_once, queued_started
from partnerships.services.meetings import minutes_freeze

pytestmark = pytest.mark.django_db

#: A task nothing else queues here (and, run, finds no meeting 0).
PATH = "partnerships.services.meetings.minutes_freeze"


@pytest.fixture(autouse=True)
def _nothing_marked():
    cache.clear()
    yield
    cache.clear()


def _queued() -> int:
    return DBTaskResult.objects.filter(task_path=PATH).count()


def test_a_run_queued_and_not_started_takes_every_later_ask():
    assert enqueue_once("try", minutes_freeze, 0) is True
    assert enqueue_once("try", minutes_freeze, 0) is False
    assert enqueue_once("try", minutes_freeze, 0) is False
    assert _queued() == 1


def test_once_the_run_starts_the_next_ask_queues_again():
    enqueue_once("try", minutes_freeze, 0)
    queued_started("try")
    assert enqueue_once("try", minutes_freeze, 0) is True
    assert _queued() == 2


def test_different_keys_queue_apart():
    enqueue_once("one", minutes_freeze, 0)
    enqueue_once("two", minutes_freeze, 0)
    assert _queued() == 2


def test_a_mark_outlives_a_lost_run_only_for_its_seconds():
    with mock.patch("time.time", return_value=1_000_000.0):
        enqueue_once("try", minutes_freeze, 0, seconds=60)
    with mock.patch("time.time", return_value=1_000_061.0):
        assert enqueue_once("try", minutes_freeze, 0, seconds=60) is True
    assert _queued() == 2


def test_on_commit_queues_only_when_the_change_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue_once("rolled-back", minutes_freeze, 0, on_commit=True)
        transaction.set_rollback(True)
    assert _queued() == 0
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_once("kept", minutes_freeze, 0, on_commit=True)
        assert _queued() == 0
    assert _queued() == 1


def test_an_unreachable_cache_queues_or_not_as_the_caller_says(caplog):
    with mock.patch.object(cache, "add", side_effect=ConnectionError("refused")):
        assert enqueue_once("try", minutes_freeze, 0) is True
        assert enqueue_once("try", minutes_freeze, 0, if_unreachable=False) is False
    assert _queued() == 1
    assert "The cache cannot be reached (try): queueing it anyway" in caplog.text
    assert "The cache cannot be reached (try): leaving it" in caplog.text
    with mock.patch.object(cache, "delete", side_effect=ConnectionError("refused")):
        queued_started("try")  # the run goes on
