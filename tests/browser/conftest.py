"""Browser tests: Playwright driving Debian's Chromium against a live server.

Playwright's own browser download cannot work on these machines, so the tests use
/usr/bin/chromium, which `make test` installs. Where it cannot be installed (no
root), the tests are skipped with that reason, unless PACE_REQUIRE_BROWSER is set
(CI sets it), when a missing browser fails the run instead.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.example_snapshot import load_example

# Playwright's sync API runs an event loop in the test thread; the Django calls made
# there (fixtures, database checks) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("PACE_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in item.nodeid]
    if not browser_items or CHROMIUM.exists():
        return
    if os.environ.get("PACE_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Browser tests need Chromium at {CHROMIUM}, and it is missing.")
    skip = pytest.mark.skip(
        reason=f"Chromium is not installed at {CHROMIUM} (needs root to install)"
    )
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def example(live_server, transactional_db):
    load_example(demo_logins=True)
    return live_server


@pytest.fixture
def shot(page, request):
    """Save a full-page screenshot under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"\W+", "-", request.node.name).strip("-")

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{test}--{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe_check(page):
    """Run axe-core on the page as it stands; fail on any WCAG 2.2 A or AA violation."""
    axe = Axe()

    def check(label: str) -> None:
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{label}: {results.generate_report()}"

    return check


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"pace-example-{username}")
    page.get_by_role("button", name="Sign in").click()
