# Over 400 lines, as one piece: the benchmark is one run that compares its own measurements.
"""The benchmark suite: `make bench` (README, "Performance").

    python tests/bench/run.py [--duration 5] [--connections 16] [--reuse]

On this machine, in one run, against PostgreSQL with the scale data:

1. builds the databases (dropped and made afresh unless --reuse): the example data
   plus the scale data at full size (1,000 bodies, 20,000 actions, 100,000 progress
   updates, 5,000 awards, 2,000 meetings; the time it takes is reported) and at a
   tenth of it; and trees of 100, 1,000 and 10,000 bodies alone;
2. counts the queries of every public page type at both sizes (they must be equal);
3. serves the full-size data with gunicorn on 127.0.0.1 and loads each public page
   type with wrk for --duration seconds at --connections connections: the trivial
   view /healthz as the ceiling, then every page with the page cache off, then with
   it on (Redis), then repeat visits that send the ETag back (304s);
4. times the structure page at 100, 1,000 and 10,000 bodies and a body move in each,
   and the search page at the full size for a one-word, a two-word, a three-word and a
   misspelled query (tests/bench/measure.py search);
5. runs tests/bench/bench_reports.py: the seed cabinet report's PDF against
   WeasyPrint alone on the same HTML;
6. profiles every page that misses a goal (tests/bench/measure.py profile).

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
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from servers import free_port, instance_name, wait_for_own_server  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"
PYTHON = sys.executable
LUA = Path(__file__).with_name("wrk_report.lua")

FULL = {"bodies": 1000, "actions": 20000, "updates": 100000, "awards": 5000, "meetings": 2000}
TENTH = {name: n // 10 for name, n in FULL.items()}
TREES = (100, 1000, 10000)
GOALS = {
    "cached_ratio": 0.5,  # cached throughput / ceiling, at least
    "uncached_p95_ms": 100.0,  # at --connections connections, under
    "structure_growth": 10.0,  # structure page time at 10,000 / at 1,000 bodies, under
}
#: What every browser sends, and so does wrk here: cached pages of text go out gzipped
#: (pace/core/cache.py), as browsers receive them.
BROWSER_HEADERS = ("Accept-Encoding: gzip, deflate, br",)
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


def database_url(base: str, suffix: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=parts.path + suffix))


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


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


def build(url: str, sizes: dict, *, example: bool, reuse: bool) -> float | None:
    """Make the database; the seconds make_scale_data took (as measured when the
    database was made, with --reuse)."""
    timings = ARTIFACTS / "bench-build.json"
    made = json.loads(timings.read_text()) if timings.exists() else {}
    if reuse and database_exists(url):
        return made.get(url)
    recreate_database(url)
    manage(url, "migrate", "--noinput", "-v0")
    if example:
        manage(url, "load_example_data")
    start = time.perf_counter()
    manage(url, "make_scale_data", *[f"--{name}={n}" for name, n in sizes.items()])
    made[url] = time.perf_counter() - start
    ARTIFACTS.mkdir(exist_ok=True)
    timings.write_text(json.dumps(made, indent=2) + "\n")
    return made[url]


def measure(url: str, *args: str, media: str) -> dict:
    result = subprocess.run(
        [PYTHON, str(Path(__file__).with_name("measure.py")), *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": media, "LOG_LEVEL": "ERROR"},
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

    def __init__(self, *, port: int | None, workers: int, env: dict) -> None:
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


def load_pages(server: Server, pages: dict, wrk_bin: str, args, *, label: str) -> dict:
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


# --- The run -----------------------------------------------------------------------------


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
        "--port", type=int, default=None, help="for the servers (default: a free one)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep databases already made")
    parser.add_argument("--skip-reports", action="store_true", help="skip the PDF benchmark")
    parser.add_argument(
        "--render-only", action="store_true", help="write the table again from bench.json"
    )
    parser.add_argument(
        "--structure-only",
        action="store_true",
        help="measure the structure page again (databases of an earlier run) into bench.json",
    )
    args = parser.parse_args()
    if args.render_only or args.structure_only:
        results = json.loads((ARTIFACTS / "bench.json").read_text())
        for key in ("structure", "move"):
            results[key] = {int(n): row for n, row in results[key].items()}
        if args.structure_only:
            media = tempfile.mkdtemp(prefix="pace-bench-media-")
            trees = {n: database_url(args.database_url, f"_tree{n}") for n in TREES}
            results["structure"] = structure_times(trees, media)
            judge(results)
            (ARTIFACTS / "bench.json").write_text(json.dumps(results, indent=2) + "\n")
        table = render(results)
        (ARTIFACTS / "bench.md").write_text(table)
        print(table)
        return 0

    started = time.perf_counter()
    wrk_bin = ensure_wrk()
    ensure_redis(args.redis_url)
    media = tempfile.mkdtemp(prefix="pace-bench-media-")
    main_url = args.database_url
    small_url = database_url(main_url, "_small")
    tree_urls = {n: database_url(main_url, f"_tree{n}") for n in TREES}
    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "duration_s": args.duration,
        "connections": args.connections,
        "workers": args.workers,
        "sizes": FULL,
    }

    print("Building the databases...", flush=True)
    results["scale_data_s"] = build(main_url, FULL, example=True, reuse=args.reuse)
    results["scale_data_tenth_s"] = build(small_url, TENTH, example=True, reuse=args.reuse)
    empty = {"actions": 0, "updates": 0, "awards": 0, "meetings": 0}
    for n, url in tree_urls.items():
        build(url, {"bodies": n, **empty}, example=False, reuse=args.reuse)
    if results["scale_data_s"] is not None:
        print(f"  make_scale_data (full size): {results['scale_data_s']:.1f} s", flush=True)

    print("Counting queries at two sizes...", flush=True)
    small_counts = measure(small_url, "counts", media=media)
    full_counts = measure(main_url, "counts", media=media)
    results["query_counts"] = {
        name: {"tenth": small_counts[name]["queries"], "full": full_counts[name]["queries"]}
        for name in full_counts
    }
    pages = {name: row["address"] for name, row in full_counts.items()}
    results["bytes"] = {name: row["bytes"] for name, row in full_counts.items()}
    results["documents"] = [name for name, row in full_counts.items() if row["document"]]

    print("Structure page and body moves at 100, 1,000 and 10,000 bodies...", flush=True)
    results["structure"] = structure_times(tree_urls, media)
    results["move"] = {n: measure(url, "move", media=media) for n, url in tree_urls.items()}

    print("Search latency at the scale data...", flush=True)
    results["search"] = measure(main_url, "search", "--runs", "20", media=media)

    env = {
        "DATABASE_URL": main_url,
        "MEDIA_ROOT": media,
        "CACHE_URL": args.redis_url,
        "CACHE_KEY_PREFIX": f"bench-{os.getpid()}",
        "LOG_LEVEL": "ERROR",
    }
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
        finally:
            server.stop()

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
        if not (row["cached_ratio_met"] and row["uncached_p95_met"])
    ]
    if not results["goals"]["structure_growth"]["met"]:
        missed.append("structure")
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
    results["bench_s"] = time.perf_counter() - started
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bench.json").write_text(json.dumps(results, indent=2) + "\n")
    table = render(results)
    (ARTIFACTS / "bench.md").write_text(table)
    print("\n" + table)
    print(f"Written to {ARTIFACTS.relative_to(ROOT)}/bench.json and bench.md")
    shutil.rmtree(media, ignore_errors=True)
    return 0


def judge(results: dict) -> None:
    pages = {}
    for name in results["cached"]:
        cached, uncached = results["cached"][name], results["uncached"][name]
        counts = results["query_counts"][name]
        ratio = cached["rps"] / cached["ceiling_rps"]
        pages[name] = {
            "queries_equal": counts["tenth"] == counts["full"],
            "cached_ratio": ratio,
            "cached_ratio_met": ratio >= GOALS["cached_ratio"] and not cached["errors"],
            "uncached_ratio": uncached["rps"] / uncached["ceiling_rps"],
            "uncached_p95_met": uncached["p95_ms"] < GOALS["uncached_p95_ms"]
            and not uncached["errors"],
        }
    results["pages"] = pages
    structure = results["structure"]
    growth = structure[10000]["min_s"] / structure[1000]["min_s"]
    results["goals"] = {
        "queries_equal": {"met": all(p["queries_equal"] for p in pages.values())},
        "cached_ratio": {
            "met": all(p["cached_ratio_met"] for p in pages.values()),
            "missed": [n for n, p in pages.items() if not p["cached_ratio_met"]],
        },
        "uncached_p95": {
            "met": all(p["uncached_p95_met"] for p in pages.values()),
            "missed": [n for n, p in pages.items() if not p["uncached_p95_met"]],
        },
        "structure_growth": {"value": growth, "met": growth < GOALS["structure_growth"]},
    }


def yes(met: bool) -> str:
    return "met" if met else "**not met**"


def render(results: dict) -> str:
    c_ceiling, u_ceiling = results["ceiling_cached"], results["ceiling_uncached"]
    lines = [
        f"# PACE benchmark ({results['machine']}; PostgreSQL; gunicorn "
        f"{results['workers']} workers; wrk {results['connections']} connections, "
        f"{results['duration_s']} s a page, sending `{'; '.join(BROWSER_HEADERS)}` as "
        "browsers do)",
        "",
    ]
    if results.get("scale_data_s") is not None:
        lines.append(
            f"Scale data ({', '.join(f'{n:,} {k}' for k, n in results['sizes'].items())}): "
            f"made by make_scale_data in {results['scale_data_s']:.1f} s."
        )
    lines += [
        "",
        f"Ceiling (`/healthz`, same stack): {u_ceiling['rps']:.0f} req/s with the page "
        f"cache off, {c_ceiling['rps']:.0f} req/s with it on, in a first run; each page's "
        "ratio is to a run of the ceiling made just before that page's (the machine is "
        "shared, and its load moves).",
        "",
        "Pages marked † are documents: a whole data set in one response (open data, "
        "calendar feeds, PDFs), sized in the second column as rendered.",
        "",
        "| page | size | queries (1/10 → full) | uncached req/s | ratio | p50 ms | p95 ms | "
        "p95 < 100 ms | cached req/s | ratio | cached ≥ ½ ceiling |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |",
    ]
    for name, judged in results["pages"].items():
        u, c, q = results["uncached"][name], results["cached"][name], results["query_counts"][name]
        mark = " †" if name in results.get("documents", ()) else ""
        size = results.get("bytes", {}).get(name)
        lines.append(
            f"| {name}{mark} | {f'{size / 1000:,.0f} kB' if size else ''} "
            f"| {q['tenth']} → {q['full']} {'=' if judged['queries_equal'] else '≠'} "
            f"| {u['rps']:.0f} | {judged['uncached_ratio']:.2f} | {u['p50_ms']:.0f} "
            f"| {u['p95_ms']:.0f} | {yes(judged['uncached_p95_met'])} | {c['rps']:.0f} "
            f"| {judged['cached_ratio']:.2f} | {yes(judged['cached_ratio_met'])} |"
        )
    goals = results["goals"]
    lines += ["", "| goal | result | |", "| --- | --- | --- |"]
    lines.append(
        f"| every public page type's query count independent of data size | "
        f"{sum(p['queries_equal'] for p in results['pages'].values())} of "
        f"{len(results['pages'])} equal | {yes(goals['queries_equal']['met'])} |"
    )
    lines.append(
        f"| cached public pages at no less than half the ceiling's throughput | "
        f"missed by: {', '.join(goals['cached_ratio']['missed']) or 'none'} | "
        f"{yes(goals['cached_ratio']['met'])} |"
    )
    documents = [n for n in results["pages"] if n in results.get("documents", ())]
    pages = [n for n in results["pages"] if n not in documents]
    met = {n for n, p in results["pages"].items() if p["uncached_p95_met"]}
    lines.append(
        f"| uncached pages p95 under 100 ms at {results['connections']} connections | "
        f"pages {len(met.intersection(pages))} of {len(pages)}, documents † "
        f"{len(met.intersection(documents))} of {len(documents)}; "
        f"missed by: {', '.join(goals['uncached_p95']['missed']) or 'none'} | "
        f"{yes(goals['uncached_p95']['met'])} |"
    )
    lines.append(
        f"| structure page at 10,000 bodies under 10x its time at 1,000 | "
        f"{goals['structure_growth']['value']:.1f}x | {yes(goals['structure_growth']['met'])} |"
    )
    lines += [
        "",
        "| bodies | structure page (fastest; median) | bytes | queries | body move (median) | "
        "move queries |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in TREES:
        s, m = results["structure"][n], results["move"][n]
        lines.append(
            f"| {s['bodies']:,} | {s['min_s'] * 1000:.1f} ms; {s['median_s'] * 1000:.1f} ms "
            f"| {s['bytes']:,} | "
            f"{s['queries']} | {m['median_s'] * 1000:.1f} ms | {m['queries']} |"
        )
    if results.get("search"):
        lines += [
            "",
            "| search at the scale data (in process, uncached) | query | found | "
            "fastest; median; p95 | queries |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        for name, r in results["search"].items():
            searched = r["query"] + (f" → {r['searched']}" if r["searched"] != r["query"] else "")
            lines.append(
                f"| {name} | {searched} | {r['found']:,} | {r['min_s'] * 1000:.1f} ms; "
                f"{r['median_s'] * 1000:.1f} ms; {r['p95_s'] * 1000:.1f} ms | {r['queries']} |"
            )
    if results.get("revalidated"):
        lines += ["", "| repeat visit with the ETag (304) | req/s | ratio to ceiling | p95 ms |"]
        lines.append("| --- | ---: | ---: | ---: |")
        for name, r in results["revalidated"].items():
            lines.append(
                f"| {name} | {r['rps']:.0f} | {r['rps'] / r['ceiling_rps']:.2f} | "
                f"{r['p95_ms']:.1f} |"
            )
    if results.get("reports"):
        r = results["reports"]
        lines += [
            "",
            f"Seed cabinet report PDF ({r['pages']} pages, {r['database']}): end to end "
            f"{r['end_to_end_s'] * 1000:.0f} ms, WeasyPrint alone {r['weasyprint_s'] * 1000:.0f}"
            f" ms, ratio {r['ratio']:.3f} (goal ≤ 1.15: {yes(r['goals']['ratio']['met'])}); "
            f"cached download {r['cached_s'] * 1000:.1f} ms.",
        ]
    if results.get("profiles"):
        lines += [
            "",
            "Profiles of the pages that miss a goal (uncached, in process; full call trees in "
            "test-artifacts/profiles/):",
            "",
            "| page | total ms | SQL ms (queries) | template ms | most time of its own |",
            "| --- | ---: | ---: | ---: | --- |",
        ]
        for name, p in results["profiles"].items():
            top = "; ".join(f"{t['function']} {t['own_ms']} ms" for t in p["top_own_time"][:3])
            lines.append(
                f"| {name} | {p['total_ms']:.1f} | {p['sql_ms']:.1f} ({p['queries']}) | "
                f"{p['render_ms']:.1f} | {top} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
