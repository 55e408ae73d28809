"""The measuring tools' own servers: a port nothing else holds, and proof that what
answers there is the server the tool started.

A benchmark that starts gunicorn on a fixed port and finds it taken would go on
measuring whatever else answers there (a load run once reported no errors against
another server, having posted nothing). So the tools take a free port (or check the
one asked for is free), give their server a name of its own (``PACE_INSTANCE``, which
``/healthz`` sends back in ``X-PACE-Instance``), and stop with an error unless that
name comes back from the port they measure.
"""

import secrets
import socket
import subprocess
import time
import urllib.request

HOST = "127.0.0.1"


def free_port(asked: int | None = None) -> int:
    """``asked`` if nothing listens there, else an error; with nothing asked, a port
    the system has free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, asked or 0))
        except OSError as taken:
            raise SystemExit(
                f"Port {asked} on {HOST} is in use: stop what holds it, or leave the "
                "port out to take a free one."
            ) from taken
        return probe.getsockname()[1]


def instance_name() -> str:
    """A name for one server, to pass as ``PACE_INSTANCE`` in its environment."""
    return f"bench-{secrets.token_hex(8)}"


def wait_for_own_server(
    base: str, instance: str, process: subprocess.Popen, *, timeout: float = 60
) -> None:
    """Return once the server ``process`` started answers at ``base`` under its own
    name; stop with an error if it dies, or if something else answers there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server stopped before it answered at {base}.")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:  # noqa: S310
                answered = response.headers.get("X-PACE-Instance")
        except OSError:
            time.sleep(0.2)
            continue
        if answered != instance:
            raise SystemExit(
                f"Something else answers at {base} (instance {answered!r}, not {instance!r}):"
                " nothing was measured."
            )
        return
    raise SystemExit(f"The server did not answer at {base} within {timeout:.0f} s.")
