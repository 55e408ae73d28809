"""The task worker with the schedule: ``db_worker`` (django-tasks-db), plus a thread
that queues the scheduled duties when they fall due (``pace.notifications.schedule``).
``make serve`` starts one beside the site; run one or more beside each app server.
Each duty runs once however many workers look."""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from pace.notifications.schedule import schedule_tick

logger = logging.getLogger("pace.notifications")


def _schedule_loop(stop: threading.Event, every: float) -> None:
    while not stop.is_set():
        try:
            close_old_connections()
            queued = schedule_tick()
            if queued:
                logger.info("Queued scheduled duties: %s", ", ".join(queued))
        except Exception:  # the database away for a moment: try again next time
            logger.exception("The schedule could not be read")
        finally:
            connection.close()
        stop.wait(every)


class Command(DbWorker):
    help = "Run tasks from the queue, and queue the scheduled duties when they fall due."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Run tasks only; leave the schedule to other workers.",
        )

    def handle(self, *args, no_schedule: bool = False, **options) -> None:
        stop = threading.Event()
        if not no_schedule and not options.get("batch"):
            threading.Thread(
                target=_schedule_loop,
                args=(stop, settings.PACE_SCHEDULE_TICK_SECONDS),
                name="pace-schedule",
                daemon=True,
            ).start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
