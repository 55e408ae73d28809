"""A board member signs in, reviews the dashboard, posts a red progress update and
sees the exception report arrive with the body theirs is accountable to."""

import re

from playwright.sync_api import expect

from .conftest import sign_in


def test_board_member_posts_red_update(example, page, shot, axe_check):
    base = example.url
    sign_in(page, base, "board.member")
    page.goto(f"{base}/dashboard/")
    expect(page.get_by_role("heading", name="Your dashboard")).to_be_visible()
    expect(
        page.get_by_role("link", name="Crewe and Nantwich Area Management Group").first
    ).to_be_visible()
    shot("dashboard")
    axe_check("dashboard")

    page.get_by_role("link", name="Town centre health walks").first.click()
    expect(page.get_by_role("heading", name="Town centre health walks")).to_be_visible()
    shot("action")
    axe_check("action page")
    page.get_by_role("link", name="Post a progress update").click()

    # Nothing chosen: the form says what is wrong, on the field, and saves nothing.
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.locator("#id_rag-error, #rag-error").first).to_contain_text(
        "Select how the action is going"
    )
    shot("update-errors")
    axe_check("update form with errors")

    page.get_by_label("Red: off track").check()
    page.get_by_label("What has been done, and what happens next?").fill(
        "No volunteer walk leaders recruited yet; asking the VCF sector for help."
    )
    page.get_by_role("button", name="Post update").click()
    expect(
        page.get_by_text(
            re.compile("An exception report has gone to Crewe and Nantwich Area Board")
        )
    ).to_be_visible()
    shot("update-posted")

    page.get_by_role("link", name="Crewe and Nantwich Area Board").first.click()
    panel = page.locator("table", has=page.get_by_text("Exception reports received"))
    expect(panel).to_contain_text("Town centre health walks")
    shot("parent-body")
    axe_check("body page")
