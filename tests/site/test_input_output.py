"""What officers and board members type comes back as text, never as markup.

Every text field in PACE is plain text: templates escape it (``linebreaksbr`` for
the long ones, which escapes first), nothing typed is ever marked safe, and so no
HTML sanitiser is needed. The tests below prove it for every text field there is,
found by walking the models, so a field added later is covered too. Officers'
links accept only web addresses. The one upload (the officers' CSV import of
awards) is limited in type and size: tests/funding/test_admin.py.
"""

import datetime
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Left
from django.test import Client
from django.urls import reverse

from partnerships.models import Organisation
from strategy.consultations.models import Consultation, ConsultationDocument
from strategy.forms import NARRATIVE_MAX_LENGTH

from .crawl import addresses, crawl, public_routes
from .world import build_world

pytestmark = pytest.mark.django_db

PAYLOAD = "\"'><svg onload=alert(1)>"
RAW = re.compile(r"<svg onload", re.IGNORECASE)
ESCAPED = "&lt;svg onload=alert(1)&gt;"
JAVASCRIPT_LINK = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


#: Text fields that are not free text: they are parsed, so they never hold markup.
PARSED = {
    ("funding", "fund", "financial_year"),
    ("funding", "postcodedistrict", "code"),
    ("funding", "resourcecommitment", "financial_year"),
    # A statistical code (E06000049), shorter than the payload.
    ("indicators", "geography", "code"),
    ("partnerships", "ward", "code"),
}


def typed_text_fields() -> list[tuple[type[models.Model], models.Field]]:
    """Every text field a person types into: not a choice, a slug, an email address
    or a web address (those are validated to their format), nor one the code sets."""
    fields = []
    for model in apps.get_models():
        if model._meta.app_label not in settings.PACE_DATA_APPS or model._meta.proxy:
            continue
        # Audit history copies of the records, written by the code, not typed.
        if hasattr(model, "instance_type"):
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if (
                field.choices
                or not field.editable
                or isinstance(field, models.SlugField | models.EmailField | models.URLField)
                or (model._meta.app_label, model._meta.model_name, field.name) in PARSED
            ):
                continue
            fields.append((model, field))
    return fields


def plant_payload() -> int:
    """Append the payload to every typed text field of every row, kept within the
    field's length; the number of fields planted."""
    planted = 0
    for model, field in typed_text_fields():
        value = Concat(field.name, Value(PAYLOAD), output_field=field)
        if field.max_length:
            keep = field.max_length - len(PAYLOAD)
            value = Concat(Left(field.name, keep), Value(PAYLOAD), output_field=field)
        try:
            with transaction.atomic():
                changed = model._default_manager.update(**{field.name: value})
        except IntegrityError:
            # A field that must stay blank in some rows (a consultation's local issue
            # when it is not an Area Board's): only the rows that have some text.
            rows = model._default_manager.exclude(**{field.name: ""})
            changed = rows.update(**{field.name: value})
        planted += bool(changed)
    return planted


def _admin_pages() -> list[str]:
    from django.contrib import admin

    urls = []
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{prefix}_changelist"))
        urls += [
            reverse(f"{prefix}_change", args=[pk])
            for pk in model._default_manager.values_list("pk", flat=True)
        ]
    return urls


def test_the_typed_text_fields_are_found():
    found = {(m._meta.model_name, f.name) for m, f in typed_text_fields()}
    # A sample of the long texts officers type, as a check on the walk itself.
    assert {
        ("agendaitem", "minutes"),
        ("agendaitem", "papers"),
        ("body", "remit"),
        ("reportparagraph", "text"),
        ("consultation", "responses_summary"),
        ("progressupdate", "narrative"),
        ("grantaward", "description"),
        ("person", "name"),
        ("consultationdocument", "title"),
    } <= found
    assert ("person", "email") not in found and ("body", "slug") not in found


