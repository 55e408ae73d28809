"""Two workers on one queue send each message once: the queue hands each task to one
worker, and a delivery claims its message under a row lock and skips one already
sent, so even the same delivery queued twice sends once."""

import threading

import pytest
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker

from pace.notifications.models import Message, MessageStatus
from pace.notifications.services import message_queue
from pace.notifications.tasks import deliver

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Several workers share a queue on PostgreSQL (SKIP LOCKED), the production
    # database; the test database SQLite keeps in memory cannot take writers from two
    # threads at once ("database table is locked"). CI runs this on PostgreSQL.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several workers need PostgreSQL"),
]


def test_two_workers_send_each_message_once(smtp):
    addresses = [f"member{n}@example.org" for n in range(40)]
    queued = message_queue(
        to=addresses,
        topic="agenda:1",
        subject="Agenda published",
        template="notifications/notice",
        context={"lead": "The agenda is out.", "url": "/meetings/", "action_label": "Read it"},
    )
    for message in queued:  # the same delivery queued a second time
        deliver.enqueue(message.pk)

    errors = []

    def work(name):
        # The worker of ``manage.py pace_worker``, without the signal handlers a
        # thread may not install.
        try:
            Worker(
                queue_names=["default"],
                interval=0.01,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=name,
                excluded_queue_names=[],
            ).run()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert errors == []
    assert smtp.to() == sorted(addresses)
    assert Message.objects.filter(status=MessageStatus.SENT).count() == len(addresses)
    # Both took a share of the work.
    from django_tasks_db.models import DBTaskResult

    workers_used = {
        w for ids in DBTaskResult.objects.values_list("worker_ids", flat=True) for w in ids
    }
    assert len(workers_used) >= 2, workers_used
