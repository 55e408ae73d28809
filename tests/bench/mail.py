"""Benchmark: publishing for a body with many subscribers, and sending it.

Not a timed test: it prints figures. On PostgreSQL (MAIL_BENCH_DATABASE_URL, made
afresh), with a real SMTP server (aiosmtpd) on loopback:

1. the officer's request: approving a meeting's minutes, and publishing an agenda
   through the admin's action, for a body with no subscribers (as before PACE sent
   anything) and for a body with SUBSCRIBERS confirmed subscribers and 12 members,
   each the median of ROUNDS; the ratio should be about 1, since the fan-out runs in
   the worker;
2. what the fan-out would have cost the request had it run there;
3. the worker (one, then two side by side) sending every message to the SMTP server.
   The workers are threads of this process, beside the SMTP server: they share one
   interpreter lock, so two do not go twice as fast here; run as processes
   (``manage.py pace_worker``, one per core or server) they do not share it.

    python tests/bench/mail.py [--subscribers 500] [--rounds 7]
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from run import recreate_database  # noqa: E402
from servers import free_port  # noqa: E402

DATABASE_URL = os.environ.get(
    "MAIL_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pace_bench_mail"
)


class Inbox:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.count += len(envelope.rcpt_tos)
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    recreate_database(DATABASE_URL)
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        DJANGO_SETTINGS_MODULE="pace.settings",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
        EMAIL_USE_TLS="0",
        PACE_PAGE_CACHE_SECONDS="0",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    run(args, inbox)
    smtp.stop()


def run(args, inbox) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    from pace.core.roles import OFFICERS_GROUP, officers_group_sync
    from pace.notifications.models import Message, Subscription
    from partnerships import services
    from partnerships.models import BodyKind, Meeting, Membership, Person
    from partnerships.notices import meeting_announce

    officers_group_sync()
    officer = get_user_model().objects.create_user(
        "bench-officer", "officer@example.org", "x", is_staff=True
    )
    officer.groups.add(officers_group_sync())
    assert officer.groups.filter(name=OFFICERS_GROUP).exists()
    leaders = services.body_create(name="Leaders", slug="leaders", kind=BodyKind.LEADERS_BOARD)
    quiet = services.body_create(
        name="Quiet Board", slug="quiet", kind=BodyKind.AREA_BOARD, parent=leaders
    )
    busy = services.body_create(
        name="Busy Board", slug="busy", kind=BodyKind.AREA_BOARD, parent=leaders
    )
    for n in range(12):
        person = Person.objects.create(
            name=f"Member {n}", slug=f"member-{n}", email=f"member{n}@example.org"
        )
        Membership.objects.create(
            person=person, body=busy, starts_on=timezone.localdate().replace(year=2015)
        )
    now = timezone.now()
    Subscription.objects.bulk_create(
        Subscription(
            email=f"resident{n}@example.net",
            topic="body:busy",
            label="Busy Board",
            token=f"bench-{n}",
            confirmed_at=now,
        )
        for n in range(args.subscribers)
    )

    def meetings(body, count):
        return [
            Meeting.objects.create(body=body, title=f"Meeting {n}", starts_at=now, is_public=True)
            for n in range(count)
        ]

    def approve(meeting) -> float:
        started = time.perf_counter()
        with transaction.atomic():
            services.meeting_minutes_approve(meeting=meeting)
        return time.perf_counter() - started

    client = Client()
    client.force_login(officer)

    def publish_agenda(meeting) -> float:
        started = time.perf_counter()
        response = client.post(
            "/admin/partnerships/meeting/",
            {"action": "publish_agenda", "_selected_action": [meeting.pk], "index": 0},
        )
        assert response.status_code == 302, response.status_code
        return time.perf_counter() - started

    rounds = args.rounds
    figures = {}
    for label, body in (("no subscribers", quiet), (f"{args.subscribers} subscribers", busy)):
        figures[label] = (
            statistics.median(approve(m) for m in meetings(body, rounds)),
            statistics.median(publish_agenda(m) for m in meetings(body, rounds)),
        )
    # Drop what those rounds queued; the sending is measured below on one meeting.
    DBTaskResult.objects.all().delete()

    print(f"PostgreSQL, {args.subscribers} confirmed subscribers and 12 members on the busy body")
    print(f"{'':28} {'approve minutes':>16} {'publish agenda (admin)':>24}")
    for label, (minutes, agenda) in figures.items():
        print(f"{label:28} {minutes * 1000:13.1f} ms {agenda * 1000:21.1f} ms")
    (q_min, q_ag), (b_min, b_ag) = figures.values()
    print(f"{'ratio busy / quiet':28} {b_min / q_min:16.2f} {b_ag / q_ag:24.2f}")

    meeting = meetings(busy, 1)[0]
    with transaction.atomic():
        services.meeting_minutes_approve(meeting=meeting)
    DBTaskResult.objects.all().delete()  # the fan-out is timed by hand, here
    started = time.perf_counter()
    meeting_announce.call(meeting.pk, "minutes")
    fan_out = time.perf_counter() - started
    queued = Message.objects.filter(topic=f"minutes:{meeting.pk}").count()
    print(
        f"fan-out (in the worker, not the request): {fan_out * 1000:.0f} ms for {queued} messages"
    )

    def work(workers: int) -> float:
        def one(name):
            try:
                Worker(
                    queue_names=["default"],
                    interval=0.05,
                    batch=True,
                    backend_name="default",
                    startup_delay=False,
                    max_tasks=None,
                    worker_id=name,
                    excluded_queue_names=[],
                ).run()
            finally:
                connection.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=one, args=(f"w{n}",)) for n in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - started

    before = inbox.count
    one_worker = work(1)
    sent = inbox.count - before
    print(
        f"one worker sent {sent} messages in {one_worker:.1f} s ({sent / one_worker:.0f} a second)"
    )

    second = meetings(busy, 1)[0]
    with transaction.atomic():
        services.meeting_minutes_approve(meeting=second)
    before = inbox.count
    two_workers = work(2)
    sent = inbox.count - before
    print(
        f"two workers: fan-out and {sent} messages in {two_workers:.1f} s "
        f"({sent / two_workers:.0f} a second)"
    )


if __name__ == "__main__":
    main()
