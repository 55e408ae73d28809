"""A real SMTP server for the tests (aiosmtpd on a free port), and Django's SMTP
backend pointed at it: what PACE sends is read as it arrived."""

import email
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import TestCase
from django_tasks_db.models import DBTaskResult


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self.refuse = False
        #: Addresses the server refuses for good (550), as a mailbox that does not exist.
        self.unknown: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.unknown:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.refuse:
            return "451 Try again later"
        message = email.message_from_bytes(envelope.content)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"

    def to(self) -> list[str]:
        return sorted(m["X-Envelope-To"] for m in self.messages)

    def clear(self) -> None:
        self.messages.clear()

    def text(self, message) -> str:
        return part(message, "text/plain")


def part(message, content_type: str) -> str:
    found = next(p for p in message.walk() if p.get_content_type() == content_type)
    return found.get_payload(decode=True).decode()


def addressed(person, address: str):
    """``person`` with ``address`` on their record."""
    person.email = address
    person.save()
    return person


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield inbox
    controller.stop()


def run_worker(rounds: int = 10) -> None:
    """Work the queue until it is empty, as ``manage.py pace_worker`` does. A test
    runs in one transaction that never commits, so what each task queues on commit
    (a delivery after a fan-out, a retry after a failure) is run here, round after
    round."""
    for _ in range(rounds):
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("pace_worker", "--batch", "--no-startup-delay", verbosity=0)
        if not DBTaskResult.objects.ready().exists():
            return


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The per-client allowance lives in the cache: each test starts with a full one."""
    from django.core.cache import cache

    cache.clear()
