"""The measuring tools prove they measure their own server: a port already held is
refused, and a server that answers under another name (or none) stops the run."""

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from servers import HOST, free_port, wait_for_own_server  # noqa: E402


class Stranger(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the handler's own name
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def stranger():
    server = http.server.HTTPServer((HOST, 0), Stranger)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_port_already_held_is_refused(stranger):
    with pytest.raises(SystemExit, match="in use"):
        free_port(stranger)
    assert free_port() != stranger


def test_a_server_answering_under_another_name_stops_the_run(stranger):
    ours = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with pytest.raises(SystemExit, match="Something else answers"):
            wait_for_own_server(f"http://{HOST}:{stranger}", "bench-ours", ours, timeout=10)
    finally:
        ours.kill()


def test_the_health_check_says_which_instance_answers(client, settings):
    settings.PACE_INSTANCE = "bench-1234"
    assert client.get("/healthz")["X-PACE-Instance"] == "bench-1234"
    settings.PACE_INSTANCE = ""
    assert "X-PACE-Instance" not in client.get("/healthz")
