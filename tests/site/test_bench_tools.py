"""The measuring tools prove they measure their own server: a port already held is
refused, and a server that answers under another name (or none) stops the run. The
benchmark's table judges each page type signed in and anonymous against the goals,
and still writes an earlier run's results, saying what that run did not measure."""

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from run import sizes_for  # noqa: E402
from servers import HOST, free_port, wait_for_own_server  # noqa: E402
from table import judge, render  # noqa: E402


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


def _wrk(rps: float, p95: float, *, errors: int = 0, ceiling: float | None = None) -> dict:
    figures = {"rps": rps, "p50_ms": p95 / 2, "p95_ms": p95, "errors": errors}
    return {**figures, "ceiling_rps": ceiling} if ceiling else figures


def _earlier_run() -> dict:
    """An earlier version's results: anonymous figures only."""
    return {
        "machine": "x86_64, 2 cores, Python 3.11",
        "duration_s": 2,
        "connections": 16,
        "workers": 4,
        "sizes": {"bodies": 10},
        "ceiling_cached": _wrk(2000, 10),
        "ceiling_uncached": _wrk(2000, 10),
        "query_counts": {"home": {"tenth": 7, "full": 7}},
        "uncached": {"home": _wrk(70, 250, ceiling=2000)},
        "cached": {"home": _wrk(1900, 12, ceiling=2000)},
        "documents": [],
        "structure": {
            1000: {"bodies": 1000, "min_s": 0.01, "median_s": 0.01, "bytes": 1, "queries": 4},
            10000: {"bodies": 10000, "min_s": 0.05, "median_s": 0.05, "bytes": 1, "queries": 4},
        },
        "move": {1000: {"median_s": 0.01, "queries": 9}, 10000: {"median_s": 0.01, "queries": 9}},
    }


def test_the_table_judges_every_page_type_signed_in_and_anonymous():
    results = _earlier_run()
    results["signed_in_counts"] = {
        "member": {
            "home": {"tenth": 9, "full": 9, "status": 200},
            "dashboard": {"tenth": 15, "full": 16, "status": 200},
            "governance checks": {"tenth": 2, "full": 2, "status": 403},
        },
        "officer": {
            "home": {"tenth": 11, "full": 11, "status": 200},
            "dashboard": {"tenth": 14, "full": 14, "status": 200},
            "governance checks": {"tenth": 13, "full": 13, "status": 200},
            "funding checks": {"tenth": 9, "full": 9, "status": 200},
        },
    }
    results["signed_in"] = {
        "member": {"home": _wrk(180, 80), "dashboard": _wrk(90, 180)},
        "officer": {
            "home": _wrk(170, 90),
            "dashboard": _wrk(170, 90),
            "governance checks": _wrk(170, 95, errors=3),
            # Every request timed out: nothing answered, which is no figure to meet.
            "funding checks": {**_wrk(0, 0), "requests": 0},
        },
    }
    results["people"] = {
        "member": {"username": "m", "body": "Working group 5", "level": 3},
        "officer": {"username": "o"},
    }
    results["change"] = {
        "posts": 40,
        "errors": 0,
        "failures": [],
        "p50_ms": 30.0,
        "p95_ms": 60.0,
        "readers": 50,
        "reader_requests": 300,
        "reader_p95_ms": 40.0,
        "reader_errors": 0,
    }
    judge(results)
    pages = results["pages"]
    assert pages["home"]["signed_in_p95_met"] and pages["home"]["cached_ratio_met"]
    assert pages["dashboard"]["signed_in_p95_met"] is False  # the member's 180 ms
    assert pages["dashboard"]["signed_in_queries_equal"] is False  # 15 → 16
    assert pages["governance checks"]["signed_in_p95_met"] is False  # errors
    # Refused to the member, it is judged by the officer's count alone.
    assert pages["governance checks"]["signed_in_queries_equal"] is True
    assert "cached_ratio_met" not in pages["dashboard"]
    goals = results["goals"]
    assert goals["signed_in_p95"]["missed"] == ["dashboard", "governance checks", "funding checks"]
    assert goals["change"]["met"] is True
    assert goals["cached_ratio"]["met"] is True
    table = render(results)
    assert "| home | – | 7 → 7 = | 9 → 9 = | 11 → 11 = | 40 / 80 | 45 / 90 | met |" in table
    assert (
        "| dashboard | – | – | 15 → 16 ≠ | 14 → 14 = | 90 / 180 | 45 / 90 | **not met** |" in table
    )
    assert "| governance checks | – | – | (403) | 13 → 13 = | – | 48 / 95 (3 errors) |" in table
    assert "| funding checks | – | – | – | 9 → 9 = | – | none answered | **not met** |" in table
    assert "40 posted, p50 30 ms, p95 60 ms, 0 failed" in table
    assert "Working group 5, level 3 in the tree" in table


def test_an_earlier_runs_results_still_render_saying_what_it_did_not_measure():
    results = _earlier_run()
    results["cached"]["home"] = _wrk(1700, 12, ceiling=2000)  # 0.85: met the old half
    judge(results)
    assert results["goals"]["cached_ratio"]["missed"] == ["home"]
    table = render(results)
    assert "Signed in: not measured in this run." in table
    assert "| a change is cheap" in table and "| not measured | not measured |" in table
    assert "Stored documents' build times: not measured in this run." in table
    assert "| structure page at 10,000 bodies under 10x its time at 1,000 | 5.0x | met |" in table


def test_a_quick_run_divides_every_size():
    sizes = sizes_for(10)
    assert sizes["full"] == {
        "bodies": 100,
        "actions": 2000,
        "updates": 10000,
        "awards": 500,
        "meetings": 200,
    }
    assert sizes["tenth"]["bodies"] == 14  # every kind of body, with its plan and meetings
    assert sizes["tenth"]["meetings"] == 28  # as many a body as at the full size
    assert sizes["x10"] == {
        "bodies": 1000,
        "actions": 0,
        "updates": 0,
        "awards": 5000,
        "meetings": 2000,
    }
    assert sizes_for(100)["trees"] == (20, 100)  # a move needs two thematic boards
