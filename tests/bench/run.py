# Over 400 lines, as one piece: the benchmark is one run that compares its own measurements.
"""The benchmark suite: `make bench` (README, "Performance").

    python tests/bench/run.py [--duration 5] [--connections 16] [--reuse]
                              [--size full|tenth|hundredth] [--skip-x10] [--skip-reports]

On this machine, in one run, against PostgreSQL with the scale data:

1. builds the databases (dropped and made afresh unless --reuse): the example data
   plus the scale data at full size (1,000 bodies, 20,000 actions, 100,000 progress
   updates, 5,000 awards, 2,000 meetings; the time it takes is reported), at a
   tenth of it, and at ten times its bodies, awards and meetings (``_x10``, for the
   stored documents' build times only; not with --skip-x10); and trees of 100, 1,000
   and 10,000 bodies alone. ``--size tenth`` or ``hundredth`` divides every size by
   10 or 100, for a quick run that proves the benchmark works;
2. counts the queries of every public page type at both sizes, and of every page
   type a signed-in person uses as the board member and as the officer of
   tests/bench/people.py (they must be equal);
3. serves the full-size data with gunicorn on 127.0.0.1 and loads each public page
   type with wrk for --duration seconds at --connections connections: the trivial
   view /healthz as the ceiling, then every page with the page cache off, then with
   it on (Redis), then repeat visits that send the ETag back (304s); then, with the
   cache still on, every page signed in, once with the board member's session cookie
   and once with the officer's (a request with a session is never served from the
   cache: each is a render); then "a change is cheap": the board member posts
   progress updates through the real form (CSRF token, one-time submission key),
   one after another for --change-seconds seconds, while --readers readers load the
   public pages, and the posts' p50 and p95 are reported;
4. times the structure page at 100, 1,000 and 10,000 bodies and a body move in each,
   and the search page at the full size for a one-word, a two-word, a three-word and a
   misspelled query (tests/bench/measure.py search);
5. builds each stored whole-data document (pace.documents) once at the full size
   and once at ten times it, and reports its build time and size;
6. runs tests/bench/bench_reports.py: the seed cabinet report's PDF against
   WeasyPrint alone on the same HTML;
7. profiles every page that misses a goal (tests/bench/measure.py profile),
   anonymously or signed in as the board member.

Writes test-artifacts/bench.json and test-artifacts/bench.md (the table, also
printed). Needs PostgreSQL (--database-url), Redis (started if it is not running;
installed with apt-get if it is missing and this runs as root) and wrk (the same).
Exits 0 when it ran, whether or not every goal was met: the table says which.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from loads import change_is_cheap, load_pages, signed_in_load, wrk  # noqa: E402
from servers import free_port, instance_name, wait_for_own_server  # noqa: E402
from table import judge, render, signed_in_met  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"
PYTHON = sys.executable

FULL = {"bodies": 1000, "actions": 20000, "updates": 100000, "awards": 5000, "meetings": 2000}
TREES = (100, 1000, 10000)
#: --size: what every size above is divided by. A quick run shows that the benchmark
#: works; only a full one says whether the goals are met.
DIVISORS = {"full": 1, "tenth": 10, "hundredth": 100}
#: One block of the scale data's structure (pace/exampledata/scale_data.py), so that
#: every kind of body has an action plan and meetings: the pages measured need them.
SMALLEST_PARTNERSHIP = 14
#: A body move (measure.py move) needs two thematic boards, which a tree of this
#: many bodies has.
SMALLEST_TREE = 20
#: The stored documents read bodies, awards and meetings, not actions or progress
#: updates: the ten-times database has ten times those and none of these.
X10_KINDS = ("bodies", "awards", "meetings")
#: The people measured signed in (tests/bench/people.py).
PEOPLE = ("member", "officer")
#: Long enough that no signed-in session of the run reaches its idle deadline, so no
#: measured request is the one that moves it on (a write to the session table).
SESSION_IDLE_MINUTES = "1440"
#: Pages whose 304 throughput is measured (repeat visits with the ETag).
REVALIDATED = ("home", "structure", "body")


# --- The machine's services ---------------------------------------------------------


def as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(package: str) -> None:
    if not (as_root() and shutil.which("apt-get")):
        sys.exit(f"{package} is missing and cannot be installed without root: install it.")
    print(f"Installing {package} (apt-get)...", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", package],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        stdout=subprocess.DEVNULL,
    )


def ensure_wrk() -> str:
    if not shutil.which("wrk"):
        apt_install("wrk")
    return shutil.which("wrk")


def redis_ping(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def ensure_redis(url: str) -> None:
    """Redis at ``url``: started if it is not running, installed first if missing."""
    if redis_ping(url):
        return
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"Redis does not answer at {url}.")
    if not shutil.which("redis-server"):
        apt_install("redis-server")
    print("Starting Redis...", flush=True)
    subprocess.run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            str(parts.port or 6379),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
    )
    for _ in range(50):
        if redis_ping(url):
            return
        time.sleep(0.1)
    sys.exit(f"Redis did not start at {url}.")


def sizes_for(divisor: int) -> dict:
    """The run's sizes: the full size, its tenth, ten times its bodies, awards and
    meetings (``_x10``), and the trees, each divided by ``divisor`` (but never fewer
    bodies than ``SMALLEST_PARTNERSHIP`` or, in a tree, ``SMALLEST_TREE``)."""

    def scaled(bodies: int) -> dict:
        # As many actions, updates, awards and meetings a body as at the full size.
        bodies = max(SMALLEST_PARTNERSHIP, bodies)
        return {name: n * bodies // FULL["bodies"] for name, n in FULL.items()}

    full = scaled(FULL["bodies"] // divisor)
    tenth = scaled(full["bodies"] // 10)
    x10 = {name: n * 10 if name in X10_KINDS else 0 for name, n in full.items()}
    trees = tuple(sorted({max(SMALLEST_TREE, n // divisor) for n in TREES}))
    return {"full": full, "tenth": tenth, "x10": x10, "trees": trees}


def database_url(base: str, suffix: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=parts.path + suffix))


def recreate_database(url: str, *, template: str | None = None) -> None:
    """Drop and create the database at ``url``: empty, or a copy of the database at
    ``template``."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    copy = f' TEMPLATE "{urlsplit(template).path.lstrip("/")}"' if template else ""
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"{copy}')


