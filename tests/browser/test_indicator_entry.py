"""A board member enters a value of an indicator their board keeps, in Chromium at
a phone's width and a desktop's: a value the rules refuse is shown on its field
with nothing saved, then a good one is saved and shown on the indicator's page.
Every page passes axe with no violations. The data is built here, small."""

import pytest
from playwright.sync_api import expect

from partnerships.models import Role
from strategy.indicators.models import IndicatorValue, ValueStatus
from tests.indicators import value_builders as b
from tests.partnerships import factories as pf

NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def board_member(live_server, transactional_db):
    where = b.places()
    owner, _ = b.boards()
    indicator = b.indicator(owner, where.county, title="Adults who are physically active")
    person = pf.person("Priya Shah", with_login=True)
    pf.member(owner, person, role=Role.MEMBER)
    return {"where": where, "indicator": indicator, "username": person.user.username}


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pw-for-tests-only")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def fill_date(page, day: int, month: int, year: int) -> None:
    page.get_by_label("Day").fill(str(day))
    page.get_by_label("Month").fill(str(month))
    page.get_by_label("Year").fill(str(year))


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["320px", "1280px"])
def test_a_board_member_enters_a_value(live_server, board_member, page, shot, axe_check, size):
    page.set_viewport_size(size)
    base, indicator = live_server.url, board_member["indicator"]
    sign_in(page, base, board_member["username"])
    page.goto(f"{base}{indicator.get_absolute_url()}")
    page.get_by_role("button", name="Add a value").click()
    expect(page.get_by_role("heading", name="Enter a value")).to_be_visible()
    shot("form")
    axe_check("empty form")

    # A percentage over a hundred, for a date that ends no financial year.
    last = b.year_ends(1)[0]
    fill_date(page, 31, 12, last.year - 1)
    page.get_by_label("Which place is the value for?").select_option(
        label=board_member["where"].area.name
    )
    page.get_by_label("Value (%)").fill("104.5")
    page.get_by_label("Final").check()
    page.get_by_role("button", name="Save value").click()

    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.locator("#id_value-error")).to_contain_text("The value cannot be above 100 %")
    expect(page.locator("#period_end-error")).to_contain_text(
        f"enter a date that ends one of its periods, such as 31 March {last.year}"
    )
    # The summary's link takes the reader to the box to fix.
    page.locator(".govuk-error-summary").get_by_role(
        "link", name="The value cannot be above 100 %"
    ).click()
    expect(page.get_by_label("Value (%)")).to_be_focused()
    # What was typed is kept, so only the mistakes need fixing.
    expect(page.get_by_label("Which place is the value for?")).to_have_value(
        str(board_member["where"].area.pk)
    )
    assert not IndicatorValue.objects.exists()
    shot("errors")
    axe_check("form with errors")

    fill_date(page, last.day, last.month, last.year)
    page.get_by_label("Value (%)").fill("64.5")
    page.get_by_label("Provisional").check()
    page.get_by_label("Note (optional)").fill("From the first quarter's survey returns.")
    page.get_by_role("button", name="Save value").click()

    expect(page).to_have_url(f"{base}{indicator.get_absolute_url()}")
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(
        f"64.5% for {board_member['where'].area.name}, for the period ending "
        f"{last:%-d %B %Y}, has been saved as provisional."
    )
    expect(page.locator("[data-places-table]")).to_contain_text("64.5")
    value = IndicatorValue.objects.get()
    assert (value.geography, value.status) == (board_member["where"].area, ValueStatus.PROVISIONAL)
    assert value.entered_by.username == board_member["username"]
    shot("saved")
    axe_check("indicator page after saving")
