"""The real SMTP server and the worker of the notification tests (a response saved
for later is e-mailed through them), and a full allowance of requests for each
test (the limits per client live in the cache)."""

import pytest

from ..notifications.conftest import Inbox, run_worker, smtp  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _fresh_limits():
    from django.core.cache import cache

    cache.clear()
