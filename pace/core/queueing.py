"""Queueing a task once: the rule every door that asks the worker for a build or a
refresh follows (the stored documents, the live PDFs, legacy minutes, agenda packs).

A mark in the cache every app server shares says a run is queued and not started.
The first to ask sets it (``cache.add``) and queues the task; whoever asks while it
stands queues nothing, as that run will take their change too. The worker clears
the mark when it starts (``queued_started``), so a change made while it runs queues
the next one. A mark outlives a lost run by ``seconds`` at most: the next change
after that queues again.

When the cache cannot be reached the caller decides: queue anyway (a duplicate run
is harmless, a missed one is stale), or not (something else will queue it)."""

import logging

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

#: How long a queued run that has not started holds back the next.
QUEUED_SECONDS = 15 * 60


def enqueue_once(
    key: str,
    task,
    *args,
    seconds: int = QUEUED_SECONDS,
    on_commit: bool = False,
    if_unreachable: bool = True,
) -> bool:
    """Queue ``task(*args)`` unless the run marked ``key`` is queued and not started;
    whether it was queued. ``on_commit`` queues it when the open transaction commits
    (and not at all if it rolls back); ``if_unreachable`` says whether to queue when
    the cache cannot be reached."""
    try:
        fresh = cache.add(f"queued:{key}", True, timeout=seconds)
    except Exception:
        then = "queueing it anyway" if if_unreachable else "leaving it"
        logger.warning("The cache cannot be reached (%s): %s", key, then, exc_info=True)
        fresh = if_unreachable
    if fresh:
        if on_commit:
            transaction.on_commit(lambda: task.enqueue(*args))
        else:
            task.enqueue(*args)
    return fresh


def queued_started(key: str) -> None:
    """The worker's run marked ``key`` has started: a change from now on queues the next."""
    try:
        cache.delete(f"queued:{key}")
    except Exception:
        logger.warning("The cache cannot be reached", exc_info=True)
