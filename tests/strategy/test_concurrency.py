"""The same progress update sent twice at the same moment (a double click on a slow
connection) records one update, one exception report and one history entry."""

import threading

import pytest
from django.db import connection

from strategy import services
from strategy.models import ExceptionReport, ProgressUpdate, Rag

from ..partnerships import factories as pf
from . import factories as sf

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: the test database of SQLite is in memory, where threads share "
    "one cache and cannot wait for each other's write lock. SQLite runs in production with "
    "IMMEDIATE transactions, which serialise writers without a row lock.",
)


def test_the_same_update_posted_twice_at_once_posts_once(transactional_db):
    bodies = pf.area()
    owner = pf.person()
    pf.member(bodies["amg"], owner)
    action = sf.action(sf.plan(bodies["amg"]), owner)
    barrier = threading.Barrier(2)
    posted: list[int] = []

    def board_member() -> None:
        try:
            barrier.wait()
            update = services.progress_update_post(
                action=action, rag=Rag.RED, narrative="Walk leaders left", submission_key="k1"
            )
            posted.append(update.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=board_member) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(posted) == 2 and posted[0] == posted[1]
    assert ProgressUpdate.objects.count() == 1 and ExceptionReport.objects.count() == 1
    assert ProgressUpdate.history.count() == 1 and ExceptionReport.history.count() == 1