def test_typed_markup_is_escaped_on_every_page():
    """Markup in every text field of every record comes back escaped on every HTML
    page: the public site as a visitor and as an officer (who sees the private
    records), and the admin's lists and forms."""
    build_world()
    assert plant_payload() > 70
    officer = Client()
    from django.contrib.auth import get_user_model

    officer.force_login(get_user_model().objects.get(is_superuser=True))
    public = addresses(public_routes())
    # Links are followed on the public site; the admin's pages are visited once each
    # (their filter and sort links lead to the same rows again).
    skip = lambda url: url.startswith(("/static/", "/accounts/logout/", "/admin/"))  # noqa: E731
    visits = crawl(Client(), public, limit=2000, skip=skip)
    visits += crawl(officer, public + _admin_pages(), limit=2000, skip=skip)
    assert len(visits) < 4000
    html = [v for v in visits if v.content_type.startswith("text/html")]
    unescaped = [v.url for v in html if RAW.search(v.text)]
    assert not unescaped, unescaped
    assert not [v.url for v in html if JAVASCRIPT_LINK.search(v.text)]
    escaped = [v for v in html if ESCAPED in v.text]
    assert len(escaped) > len(html) / 2, "The payload should show, escaped, on most pages"
    print(f"\nEscaping checked on {len(html)} pages; the payload shows escaped on {len(escaped)}")


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://files.example.org/plan.pdf",
        "//evil.example.org/x",
    ],
)
def test_officers_links_accept_only_web_addresses(address):
    world = build_world()
    consultation: Consultation = world.objects["published_consultation"]
    records = [
        (Organisation(name="A trust", slug="a-trust", sector="vcf", website=address), "website"),
        (
            ConsultationDocument(consultation=consultation, title="Plan", url=address),
            "url",
        ),
    ]
    consultation.response_url = address
    records.append((consultation, "response_url"))
    for record, field in records:
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert field in error.value.message_dict, (record, field)
        setattr(record, field, "https://www.cheshireeast.gov.uk/pace")
        record.full_clean()


def test_the_admin_refuses_a_javascript_website_with_a_message(client):
    world = build_world()
    client.force_login(world.users["officer"])
    response = client.post(
        reverse("admin:partnerships_organisation_add"),
        {"name": "A trust", "slug": "a-trust", "sector": "vcf", "website": "javascript:alert(1)"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid URL" in page or "Enter a web address" in page
    assert not Organisation.objects.filter(slug="a-trust").exists()


def test_a_board_member_cannot_post_an_endless_update(client):
    world = build_world()
    client.force_login(world.users["member_a"])
    action = world.objects["public_action"]
    data = {
        "reported_on": datetime.date.today().strftime("%d/%m/%Y"),
        "rag": "green",
        "narrative": "x" * (NARRATIVE_MAX_LENGTH + 1),
    }
    url = reverse("strategy:update-create", args=[action.pk])
    before = action.updates.count()
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Keep the update to 5000 characters or fewer" in response.content.decode()
    assert action.updates.count() == before
    assert client.post(url, {**data, "narrative": "x" * NARRATIVE_MAX_LENGTH}).status_code == 302


@pytest.mark.parametrize(
    "query",
    [
        "/admin/autocomplete/?app_label=partnerships&model_name=body&field_name=parent&term=a%00",
        "/admin/partnerships/body/?kind__exact=%00",
        "/admin/partnerships/meeting/?q=a%00b&status__exact=held",
        "/admin/strategy/action/?status__exact=%00x",
        "/admin/funding/grantaward/?status__exact=x%00",
    ],
)
def test_a_nul_in_the_admins_query_string_is_a_bad_request(client, query):
    """PostgreSQL cannot hold NUL in text: the admin's filters and autocomplete once
    failed with a server error on it. Now: a plain "Bad request" page."""
    world = build_world()
    client.force_login(world.users["officer"])
    response = client.get(query)
    assert response.status_code == 400
    assert "could not read that request" in response.content.decode()
    assert client.get(query.replace("%00", "")).status_code == 200
