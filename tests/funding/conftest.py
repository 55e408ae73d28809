import pytest


@pytest.fixture(autouse=True)
def _fresh_allowances():
    """The allowances against floods of ideas and voting links are counted in the
    cache: each test starts with full ones."""
    from django.core.cache import cache

    cache.clear()