def database_exists(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT count(*) FROM partnerships_body").fetchone()[0] > 0
    except psycopg.Error:
        return False


def manage(url: str, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class Databases:
    """The run's databases, named after ``base``. Each is a copy of a template made
    once (migrated; migrated with the example data), the first time one is needed,
    rather than migrated afresh: migrating takes minutes on a loaded machine, a copy
    seconds. ``test-artifacts/bench-build.json`` records each database once it is
    finished, and how long make_scale_data took on it, so that --reuse keeps only
    databases an earlier run finished making."""

    TIMINGS = ARTIFACTS / "bench-build.json"

    def __init__(self, base: str, *, reuse: bool) -> None:
        self.base = base
        self.reuse = reuse
        self.templates: dict[bool, str] = {}

    def finished(self) -> dict[str, float]:
        return json.loads(self.TIMINGS.read_text()) if self.TIMINGS.exists() else {}

    def finish(self, url: str, seconds: float | None) -> None:
        """Record ``url`` as finished, or (``seconds`` None) as not."""
        made = self.finished()
        made.pop(url, None)
        if seconds is not None:
            made[url] = seconds
        ARTIFACTS.mkdir(exist_ok=True)
        self.TIMINGS.write_text(json.dumps(made, indent=2) + "\n")

    def kept(self, url: str) -> bool:
        return self.reuse and url in self.finished() and database_exists(url)

    def template(self, *, example: bool) -> str:
        if example not in self.templates:
            url = database_url(self.base, "_template_example" if example else "_template")
            if not (self.reuse and url in self.finished()):
                self.finish(url, None)
                if example:
                    recreate_database(url, template=self.template(example=False))
                    manage(url, "load_example_data")
                else:
                    recreate_database(url)
                    manage(url, "migrate", "--noinput", "-v0")
                self.finish(url, 0.0)
            self.templates[example] = url
        return self.templates[example]

    def build(self, url: str, sizes: dict, *, example: bool) -> float | None:
        """Make the database at ``url``; the seconds make_scale_data took (as measured
        when the database was made, with --reuse)."""
        if self.kept(url):
            return self.finished()[url]
        self.finish(url, None)
        recreate_database(url, template=self.template(example=example))
        start = time.perf_counter()
        manage(url, "make_scale_data", *[f"--{name}={n}" for name, n in sizes.items()])
        self.finish(url, time.perf_counter() - start)
        return self.finished()[url]


def measure(url: str, *args: str, media: str) -> dict:
    result = subprocess.run(
        [PYTHON, str(Path(__file__).with_name("measure.py")), *args],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": url,
            "MEDIA_ROOT": media,
            "LOG_LEVEL": "ERROR",
            "PACE_SESSION_IDLE_MINUTES": SESSION_IDLE_MINUTES,
        },
        capture_output=True,
        text=True,
    )
    for line in result.stdout.splitlines():
        if line.startswith("MEASUREJSON "):
            return json.loads(line[len("MEASUREJSON ") :])
    sys.exit(f"measure.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def structure_times(tree_urls: dict, media: str, rounds: int = 3) -> dict:
    """The structure page at each size: rounds that go through the sizes in turn, so
    that each size sees the same load from the rest of the machine, and the fastest
    run of all (the least disturbed measure of the page's own cost)."""
    runs: dict[int, list[dict]] = {n: [] for n in tree_urls}
    for _ in range(rounds):
        for n, url in tree_urls.items():
            runs[n].append(measure(url, "structure", "--runs", "5", media=media))
    return {
        n: {
            **rows[-1],
            "median_s": sorted(r["median_s"] for r in rows)[len(rows) // 2],
            "min_s": min(r["min_s"] for r in rows),
        }
        for n, rows in runs.items()
    }


# --- gunicorn and wrk ------------------------------------------------------------------


class Server:
    """gunicorn serving the site on 127.0.0.1:``port``, until stopped."""

    def __init__(
        self, *, port: int | None, workers: int, env: dict, threads: int | None = None
    ) -> None:
        port = free_port(port)
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        instance = instance_name()
        env = {**env, "PACE_INSTANCE": instance}
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "pace.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
                # Threads, and connections kept open through a reader's pause (1 to 3 s).
                *(
                    ["--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "5"]
                    if threads
                    else []
                ),
            ],
            cwd=ROOT,
            env={**{k: v for k, v in os.environ.items() if k != "DEBUG"}, **env},
            start_new_session=True,
        )
        try:
            wait_for_own_server(self.base, instance, self.process)
        except SystemExit:
            self.stop()
            raise

    def get(self, path: str, headers: dict | None = None):
        request = urllib.request.Request(self.base + path, headers=headers or {})
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers), response.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


# --- The run -----------------------------------------------------------------------------


def server_env(args, main_url: str, media: str) -> dict:
    """The environment of the benchmark's app servers."""
    return {
        "DATABASE_URL": main_url,
        "MEDIA_ROOT": media,
        "CACHE_URL": args.redis_url,
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
        "LOG_LEVEL": "ERROR",
        "PACE_SESSION_IDLE_MINUTES": SESSION_IDLE_MINUTES,
        # Every request comes from this one address: the limit on what one visitor
        # may have built (429 past it) is not what is measured.
        "PACE_PAGE_CACHE_BUILDS_PER_MINUTE": "1000000000",
    }


def change_measure(args, main_url: str, media: str, readers: list[str], wrk_bin: str) -> dict:
    """'A change is cheap', with the page cache on as in production, on a server of
    its own whose workers take threads: its readers pause between pages on open
    connections, as people do, and a sync worker would wait on each pause (in
    production a buffering proxy stands in front of sync workers, and no test
    client here does)."""
    server = Server(
        port=args.port,
        workers=args.workers,
        env={**server_env(args, main_url, media), "PACE_PAGE_CACHE_SECONDS": "300"},
        threads=8,
    )
    try:
        server.get("/healthz")
        people = measure(main_url, "signin", media=media)
        print(
            f"A change is cheap: progress updates while {args.readers} readers load pages...",
            flush=True,
        )
        return change_is_cheap(server, people["member"], readers, wrk_bin, args)
    finally:
        server.stop()


def change_again(args) -> dict:
    """'A change is cheap' measured again on the databases of an earlier run."""
    wrk_bin = ensure_wrk()
    ensure_redis(args.redis_url)
    main_url = args.database_url
    media = str(ARTIFACTS / f"bench-media-{urlsplit(main_url).path.strip('/')}")
    counts = measure(main_url, "counts", media=media)
    readers = [row["address"] for row in counts.values() if not row["document"]]
    return change_measure(args, main_url, media, readers, wrk_bin)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pace_bench"
        ),
        help="The PostgreSQL database to (re)make; others are named after it (_small, ...).",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument(
        "--readers", type=int, default=50, help="reading while progress updates are posted"
    )
    parser.add_argument(
        "--change-seconds",
        type=int,
        default=20,
        help="seconds of posting progress updates: long enough for about 150 posts, so "
        "that one slow post moves their p95 little (5 s gave about 40, and a p95 that "
        "went from 95 to 223 ms between runs of the same code)",
    )
    parser.add_argument(
        "--size",
        choices=DIVISORS,
        default=os.environ.get("BENCH_SIZE", "full"),
        help="the scale data: full, or divided by 10 or 100 for a quick run",
    )
    parser.add_argument(
        "--port", type=int, default=None, help="for the servers (default: a free one)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep databases already made")
    parser.add_argument("--skip-reports", action="store_true", help="skip the PDF benchmark")
    parser.add_argument(
        "--skip-profiles", action="store_true", help="profile no page that misses a goal"
    )
    parser.add_argument(
        "--skip-x10",
        action="store_true",
        help="build the stored documents at the full size only, not at ten times it",
    )
    parser.add_argument(
        "--render-only", action="store_true", help="write the table again from bench.json"
    )
    parser.add_argument(
        "--change-only",
        action="store_true",
        help="measure 'a change is cheap' again (databases of an earlier run) into bench.json",
    )
    parser.add_argument(
        "--structure-only",
        action="store_true",
        help="measure the structure page again (databases of an earlier run) into bench.json",
    )
    args = parser.parse_args()
    sizes = sizes_for(DIVISORS[args.size])
    if args.render_only or args.structure_only or args.change_only:
        results = json.loads((ARTIFACTS / "bench.json").read_text())
        for key in ("structure", "move"):
            results[key] = {int(n): row for n, row in results[key].items()}
        if args.change_only:
            results["change"] = change_again(args)
            (ARTIFACTS / "bench.json").write_text(json.dumps(results, indent=2) + "\n")
        if args.structure_only:
            media = tempfile.mkdtemp(prefix="pace-bench-media-")
            trees = {n: database_url(args.database_url, f"_tree{n}") for n in results["structure"]}
            results["structure"] = structure_times(trees, media)
            (ARTIFACTS / "bench.json").write_text(json.dumps(results, indent=2) + "\n")
        judge(results)
        table = render(results)
        (ARTIFACTS / "bench.md").write_text(table)
        print(table)
        return 0

    started = time.perf_counter()
    wrk_bin = ensure_wrk()
    ensure_redis(args.redis_url)
    main_url = args.database_url
    # The files the databases' records name (stored documents, PDFs): kept with them
    # for --reuse, made afresh with them otherwise.
    media = str(ARTIFACTS / f"bench-media-{urlsplit(main_url).path.strip('/')}")
    if not args.reuse:
        shutil.rmtree(media, ignore_errors=True)
    os.makedirs(media, exist_ok=True)
    small_url = database_url(main_url, "_small")
    x10_url = database_url(main_url, "_x10")
    tree_urls = {n: database_url(main_url, f"_tree{n}") for n in sizes["trees"]}
    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "duration_s": args.duration,
        "connections": args.connections,
        "workers": args.workers,
        "size": args.size,
        "sizes": sizes["full"],
        "sizes_x10": None if args.skip_x10 else sizes["x10"],
    }

    print("Building the databases...", flush=True)
    databases = Databases(main_url, reuse=args.reuse)
    results["scale_data_s"] = databases.build(main_url, sizes["full"], example=True)
    results["scale_data_tenth_s"] = databases.build(small_url, sizes["tenth"], example=True)
    if not args.skip_x10:
        results["scale_data_x10_s"] = databases.build(x10_url, sizes["x10"], example=True)
    empty = {"actions": 0, "updates": 0, "awards": 0, "meetings": 0}
    for n, url in tree_urls.items():
        databases.build(url, {"bodies": n, **empty}, example=False)
    if results["scale_data_s"] is not None:
        print(f"  make_scale_data (full size): {results['scale_data_s']:.1f} s", flush=True)

    print("Counting queries at two sizes, anonymous and signed in...", flush=True)
    small_counts = measure(small_url, "counts", media=media)
    full_counts = measure(main_url, "counts", media=media)
    results["query_counts"] = {
        name: {"tenth": small_counts[name]["queries"], "full": full_counts[name]["queries"]}
        for name in full_counts
    }
    pages = {name: row["address"] for name, row in full_counts.items()}
    results["bytes"] = {name: row["bytes"] for name, row in full_counts.items()}
    results["documents"] = [name for name, row in full_counts.items() if row["document"]]
    signed_in_pages, results["signed_in_counts"] = {}, {}
    for who in PEOPLE:
        small = measure(small_url, "counts", "--as", who, media=media)
        full = measure(main_url, "counts", "--as", who, media=media)
        results["signed_in_counts"][who] = {
            name: {
                "tenth": small.get(name, {}).get("queries"),
                "full": row["queries"],
                "status": row["status"],
            }
            for name, row in full.items()
        }
        signed_in_pages[who] = {
            name: row["address"] for name, row in full.items() if row["status"] == 200
        }

    trees = ", ".join(f"{n:,}" for n in tree_urls)
    print(f"Structure page and body moves at {trees} bodies...", flush=True)
    results["structure"] = structure_times(tree_urls, media)
    results["move"] = {n: measure(url, "move", media=media) for n, url in tree_urls.items()}

    print("Search latency at the scale data...", flush=True)
    results["search"] = measure(main_url, "search", "--runs", "20", media=media)

    print("Stored documents' build times...", flush=True)
    results["document_builds"] = {"full": measure(main_url, "documents", media=media)}
    if not args.skip_x10:
        results["document_builds"]["x10"] = measure(x10_url, "documents", media=media)

    env = server_env(args, main_url, media)
    for label, cache_seconds in (("uncached", "0"), ("cached", "300")):
        print(f"Load with the page cache {'off' if cache_seconds == '0' else 'on'}...", flush=True)
        server = Server(
            port=args.port,
            workers=args.workers,
            env={**env, "PACE_PAGE_CACHE_SECONDS": cache_seconds},
        )
        try:
            server.get("/healthz")
            results[f"ceiling_{label}"] = wrk(
                wrk_bin,
                server.base + "/healthz",
                seconds=args.duration,
                connections=args.connections,
            )
            print(f"  ceiling  {results[f'ceiling_{label}']['rps']:8.1f} req/s", flush=True)
            results[label] = load_pages(server, pages, wrk_bin, args, label=label)
            if label == "cached":
                results["revalidated"] = {}
                for name in REVALIDATED:
                    _, headers, _ = server.get(pages[name])
                    ceiling = wrk(
                        wrk_bin,
                        server.base + "/healthz",
                        seconds=args.duration,
                        connections=args.connections,
                    )
                    results["revalidated"][name] = wrk(
                        wrk_bin,
                        server.base + pages[name],
                        seconds=args.duration,
                        connections=args.connections,
                        headers=[f"If-None-Match: {headers['ETag']}"],
                    )
                    results["revalidated"][name]["ceiling_rps"] = ceiling["rps"]
                # Signed in, on the site as it runs in production (the page cache on,
                # which a request with a session never uses), fresh sessions made now.
                print("Load signed in, as the board member and as the officer...", flush=True)
                people = measure(main_url, "signin", media=media)
                results["people"] = {
                    who: {k: v for k, v in person.items() if k not in ("cookies", "actions")}
                    for who, person in people.items()
                }
                results["signed_in"] = signed_in_load(
                    server,
                    {who: people[who] for who in PEOPLE},
                    signed_in_pages,
                    wrk_bin,
                    args,
                )
        finally:
            server.stop()
    readers = [a for name, a in pages.items() if name not in results["documents"]]
    results["change"] = change_measure(args, main_url, media, readers, wrk_bin)

    if not args.skip_reports:
        print("Cabinet report PDF (tests/bench/bench_reports.py)...", flush=True)
        reports_url = database_url(main_url, "_reports")
        recreate_database(reports_url)
        subprocess.run(
            [PYTHON, str(Path(__file__).with_name("bench_reports.py"))],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": reports_url},
            stdout=subprocess.DEVNULL,
        )
        results["reports"] = json.loads((ARTIFACTS / "bench-reports.json").read_text())

    judge(results)
    missed = [
        name
        for name, row in results["pages"].items()
        if row.get("cached_ratio_met") is False or row.get("uncached_p95_met") is False
    ]
    if not results["goals"]["structure_growth"]["met"]:
        missed.append("structure")
    if args.skip_profiles:
        missed = []
    if missed:
        print(f"Profiling {len(missed)} pages that miss a goal...", flush=True)
        results["profiles"] = measure(
            main_url,
            "profile",
            *dict.fromkeys(missed),
            "--out",
            str(ARTIFACTS / "profiles"),
            media=media,
        )
    profiled: set[str] = set()
    for who in PEOPLE:
        # Each page profiled once, as the first of the two who misses the goal on it.
        slow = [
            name
            for name, r in results.get("signed_in", {}).get(who, {}).items()
            if name not in profiled and not signed_in_met(r)
        ]
        if slow and not args.skip_profiles:
            print(f"Profiling {len(slow)} pages that miss it signed in as the {who}...", flush=True)
            found = measure(
                main_url,
                "profile",
                *slow,
                "--as",
                who,
                "--out",
                str(ARTIFACTS / "profiles"),
                media=media,
            )
            for profile in found.values():
                profile["as"] = who
            results.setdefault("profiles_signed_in", {}).update(found)
            profiled.update(slow)
    results["bench_s"] = time.perf_counter() - started
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bench.json").write_text(json.dumps(results, indent=2) + "\n")
    table = render(results)
    (ARTIFACTS / "bench.md").write_text(table)
    print("\n" + table)
    print(f"Written to {ARTIFACTS.relative_to(ROOT)}/bench.json and bench.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
