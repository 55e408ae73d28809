"""Deployment settings, headers, sign-in throttling and error pages."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from ..partnerships import factories as pf

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_deploy_check_passes_with_production_settings():
    # (The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; not in production.)
    unset = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset} | {
        "PACE_ENVIRONMENT": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "pace.cheshireeast.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_content_security_policy_allows_no_inline_script(client):
    pf.body(name="Leaders Board")
    for url in ("/", "/partnerships/", "/accounts/login/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]*)", policy).group(1)
        assert script_src.strip() == "'self'"
        assert "frame-ancestors 'none'" in policy
        # And the pages keep to it: no inline script to be blocked.
        for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
            assert "src=" in tag, (url, tag)


def test_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_signed_in_pages_are_private_to_the_browser(client):
    assert "private" not in client.get("/").get("Cache-Control", "")
    someone = pf.person(with_login=True)
    client.force_login(someone.user)
    response = client.get("/")
    assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"]


def test_logout_needs_a_post(client):
    someone = pf.person(with_login=True)
    client.force_login(someone.user)
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_session_key_changes_at_sign_in(client):
    get_user_model().objects.create_user("casey", password="a long enough password")
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    client.post("/accounts/login/", {"username": "casey", "password": "a long enough password"})
    assert client.session.session_key != before


def attempt(client: Client, username: str, password: str, **headers):
    return client.post("/accounts/login/", {"username": username, "password": password}, **headers)


def test_failed_sign_ins_are_throttled_per_user_and_address():
    get_user_model().objects.create_user("casey", password="the right password")
    get_user_model().objects.create_user("drew", password="drew's right password")
    here = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(4):
        assert attempt(here, "casey", "wrong").status_code == 200
    assert attempt(here, "casey", "wrong").status_code == 429  # the fifth failure locks
    locked = attempt(here, "casey", "the right password")
    assert locked.status_code == 429 and "too many failed attempts" in locked.content.decode()
    # A forged X-Forwarded-For does not make a new address.
    assert (
        attempt(
            here, "casey", "the right password", HTTP_X_FORWARDED_FOR="198.51.100.1"
        ).status_code
        == 429
    )
    # Another user from the same address, and the same user elsewhere, are not locked.
    assert attempt(here, "drew", "drew's right password").status_code == 302
    elsewhere = Client(REMOTE_ADDR="192.0.2.44")
    assert attempt(elsewhere, "casey", "the right password").status_code == 302


def test_passwords_are_validated():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("short", "password1234", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct horse battery staple")


@pytest.mark.urls("tests.core.error_urls")
def test_server_error_page_shows_no_detail(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "secret internal detail" not in page and "Traceback" not in page


def test_not_found_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_an_overlong_username_gets_a_message_not_a_server_error():
    """Found by fuzzing on PostgreSQL: a username longer than django-axes' record of
    failed sign-ins (255 characters) failed with a server error."""
    client = Client(REMOTE_ADDR="203.0.113.9")
    response = attempt(client, "0" * 256, "0")
    assert response.status_code == 200
    assert "Enter a username of 150 characters or fewer" in response.content.decode()
    response = attempt(client, "0" * 150, "0")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
