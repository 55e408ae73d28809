"""Who to contact, wherever residents expect it: each body's page gives its own
contact, else the contact of the nearest body above it that gives one, else the
partnership's; the contact page and the accessibility statement give the
partnership's. A contact typed in the admin names who and at least one way to reach
them, or the admin says which field is wrong and saves nothing."""

import re

import pytest

from partnerships.models import Body, BodyKind

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    client.force_login(f.officer())
    return client


def _contact_section(html: str) -> str:
    match = re.search(r'id="contact">(.*?)</div></div>', html, re.S)
    assert match, "the page has no contact section"
    return match.group(1)


def test_a_body_page_gives_its_own_contact_or_the_nearest_one_above(client, settings):
    settings.PACE_CONTACT_NAME = "The partnership team"
    settings.PACE_CONTACT_EMAIL = "team@example.org"
    bodies = f.area()
    board = bodies["area_board"]
    Body.objects.filter(pk=board.pk).update(
        contact_name="Crewe Area Board support officer",
        contact_email="crewe.board@example.org",
        contact_telephone="01632 960 123",
        contact_address="Municipal Buildings\nCrewe CW1 2BJ",
    )

    own = _contact_section(client.get(board.get_absolute_url()).text)
    assert "Crewe Area Board support officer" in own
    assert 'href="mailto:crewe.board@example.org"' in own
    assert 'href="tel:01632960123"' in own and "Municipal Buildings<br>Crewe CW1 2BJ" in own

    # The Area Management Group gives none: its Area Board's is shown, and said to be.
    below = _contact_section(client.get(bodies["amg"].get_absolute_url()).text)
    assert f"supported through {board.name}" in below
    assert "crewe.board@example.org" in below

    # The Leaders Board gives none and has nothing above it: the partnership's own.
    top = _contact_section(client.get(bodies["leaders"].get_absolute_url()).text)
    assert "The partnership team" in top and "team@example.org" in top
    assert "crewe.board@example.org" not in top


def test_the_contact_page_and_the_accessibility_statement_give_the_partnerships_contact(
    client, settings
):
    settings.PACE_CONTACT_NAME = "The partnership team"
    settings.PACE_CONTACT_EMAIL = "team@example.org"
    settings.PACE_CONTACT_TELEPHONE = "01632 960 001"
    for path in ("/contact/", "/accessibility/"):
        html = client.get(path).text
        assert "The partnership team" in html, path
        assert 'href="mailto:team@example.org"' in html, path
        assert "01632 960 001" in html, path
    # Every page's footer links to the contact page.
    assert 'href="/contact/">Contact</a>' in client.get("/").text


def _body_post(**contact):
    leaders = Body.objects.get(kind=BodyKind.LEADERS_BOARD)
    return {
        "name": "Crewe Area Board",
        "slug": "crewe",
        "kind": BodyKind.AREA_BOARD,
        "parent": leaders.pk,
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
        "links_out-TOTAL_FORMS": 0,
        "links_out-INITIAL_FORMS": 0,
        "contact_name": "",
        "contact_email": "",
        "contact_telephone": "",
        "contact_address": "",
        **contact,
    }


@pytest.mark.parametrize(
    ("contact", "field", "message"),
    [
        (
            {"contact_email": "board@example.org"},
            "contact_name",
            "Say who to contact (a team or a role)",
        ),
        (
            {"contact_name": "The support officer"},
            "contact_email",
            "Give an e-mail address, a telephone number or a postal address",
        ),
        (
            {"contact_name": "The support officer", "contact_telephone": "call the office"},
            "contact_telephone",
            "Enter a telephone number",
        ),
        (
            {"contact_name": "The support officer", "contact_email": "not an address"},
            "contact_email",
            "Enter a valid email address",
        ),
    ],
)
def test_a_contact_without_who_or_how_is_refused_on_its_field(
    officer_client, contact, field, message
):
    f.body(BodyKind.LEADERS_BOARD)
    response = officer_client.post("/admin/partnerships/body/add/", _body_post(**contact))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert any(message in e for e in errors[field]), errors
    assert not Body.objects.filter(slug="crewe").exists()


def test_a_whole_contact_is_saved_from_the_admin(officer_client):
    f.body(BodyKind.LEADERS_BOARD)
    response = officer_client.post(
        "/admin/partnerships/body/add/",
        _body_post(contact_name="The support officer", contact_telephone="+44 1632 960 002"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    body = Body.objects.get(slug="crewe")
    assert (body.contact_name, body.contact_telephone) == (
        "The support officer",
        "+44 1632 960 002",
    )
