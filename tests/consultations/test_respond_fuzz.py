"""Bad input thrown at the resident's pages (hypothesis, bounded as tests/site/
test_fuzz.py is): arbitrary text, control characters, huge values, values that are
not choices. Never a server error; invalid input gets the error summary; nothing
invalid is kept."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategy.consultations.models import Response
from tests.site.test_fuzz import text

from . import factories as f

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def online():
    return f.online()


def _ok(response) -> str:
    assert response.status_code in (200, 302, 400), response.status_code
    html = response.content.decode()
    if response.status_code == 400:
        assert "govuk-error-summary" in html
    return html


@FUZZ
@given(number=st.integers(min_value=1, max_value=4), values=st.lists(text, max_size=3))
def test_question_pages_never_fail(client, online, number, values):
    c, _ = online
    url = reverse("consultations:respond-question", args=[c.slug, number])
    _ok(client.post(url, {"answer": values, "prefer_not": values[:1]}))


@FUZZ
@given(age=text, sex=text)
def test_the_equality_page_never_fails(client, online, age, sex):
    c, _ = online
    url = reverse("consultations:respond-equality", args=[c.slug])
    _ok(client.post(url, {"age": age, "sex": sex}))


@FUZZ
@given(email=text, website=text)
def test_the_save_page_never_fails(client, online, email, website):
    c, questions = online
    client.post(
        reverse("consultations:respond-question", args=[c.slug, 4]), {"answer": "Something."}
    )
    _ok(
        client.post(
            reverse("consultations:respond-save", args=[c.slug]),
            {"email": email, "website": website},
        )
    )


@FUZZ
@given(token=text)
def test_resume_links_never_fail(client, online, token):
    c, _ = online
    token = token.replace("/", "").replace("\x00", "") or "x"
    response = client.get(reverse("consultations:respond-resume", args=[c.slug, token]))
    assert response.status_code == 404 and "This link does not work" in response.content.decode()


def test_a_session_holding_nonsense_is_answered_again_not_a_failure(client, online):
    c, _ = online
    session = client.session
    session[f"consultation-response:{c.pk}"] = {
        "answers": {"1": "x", "abc": {}, "999": {"choices": "nope", "value": True}},
        "monitoring": ["not", "a", "dict"],
        "saved": 7,
    }
    session.save()
    html = _ok(client.get(reverse("consultations:respond-check", args=[c.slug])))
    assert "Check your answers" in html
    response = client.post(reverse("consultations:respond-check", args=[c.slug]), {})
    assert response.status_code == 400 and not Response.objects.exists()
