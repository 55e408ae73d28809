"""The duties PACE runs on a schedule, with no cron to remember: each worker
(``manage.py pace_worker``, which ``make serve`` starts) looks every half minute for
duties that are due and queues them; a duty is claimed with one conditional UPDATE,
so however many workers look, each run happens once.

The apps register their duties here (``@duty(...)`` in their ``duties.py``, imported
by their AppConfig); each is a function of the day that returns what it did, in
words for officers, who see in the admin when each last ran and how it went.

The site is never less safe when a duty does not run: access is decided on every
request from the memberships of the day; duties only tell people things."""

import datetime
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Duty, DutyStatus


@dataclass(frozen=True)
class DutySpec:
    name: str
    run: Callable[[datetime.date], str]
    at: datetime.time
    description: str


_duties: dict[str, DutySpec] = {}


def duty(name: str, *, at: datetime.time, description: str):
    """Register ``run(on) -> str`` to run every day at ``at`` (local time)."""

    def register(run: Callable[[datetime.date], str]):
        _duties[name] = DutySpec(name=name, run=run, at=at, description=description)
        return run

    return register


def duty_specs() -> dict[str, DutySpec]:
    return dict(_duties)


def next_occurrence(spec: DutySpec, after: datetime.datetime) -> datetime.datetime:
    """The first time of day ``spec.at`` strictly after ``after``, in local time."""
    local = timezone.localtime(after)
    candidate = timezone.make_aware(datetime.datetime.combine(local.date(), spec.at))
    if candidate <= after:
        candidate = timezone.make_aware(
            datetime.datetime.combine(local.date() + datetime.timedelta(days=1), spec.at)
        )
    return candidate


def schedule_tick(now: datetime.datetime | None = None) -> list[str]:
    """Queue every duty that is due. A duty seen for the first time runs at once
    (so a fresh site shows each one run), then daily at its hour. Returns the names
    queued by this call."""
    now = now or timezone.now()
    queued = []
    for spec in _duties.values():
        Duty.objects.get_or_create(name=spec.name, defaults={"next_run_at": now})
        with transaction.atomic():
            claimed = Duty.objects.filter(name=spec.name, next_run_at__lte=now).update(
                next_run_at=next_occurrence(spec, now)
            )
            if claimed:
                duty_run.enqueue(spec.name)
                queued.append(spec.name)
    return queued


def duty_run_now(name: str) -> None:
    """An officer's "run now": queued for the worker like a scheduled run."""
    transaction.on_commit(lambda: duty_run.enqueue(name))


@task()
def duty_run(name: str) -> str:
    """Run one duty and record when it ran and how it went."""
    spec = _duties[name]
    started = timezone.now()
    Duty.objects.update_or_create(
        name=name,
        defaults={"last_started_at": started, "last_status": DutyStatus.RUNNING},
        create_defaults={
            "next_run_at": next_occurrence(spec, started),
            "last_started_at": started,
            "last_status": DutyStatus.RUNNING,
        },
    )
    try:
        result = spec.run(timezone.localdate())
    except Exception:
        Duty.objects.filter(name=name).update(
            last_status=DutyStatus.FAILED,
            last_finished_at=timezone.now(),
            last_result=traceback.format_exc()[-4000:],
        )
        raise
    Duty.objects.filter(name=name).update(
        last_status=DutyStatus.SUCCEEDED, last_finished_at=timezone.now(), last_result=result
    )
    return result
