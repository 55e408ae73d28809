"""Load on the benchmark's server (tests/bench/run.py): wrk on one page at a time,
anonymous or with a signed-in person's session cookie, and "a change is cheap",
progress updates posted through the real form while readers load pages.

``server`` is run.py's ``Server``: ``base``, its address, and ``get(path, headers)``.
"""

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

LUA = Path(__file__).with_name("wrk_report.lua")
READERS_LUA = Path(__file__).with_name("wrk_readers.lua")
#: What every browser sends, and so does wrk here: cached pages of text go out gzipped
#: (pace/core/cache.py), as browsers receive them.
BROWSER_HEADERS = ("Accept-Encoding: gzip, deflate, br",)


def wrk(wrk_bin: str, url: str, *, seconds: int, connections: int, headers=()) -> dict:
    command = [
        wrk_bin,
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(LUA),
    ]
    for header in (*BROWSER_HEADERS, *headers):
        command += ["-H", header]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 120
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRKJSON "))
    data = json.loads(line[len("WRKJSON ") :])
    seconds_run = data["duration_us"] / 1e6
    return {
        "rps": data["requests"] / seconds_run,
        "requests": data["requests"],
        "p50_ms": data["p50_us"] / 1000,
        "p95_ms": data["p95_us"] / 1000,
        "p99_ms": data["p99_us"] / 1000,
        "errors": data["status_errors"] + data["socket_errors"],
        "mb_per_s": data["bytes"] / seconds_run / 1e6,
    }


def load_pages(server, pages: dict, wrk_bin: str, args, *, label: str) -> dict:
    """wrk on each page, each run just after a run of the ceiling (``/healthz``), so
    that a page's ratio compares two runs under the same load from whatever else the
    machine is doing."""
    results = {}
    for name, address in pages.items():
        status, headers, _ = server.get(address)  # warm: PDFs stored, the cache filled
        assert status == 200, (name, address, status)
        ceiling = wrk(
            wrk_bin, server.base + "/healthz", seconds=args.duration, connections=args.connections
        )
        results[name] = wrk(
            wrk_bin, server.base + address, seconds=args.duration, connections=args.connections
        )
        r = results[name]
        r["ceiling_rps"] = ceiling["rps"]
        print(
            f"  {label:<8} {name:<20} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms  "
            f"p95 {r['p95_ms']:7.1f} ms  (ceiling {ceiling['rps']:.0f} req/s)",
            flush=True,
        )
    return results


# --- Signed in -----------------------------------------------------------------------------


class _Unredirected(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's requests to ``base``, keeping their cookies as a browser does
    and following no redirect (a form that succeeds answers 302)."""

    def __init__(self, base: str, cookies: dict[str, str]) -> None:
        self.base = base
        self.cookies = dict(cookies)
        self.opener = urllib.request.build_opener(_Unredirected)

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base + path,
            data=urlencode(data).encode() if data is not None else None,
            headers={"Cookie": cookie_header(self.cookies)},
        )
        try:
            response = self.opener.open(request, timeout=120)
        except urllib.error.HTTPError as answer:
            response = answer
        with response:
            for header in response.headers.get_all("Set-Cookie") or ():
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.coded_value
            return response.status, response.read().decode(errors="replace")


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def signed_in_load(server, people: dict, pages: dict, wrk_bin: str, args) -> dict:
    """wrk on each page a person may see, with their session cookie: {person: {page:
    figures}}. Each person's session is first shown to be signed in (their home
    answers rather than sending them to sign in), so that what is measured is never
    an anonymous visitor's page."""
    results = {}
    for who, person in people.items():
        browser = Browser(server.base, person["cookies"])
        status, _ = browser.request("/dashboard/")
        if status != 200:
            sys.exit(f"The {who}'s session is not signed in: /dashboard/ answered {status}.")
        # The cookies a browser would send from then on: the session's and the CSRF
        # token's (each page's sign-out form needs one, and without it every response
        # would make and set a new one).
        cookies = {k: v for k, v in browser.cookies.items() if k != "messages"}
        cookie = f"Cookie: {cookie_header(cookies)}"
        results[who] = {}
        for name, address in pages[who].items():
            server.get(address, headers={"Cookie": cookie_header(cookies)})
            r = results[who][name] = wrk(
                wrk_bin,
                server.base + address,
                seconds=args.duration,
                connections=args.connections,
                headers=[cookie],
            )
            print(
                f"  {who:<8} {name:<20} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms  "
                f"p95 {r['p95_ms']:7.1f} ms",
                flush=True,
            )
    return results


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]*)"')
RATINGS = ("green", "green", "amber", "red")


def post_updates(base: str, member: dict, seconds: float) -> dict:
    """The board member posts progress updates on their body's open actions, one
    after another for ``seconds``, as a browser does: open the form, read its CSRF
    token and one-time submission key, send it. Only the posts are timed."""
    browser = Browser(base, member["cookies"])
    times, failures, turn = [], [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        action = member["actions"][turn % len(member["actions"])]
        path = f"/actions/{action}/update/"
        status, form = browser.request(path)
        csrf, key = CSRF.search(form), SUBMISSION_KEY.search(form)
        if status != 200 or not (csrf and key):
            failures.append(f"form {status}")
            if len(failures) > 20:
                break
            continue
        data = {
            "csrfmiddlewaretoken": csrf.group(1),
            "submission_key": key.group(1),
            "reported_on": time.strftime("%d/%m/%Y"),
            "rag": RATINGS[turn % len(RATINGS)],
            "narrative": "Benchmark: what was done and what happens next.",
        }
        turn += 1
        start = time.perf_counter()
        status, _ = browser.request(path, data)
        elapsed = time.perf_counter() - start
        if status == 302:
            times.append(elapsed)
        else:
            failures.append(f"post {status}")
    ordered = sorted(times) or [0.0]
    return {
        "posts": len(times),
        "errors": len(failures),
        "failures": sorted(set(failures)),
        "p50_ms": ordered[len(ordered) // 2] * 1000,
        "p95_ms": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000,
    }


def change_is_cheap(server, member: dict, readers: list[str], wrk_bin: str, args):
    """Progress updates posted while ``args.readers`` readers load ``readers`` (each
    waiting 1 to 3 s between pages, as a person reading does): the posts' figures and
    the readers'."""
    if not member["actions"]:
        return {"error": "the board member's body has no open actions"}
    # The readers' pages as a running site has them: stored, not expired since the
    # cached load of them (PACE_PAGE_CACHE_SECONDS) while other pages were measured.
    # Otherwise the first of every reader's pages misses at once, and what is
    # measured is a cold cache rather than the posts.
    for path in readers:
        server.get(path)
    command = [
        wrk_bin,
        "-t2",
        f"-c{args.readers}",
        f"-d{args.change_seconds + 2}s",
        "--timeout",
        "30s",
        "-s",
        str(READERS_LUA),
    ]
    for header in BROWSER_HEADERS:
        command += ["-H", header]
    command += [server.base + "/", "--", *readers]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as wrk_readers:
        time.sleep(1)  # the readers first: every post is made while they read
        posts = post_updates(server.base, member, args.change_seconds)
        output, _ = wrk_readers.communicate(timeout=args.change_seconds + 120)
    line = next(line for line in output.splitlines() if line.startswith("WRKJSON "))
    data = json.loads(line[len("WRKJSON ") :])
    return {
        **posts,
        "readers": args.readers,
        "reader_requests": data["requests"],
        "reader_p95_ms": data["p95_us"] / 1000,
        "reader_errors": data["status_errors"] + data["socket_errors"],
    }
