"""Searching from the header of any page, in Chromium (issue 19): each kind of
record, a misspelling and a plural, the filters, at 1280 and 320 px with no axe
violation, without JavaScript's help (the box is a plain form)."""

import re

from pace.site import search as site_search

from ..site.search_cases import example_searches
from .conftest import SCREENSHOTS

NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}


def _search_from_header(page, words: str) -> None:
    header = page.get_by_role("search", name="Site")
    header.get_by_label("Search the partnership's records").fill(words)
    with page.expect_navigation():
        header.get_by_role("button", name="Search").click()


def _first_result(page):
    return page.locator(".pace-search-result").first


def _check_both_widths(page, name: str, axe_check) -> None:
    page.set_viewport_size(WIDE)
    axe_check(name)
    page.screenshot(path=str(SCREENSHOTS / f"search-journey--{name}.png"), full_page=True)
    page.set_viewport_size(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{name} is {width}px wide at 320px"
    axe_check(f"{name}-320")
    page.screenshot(path=str(SCREENSHOTS / f"search-journey--{name}-320.png"), full_page=True)
    page.set_viewport_size(WIDE)


def test_searching_from_the_header(example, page, axe_check):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(WIDE)
    page.goto(example.url + "/funding/")
    for words, kind, title in example_searches():
        _search_from_header(page, words)
        first = _first_result(page)
        assert first.locator(".govuk-caption-s").inner_text() == kind, words
        assert first.get_by_role("link").inner_text() == title, words
        assert page.get_by_role("heading", name=re.compile(r"^\d+ results? for ")).count() == 1
    _check_both_widths(page, "kinds", axe_check)
    # The first hit leads to its page.
    first = _first_result(page).get_by_role("link")
    href = first.get_attribute("href")
    with page.expect_navigation():
        first.click()
    assert page.url.endswith(href)


def test_a_misspelling_and_a_plural(example, page, axe_check):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(WIDE)
    page.goto(example.url + "/")
    _search_from_header(page, "helth")
    assert "Nothing matched “helth”" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="health", exact=True).count() == 1
    assert _first_result(page).get_by_role("link").inner_text() == "Health and Wellbeing Board"
    assert _first_result(page).locator("mark").first.inner_text() == "Health"
    _check_both_widths(page, "misspelling", axe_check)

    _search_from_header(page, "grants")
    heading = page.get_by_role("heading", name=re.compile(r"results? for “grants”"))
    assert heading.count() == 1
    # Only the grants, through the filters (a plain form: no script needed).
    page.get_by_text("Filter by type, body and date").click()
    page.get_by_label("Type", exact=True).select_option(label="Grants")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    assert "type=grants" in page.url
    found = site_search.search("grants", filters=site_search.Filters(kind="grants")).total
    assert found >= 9
    assert page.get_by_role("heading", name=f"{found} results for “grants”").count() == 1
    kinds = page.locator(".pace-search-result .govuk-caption-s").all_inner_texts()
    assert set(kinds) == {"Grant"}
    # "grants" finds each grant by its word "grant".
    assert "grant" in _first_result(page).locator("mark").first.inner_text().lower()
    _check_both_widths(page, "plural-filtered", axe_check)
