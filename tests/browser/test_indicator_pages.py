"""A resident reads an outcome's scorecard in Chromium, at 320 px and 1280 px: from
the strategy's page to the outcome's scorecard, then to one of its indicators,
opening the table of its chart. axe-core finds no WCAG 2.2 A or AA violation on
any page, with the tables open, and nothing is wider than the screen."""

import pytest
from playwright.sync_api import expect

from ..indicators import page_world
from .test_charts import WIDE
from .test_pages import NARROW


@pytest.fixture
def world(live_server, transactional_db):
    return page_world.build()


def _fits(page, size: dict, name: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size["width"], f"{name} is {width}px wide at {size['width']}px"
    for chart in page.locator('svg.pace-chart[role="img"]').all():
        box = chart.bounding_box()
        assert box and 0 < box["width"] <= size["width"], (name, box)


@pytest.mark.parametrize(("label", "size"), [("320", NARROW), ("1280", WIDE)])
def test_a_resident_reads_an_outcomes_scorecard(
    live_server, world, page, shot, axe_check, label, size
):
    page.set_viewport_size(size)
    page.goto(f"{live_server.url}{world.strategy.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Outcomes")).to_be_visible()
    _fits(page, size, "strategy")

    page.get_by_role(
        "link", name="Scorecard: its indicators and the work towards it (outcome 1)"
    ).click()
    expect(page.get_by_role("heading", level=1, name=world.outcome.title)).to_be_visible()
    for summary in page.locator(".pace-figure summary").all():
        summary.click()
    smoking = page.locator('[data-indicator="adults-who-smoke"]')
    expect(smoking.locator('[data-status="on_track"]')).to_have_text("On track")
    expect(page.get_by_role("heading", name="How well did we do it?")).to_be_visible()
    measure = page.locator('tr[data-indicator="quit-attempts-supported"]')
    expect(measure).to_be_visible()
    expect(measure).to_contain_text("On track")
    _fits(page, size, "scorecard")
    shot(f"scorecard-{label}")
    axe_check(f"scorecard at {label}px")

    page.get_by_role("link", name="Adults who smoke").first.click()
    expect(page.get_by_role("heading", level=1, name="Adults who smoke")).to_be_visible()
    expect(page.get_by_text("Lower is better").first).to_be_visible()
    sentence = page.locator('[data-sentence="status"]')
    expect(sentence).to_contain_text("The latest value, 21.3% for the year to")
    expect(sentence).to_contain_text("(provisional), is better than the")
    # The chart's table twin, opened as a resident would.
    table = page.locator('table[data-chart-table^="indicator-"]')
    expect(table).to_be_hidden()
    page.get_by_text("Adults who smoke: Cheshire East, over time: the figures").click()
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(table.locator("tbody tr").last).to_contain_text("(provisional)")
    expect(table.locator("tbody tr").last).to_contain_text("21.3")
    closed = page.locator(".pace-figure details:not([open]) > summary")
    while closed.count():
        closed.first.click()
    expect(page.locator("table[data-places-table]")).to_contain_text("Crewe area")
    _fits(page, size, "indicator")
    shot(f"indicator-{label}")
    axe_check(f"indicator at {label}px")

    # Every indicator (the breadcrumbs collapse on a phone: the page's own link),
    # filtered to those off track.
    page.get_by_role("link", name="every indicator").click()
    expect(page.get_by_role("heading", level=1, name="Indicators")).to_be_visible()
    page.get_by_label("Status").select_option("off_track")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("2 indicators match the filters.")).to_be_visible()
    expect(page.locator('tr[data-indicator="adults-physically-active"]')).to_contain_text(
        "Off track"
    )
    _fits(page, size, "list")
    shot(f"list-{label}")
    axe_check(f"indicator list at {label}px")
