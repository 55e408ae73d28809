import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Files saved through the default storage (cached PDFs) stay in each test's
    own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """The public page cache is off unless a test turns it on (tests/core/
    test_page_cache.py), so that no page rendered by one test is served to another."""
    settings.PACE_PAGE_CACHE_SECONDS = 0
    # Nor are parts of pages (pace/core/fragments.py), so that pinned query counts
    # count the whole page; tests/core/test_fragments.py turns them on.
    settings.PACE_FRAGMENT_CACHE_SECONDS = 0
    # Nor whole pages for signed-in readers (partnerships/kept_pages.py), which
    # tests/partnerships/test_kept_pages.py turns on.
    settings.PACE_KEPT_PAGE_SECONDS = 0


@pytest.fixture(autouse=True)
def _worker_keeps_the_tests_connection(monkeypatch):
    """The worker closes the database connection between tasks when it is not in
    autocommit; a test runs inside one transaction, so here it keeps it."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture(autouse=True)
def _site_url_is_the_test_clients(settings):
    """What the worker builds (the open-data documents, e-mails) names the site by
    PACE_SITE_URL; the test client's pages name it by its host, ``testserver``."""
    settings.PACE_SITE_URL = "http://testserver"


@pytest.fixture
def kept_parts(settings):
    """Parts of pages kept in the cache (pace/core/fragments.py), which the tests leave
    off (``_no_page_cache``), from an empty cache."""
    from django.core.cache import cache

    settings.PACE_FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kept_pages(kept_parts, settings):
    """Whole pages kept for signed-in readers as well (partnerships/kept_pages.py)."""
    settings.PACE_KEPT_PAGE_SECONDS = 300
