"""Production settings refuse to start unsafe."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 64


def load_settings(**env) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "pace.settings", **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_debug():
    result = load_settings(
        PACE_ENVIRONMENT="production", DEBUG="1", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="pace.example"
    )
    assert result.returncode != 0 and "DEBUG must be off" in result.stderr


def test_production_refuses_the_default_secret_key():
    result = load_settings(PACE_ENVIRONMENT="production", ALLOWED_HOSTS="pace.example")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_production_starts_when_configured():
    result = load_settings(
        PACE_ENVIRONMENT="production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="pace.example"
    )
    assert result.returncode == 0, result.stderr


def test_debug_is_off_unless_asked():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); "
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DEBUG"}
        | {"DJANGO_SETTINGS_MODULE": "pace.settings"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "False"


def test_an_unknown_environment_is_refused():
    for name in ("Production", "prod", "staging"):
        result = load_settings(PACE_ENVIRONMENT=name, SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="x")
        assert result.returncode != 0, name
        assert "set it to one of development, production" in result.stderr, name
