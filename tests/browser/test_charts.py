"""The pages with charts in Chromium at 320 px and 1280 px wide: axe-core finds no
WCAG 2.2 A or AA violation with the table twins open, nothing is wider than the
screen, each chart is drawn, and a screenshot of each is saved under
test-artifacts/screenshots/."""

from strategy.models import Action, Measure, Strategy

from .test_pages import NARROW

WIDE = {"width": 1280, "height": 900}


def chart_pages() -> dict[str, str]:
    """Every page with a chart, from the example data."""
    strategy = Strategy.objects.filter(status="adopted").order_by("-starts_on").first()
    return {
        "home": "/",
        "structure": "/partnerships/",
        "priority": Action.objects.public().first().priority.get_absolute_url(),
        "body": "/partnerships/crewe-and-nantwich-area-board/",
        "funding": "/funding/",
        "strategy": strategy.get_absolute_url(),
        "measure": Measure.objects.filter(action__in=Action.objects.public())
        .first()
        .action.get_absolute_url(),
    }


def test_pages_with_charts(example, page, shot, axe_check):
    for name, path in chart_pages().items():
        for label, size in (("1280", WIDE), ("320", NARROW)):
            page.set_viewport_size(size)
            response = page.goto(example.url + path)
            assert response.status == 200, (name, response.status)
            charts = page.locator('svg.pace-chart[role="img"]')
            assert charts.count() >= 1, f"{name} has no chart"
            # Each chart is named by its title and shown at a size that fits.
            for i in range(charts.count()):
                chart = charts.nth(i)
                assert chart.get_attribute("aria-labelledby"), name
                box = chart.bounding_box()
                assert box["width"] > 0 and box["width"] <= size["width"], (name, box)
            # The tables open too, so that axe reads them as well.
            for summary in page.locator(".pace-figure summary").all():
                summary.click()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], f"{name} is {width}px wide at {label}px"
            shot(f"{name}-{label}")
            axe_check(f"{name} at {label}px")
