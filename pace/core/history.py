"""Audit history of many-to-many choices (a fund's priorities, a consultation's
audiences), with django-simple-history's ``m2m_fields``.

django-simple-history records a version on every ``m2m_changed`` signal, even one
that changed nothing (``set()`` with the choices a record already has, as the admin
sends on every save and the example data on every load) and even while a backup is
being loaded (``loaddata`` brings the history itself). ``HistoricalRecords`` here
records a version only when a choice was really added, removed or cleared, and none
inside ``history_as_loaded()``.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from simple_history.models import HistoricalRecords as SimpleHistoricalRecords

_loading: ContextVar[bool] = ContextVar("pace_history_loading", default=False)


class HistoricalRecords(SimpleHistoricalRecords):
    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if _loading.get():
            return
        if action in ("post_add", "post_remove") and not pk_set:
            return
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)


@contextmanager
def history_as_loaded():
    """Many-to-many changes made inside record no version: the history is being
    loaded as it was (a restore)."""
    token = _loading.set(True)
    try:
        yield
    finally:
        _loading.reset(token)
