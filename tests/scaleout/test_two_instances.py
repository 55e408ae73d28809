"""A change made through one instance is seen through the other at once; a session
made on one works on the other; a PDF one stored is served by the other."""

import datetime
import re
import uuid

from .conftest import Browser

BOARD_MEMBER = ("board.member", "pace-example-board.member")


def an_action_of_the_board_member(deployment) -> str:
    """A public action of a body the board member sits on: one they may post on."""
    a = deployment["a"]
    member = Browser()
    member.sign_in(a, *BOARD_MEMBER)
    _, _, page = member.request(f"{a}/dashboard/")
    for action in dict.fromkeys(re.findall(r'href="(/actions/\d+/)"', page)):
        public = Browser().request(f"{a}{action}")[0] == 200
        if public and member.request(f"{a}{action}update/")[0] == 200:
            return action
    raise AssertionError("The board member has no public action to update")


def test_a_progress_update_posted_on_one_is_public_on_the_other_at_once(deployment):
    a, b = deployment["a"], deployment["b"]
    action = an_action_of_the_board_member(deployment)
    resident = Browser()
    resident.request(f"{b}{action}")
    status, headers, before = resident.request(f"{b}{action}")
    assert status == 200 and headers["X-Cache"] == "hit"  # B serves it from Redis

    member = Browser()
    member.sign_in(a, *BOARD_MEMBER)
    _, _, form = member.request(f"{a}{action}update/")
    narrative = f"Posted through instance A ({uuid.uuid4().hex[:8]})"
    status, _, _ = member.request(
        f"{a}{action}update/",
        {
            **member.form_fields(form),
            "reported_on": datetime.date.today().strftime("%d/%m/%Y"),
            "rag": "amber",
            "narrative": narrative,
            "measured_value": "",
        },
    )
    assert status == 302

    status, headers, after = resident.request(f"{b}{action}")
    assert status == 200 and headers["X-Cache"] == "miss"
    assert narrative not in before and narrative in after


def test_a_session_made_on_one_instance_works_on_the_other(deployment):
    a, b = deployment["a"], deployment["b"]
    member = Browser()
    member.sign_in(a, *BOARD_MEMBER)
    status, headers, page = member.request(f"{b}/dashboard/")
    assert status == 200 and "Sign out" in page
    assert "private" in headers["Cache-Control"] and "X-Cache" not in headers

    _, _, page = member.request(f"{b}/partnerships/")
    signed_out = {**member.form_fields(page)}
    status, _, _ = member.request(f"{b}/accounts/logout/", signed_out)
    assert status == 302
    status, headers, _ = member.request(f"{a}/dashboard/")
    assert status == 302 and "/accounts/login/" in headers["Location"]


def test_a_pdf_stored_by_one_instance_is_served_by_the_other(deployment):
    a, b = deployment["a"], deployment["b"]
    resident = Browser()
    _, _, reports = resident.request(f"{a}/reports/")
    pdf = re.search(r'href="(/reports/\d+\.pdf)"', reports).group(1)
    status, _, first = resident.request(f"{a}{pdf}")
    assert status == 200 and first.startswith("%PDF")
    # A published report is kept as published, its PDF in the shared media.
    stored = list((deployment["media"] / "published").rglob("report-v1.pdf"))
    assert len(stored) == 1
    # (Approved minutes are kept with their PDFs there too.)
    every_pdf = set((deployment["media"] / "published").rglob("*.pdf"))
    status, _, second = Browser().request(f"{b}{pdf}")
    assert status == 200 and second == first
    # The other instance served the one stored: it made no PDF of its own.
    assert set((deployment["media"] / "published").rglob("*.pdf")) == every_pdf
