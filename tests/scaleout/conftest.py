"""Two gunicorn instances of PACE on loopback sharing one PostgreSQL database and one
Redis: the deployment README's "Scaling out" describes.

Run with ``make scaleout`` (or ``pytest tests/scaleout``); the normal test run does
not collect these tests, because they need PostgreSQL and Redis, which a fresh
machine may not have. Redis is started if it is not running (and installed with
apt-get first, as root, if it is missing); the database is made afresh from
SCALEOUT_DATABASE_URL (default ``postgres://postgres@127.0.0.1:5432/pace_scaleout``).
"""

import email
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from run import ensure_redis, recreate_database  # noqa: E402  (tests/bench/run.py)
from servers import free_port, instance_name, wait_for_own_server  # noqa: E402

DATABASE_URL = os.environ.get(
    "SCALEOUT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pace_scaleout"
)
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/0")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A visitor with their own cookies, who can talk to either instance."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, url: str, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.headers, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def form_fields(self, html: str) -> dict:
        return dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))

    def sign_in(self, base: str, username: str, password: str) -> None:
        _, _, page = self.request(f"{base}/accounts/login/")
        fields = self.form_fields(page)
        status, headers, _ = self.request(
            f"{base}/accounts/login/",
            {**fields, "username": username, "password": password},
        )
        assert status == 302, f"sign-in failed: {status}"


class Inbox:
    """The deployment's mail server (aiosmtpd): what the workers send arrives here."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"

    def wait_for(self, predicate, timeout: float = 60.0) -> list:
        """The messages, once ``predicate(messages)`` holds (or the time is up)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not predicate(self.messages):
            time.sleep(0.2)
        return list(self.messages)


class Instance:
    """One app server (gunicorn) and its task worker, as README's "Scaling out" runs
    them: each instance has a worker beside it, and both work the one queue."""

    def __init__(self, env: dict) -> None:
        port = free_port()
        instance = instance_name()
        env = {**env, "PACE_INSTANCE": instance}
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "pace_worker", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "pace.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        try:
            wait_for_own_server(self.base, instance, self.process)
        except SystemExit as failed:
            self.stop()
            raise RuntimeError(str(failed)) from failed

    def stop(self) -> None:
        for process in (self.process, self.worker):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def deployment():
    """Two instances, A and B, and the folder their shared media goes to."""
    ensure_redis(REDIS_URL)
    recreate_database(DATABASE_URL)
    media = tempfile.mkdtemp(prefix="pace-scaleout-media-")
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")},
        "DJANGO_SETTINGS_MODULE": "pace.settings",
        "DATABASE_URL": DATABASE_URL,
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"scaleout-{os.getpid()}-{time.time_ns()}",
        "MEDIA_ROOT": media,
        "PACE_PAGE_CACHE_SECONDS": "300",
        "LOG_LEVEL": "ERROR",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "0",
        "PACE_SITE_URL": "http://pace.test",
        "PACE_SCHEDULE_TICK_SECONDS": "1",
    }
    for command in (["migrate", "--noinput", "-v0"], ["load_example_data", "--demo-logins"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    instances = []
    try:
        instances = [Instance(env) for _ in range(2)]
        yield {
            "a": instances[0].base,
            "b": instances[1].base,
            "media": Path(media),
            "inbox": inbox,
            "env": env,
        }
    finally:
        for instance in instances:
            instance.stop()
        smtp.stop()
        shutil.rmtree(media, ignore_errors=True)
