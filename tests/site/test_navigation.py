"""The Service navigation on every page (pace/core/templatetags/navigation.py): each
section once, in order, the page's own marked as the current one."""

import re

import pytest

from pace.core.templatetags.navigation import SECTIONS

from ..partnerships import factories as pf
from ..partnerships.factories import BodyKind

pytestmark = pytest.mark.django_db


def _items(page: str) -> list[str]:
    navigation = re.search(r'<ul class="govuk-service-navigation__list".*?</ul>', page, re.S)
    return re.findall(r"<li .*?</li>", navigation.group(0), re.S)


@pytest.mark.parametrize(
    "address, current", [("/partnerships/", "Partnerships"), ("/meetings/", "Meetings")]
)
def test_every_section_once_and_the_pages_own_marked_current(client, address, current):
    pf.body(BodyKind.LEADERS_BOARD, name="Leaders Board")
    items = _items(client.get(address).content.decode())
    assert [re.search(r'href="([^"]+)"', item)[1] for item in items] == [
        href for _, href, _ in SECTIONS
    ]
    marked = [item for item in items if 'aria-current="page"' in item]
    assert len(marked) == 1
    assert "govuk-service-navigation__item--active" in marked[0]
    assert (
        f'<strong class="govuk-service-navigation__active-fallback">{current}</strong>'
        in (marked[0])
    )


def test_a_page_of_no_section_marks_none(client):
    items = _items(client.get("/accounts/login/").content.decode())
    assert len(items) == len(SECTIONS)
    assert not any("aria-current" in item or "--active" in item for item in items)
