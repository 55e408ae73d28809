"""Issue 19's errors in the site's own words and its small faults: the 403, 404 and
500 pages say what happened and what to do; the structure-on-a-date form explains
its error at the top; sign-in names each missing field; the plan page links its PDF;
a body offers an annual report only when there is something in it; priority pickers
name each priority's strategy; the site has a favicon."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from partnerships.models import BodyKind
from strategy.models import PlanStatus
from tests.partnerships import factories as pf
from tests.strategy import factories as sf

pytestmark = pytest.mark.django_db


# 403 -------------------------------------------------------------------------


def test_a_member_refused_an_officers_page_is_told_what_the_page_is(client):
    member = pf.person(with_login=True)
    pf.member(pf.body(BodyKind.LEADERS_BOARD), member)
    client.force_login(member.user)
    response = client.get("/dashboard/gaps/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "<title>You do not have permission to see this page" in page
    assert "Only partnership officers can see this page." in page
    assert f"You are signed in as {member.user.get_username()}" in page
    assert 'href="/contact/"' in page and 'href="/dashboard/"' in page
    # Not the old text about action plans, whatever the page.
    assert "Only members of a body can change its action plans" not in page
    assert 'class="govuk-template__body"' in page  # the site's own layout


def test_a_403_without_a_reason_still_says_what_to_do(client):
    user = get_user_model().objects.create_user("someone", password="pw-for-tests-only")
    client.force_login(user)
    response = client.get("/funding/checks/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "You do not have permission to see this page" in page
    assert "contact the partnerships team" in page


def test_an_anonymous_visitor_refused_is_offered_sign_in_and_back():
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/somewhere/private/?x=1")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied("Only partnership officers."))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Only partnership officers." in page
    assert 'href="/accounts/login/?next=/somewhere/private/%3Fx%3D1"' in page


# 404 and 500 ---------------------------------------------------------------------


def test_not_found_says_what_to_do(client):
    response = client.get("/partnerships/no-such-body/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<title>Page not found" in page
    assert "check it is correct" in page
    assert 'href="/search/"' in page and 'href="/contact/"' in page


@pytest.mark.urls("tests.core.error_urls")
def test_server_error_page_is_styled_and_says_what_to_do(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "/static/govuk/govuk-frontend.min.css" in page
    assert 'class="govuk-template__body"' in page and 'id="main-content"' in page
    assert "Try again later." in page and 'href="/contact/"' in page
    assert "secret internal detail" not in page
    # Every file it names exists under static/, so WhiteNoise can serve it.
    for name in ("govuk/govuk-frontend.min.css", "favicon.ico", "favicon.svg"):
        assert (Path(settings.BASE_DIR) / "static" / name).is_file()


# The structure on a date ---------------------------------------------------------


@pytest.fixture
def structure():
    leaders = pf.body(BodyKind.LEADERS_BOARD, starts_on=datetime.date(2016, 9, 1))
    board = pf.body(BodyKind.AREA_BOARD, leaders, starts_on=datetime.date(2016, 9, 1))
    new = pf.body(BodyKind.AREA_BOARD, leaders, name="Newer Area Board")
    return {"leaders": leaders, "board": board, "new": new}


def test_a_date_that_cannot_be_read_is_explained_at_the_top(client, structure):
    response = client.get("/partnerships/", {"on": "31/02/2017"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Partnership structure" in page
    summary = page.split('class="govuk-error-summary"')[1].split("</div>")[0]
    assert 'href="#id_on"' in summary and "Enter a real date, like 01/04/2017" in summary
    # The form is open at the top, not in a collapsed section.
    assert page.index('id="id_on"') < page.index(structure["board"].name)
    assert "<details" not in page.split("</h1>")[1]
    # And today's structure is not passed off as the date asked for.
    assert "The date could not be read, so this is the structure today." in page
    assert "Showing the structure as it was on" not in page


@pytest.mark.parametrize("value", ["tomorrow", "2017-13-01", "0" * 500, "01/01/0000"])
def test_any_bad_date_gets_a_message_not_an_error(client, structure, value):
    response = client.get("/partnerships/", {"on": value})
    assert response.status_code == 200
    assert "Enter a real date, like 01/04/2017" in response.content.decode()


def test_the_example_date_finds_the_bodies_in_place(client, structure):
    from partnerships.views import ON_DATE_EXAMPLE

    page = client.get("/partnerships/").content.decode()
    assert f"For example, {ON_DATE_EXAMPLE}" in page
    shown = client.get("/partnerships/", {"on": ON_DATE_EXAMPLE}).content.decode()
    assert "Showing the structure as it was on 1 April 2017." in shown
    assert structure["board"].name in shown and "No bodies were in place" not in shown


def test_the_example_date_is_true_of_the_example_data():
    from pace.exampledata.partnership_data import STRUCTURE_FROM
    from partnerships.views import ON_DATE_EXAMPLE

    assert datetime.datetime.strptime(ON_DATE_EXAMPLE, "%d/%m/%Y").date() >= STRUCTURE_FROM


def test_a_body_page_explains_a_bad_members_date_at_the_top(client, structure):
    page = client.get(structure["board"].get_absolute_url(), {"on": "not a date"})
    page = page.content.decode()
    assert "<title>Error: " in page
    assert page.index("govuk-error-summary") < page.index("<h1")
    assert "The date could not be read, so these are the members today." in page


# Sign-in -------------------------------------------------------------------------


def test_sign_in_names_each_missing_field_once(client):
    page = client.post("/accounts/login/", {"username": "", "password": ""}).content.decode()
    assert "This field is required." not in page
    summary = page.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    assert summary.count("Enter your username") == 1
    assert summary.count("Enter your password") == 1


# Plans and annual reports ------------------------------------------------------------


def test_the_plan_page_links_its_own_pdf(client):
    body = pf.body(BodyKind.LEADERS_BOARD)
    plan = sf.plan(body)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'href="/plans/{plan.pk}.pdf"' in page
    assert client.get(f"/plans/{plan.pk}.pdf").status_code == 200


def test_the_annual_report_is_offered_only_when_it_has_something(client):
    leaders = pf.body(BodyKind.LEADERS_BOARD)
    board = pf.body(BodyKind.AREA_BOARD, leaders)
    amg = pf.body(BodyKind.AREA_MANAGEMENT_GROUP, board)
    link = "/annual-report.pdf"
    assert link not in client.get(board.get_absolute_url()).content.decode()
    # A draft plan is not in an anonymous reader's report.
    draft = sf.plan(amg, status=PlanStatus.DRAFT)
    assert link not in client.get(board.get_absolute_url()).content.decode()
    member = pf.person(with_login=True)
    pf.member(amg, member)
    client.force_login(member.user)
    assert link in client.get(amg.get_absolute_url()).content.decode()
    client.logout()
    # An adopted plan below the board is in the board's report and the Leaders Board's.
    sf.plan(amg, strat=draft.strategy)
    for body in (amg, board, leaders):
        assert f"/partnerships/{body.slug}{link}" in client.get(body.get_absolute_url()).text
    # A plan that ended before this financial year is not.
    other = pf.body(BodyKind.AREA_BOARD, leaders)
    sf.plan(
        other,
        starts_on=datetime.date(2010, 4, 1),
        ends_on=datetime.date(2011, 3, 31),
    )
    assert link not in client.get(other.get_absolute_url()).content.decode()


# Priority pickers and the favicon -----------------------------------------------------


def test_priority_pickers_name_each_priority_with_its_strategy(client):
    first, refresh = sf.strategy(), sf.strategy()
    client.force_login(pf.officer())
    for url in ("/admin/funding/fund/add/", "/admin/funding/grantaward/add/"):
        page = client.get(url).content.decode()
        assert page.count(">Priority 1</option>") == 0, url
        assert f">Priority 1 ({first.title})</option>" in page
        assert f">Priority 1 ({refresh.title})</option>" in page


def test_every_page_links_the_favicon(client):
    page = client.get("/partnerships/").content.decode()
    assert 'rel="icon" href="/static/favicon.ico"' in page
    assert 'rel="icon" href="/static/favicon.svg"' in page
    static = Path(settings.BASE_DIR) / "static"
    assert (static / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (static / "favicon.svg").read_text().startswith("<svg")
