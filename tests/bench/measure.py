# Over 300 lines, as one piece: one short function for each sub-command run.py starts.
"""In-process measurements for the benchmark (run.py starts this once per database,
with DATABASE_URL set; it prints one JSON object).

    python tests/bench/measure.py counts            # queries of every public page type
    python tests/bench/measure.py counts --as member  # of every page signed in (or officer)
    python tests/bench/measure.py signin            # the signed-in people's session cookies
    python tests/bench/measure.py documents         # build every stored document once
    python tests/bench/measure.py structure --runs 9
    python tests/bench/measure.py move --runs 20
    python tests/bench/measure.py search --runs 9   # one-word, three-word, misspelled
    python tests/bench/measure.py profile PAGE [PAGE ...] --out DIR

Pages are fetched with Django's test client as an anonymous visitor (or, with
``--as``, as the board member or the officer of ``people.py``), with the page cache
off: what is measured is the work of rendering the page.
"""

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pace.settings")
    os.environ["PACE_PAGE_CACHE_SECONDS"] = "0"
    # Nor parts of pages or whole pages kept for signed-in readers: what is counted
    # and profiled is the whole work of a page, as on its first view after a change.
    os.environ["PACE_FRAGMENT_CACHE_SECONDS"] = "0"
    os.environ["PACE_KEPT_PAGE_SECONDS"] = "0"
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="pace-bench-media-"))
    # Set up as an app server's worker is (pace/wsgi.py), garbage collector and all.
    from django.test.utils import setup_test_environment

    import pace.wsgi  # noqa: F401

    setup_test_environment()


def signed_in_pages() -> dict[str, str]:
    """{page type: address} of the pages measured signed in: tests/signed_in_pages.py's
    when it is there, else the public pages that are not whole-data documents."""
    try:
        from tests.signed_in_pages import signed_in_pages as pages
    except ModuleNotFoundError as missing:
        if missing.name != "tests.signed_in_pages":
            raise
        from tests.public_pages import DOCUMENTS, public_pages

        return {name: a for name, a in public_pages().items() if name not in DOCUMENTS}
    return pages()


def client_as(who: str | None):
    """A test client, signed in as ``who`` ("member", "officer") or anonymous."""
    import people
    from django.test import Client

    client = Client()
    if who:
        client.force_login(people.login(who), backend=people.BACKEND)
    return client


def counts(args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.public_pages import DOCUMENTS, public_pages

    client = client_as(args.as_)
    result = {}
    for name, address in (signed_in_pages() if args.as_ else public_pages()).items():
        client.get(address)  # a PDF is rendered and stored the first time
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        # Every public page answers anyone; a page behind sign-in that one of the two
        # may not see is reported as refused, not measured.
        assert args.as_ or response.status_code == 200, (name, address, response.status_code)
        result[name] = {
            "address": address,
            "status": response.status_code,
            "queries": len(queries),
            # getvalue(): a stored document comes as a streamed file, with no .content.
            "bytes": len(response.getvalue()),
            "document": name in DOCUMENTS,
        }
    return result


def signin(args) -> dict:
    """The signed-in people, each with a new session (their cookies, for wrk's
    requests) and, for the board member, open actions to post progress updates on."""
    import people

    from partnerships.models import Membership

    result = {}
    for who in people.LOGINS:
        user = people.login(who)
        result[who] = {"username": user.username, "cookies": people.session_cookies(user)}
    member = people.login("member")
    body = Membership.objects.current().filter(person__user=member).first().body
    result["member"].update(body=body.name, level=body.level, actions=people.open_actions(member))
    return result


def documents(args) -> dict:
    """Each stored whole-data document built once, as the task queue builds it when
    its data changes: its build time and size. Says so if this version of PACE has
    no stored documents."""
    try:
        from pace.documents.registry import documents as registry
        from pace.documents.services import document_build_now
    except ImportError as missing:
        return {"available": False, "why": str(missing)}
    from partnerships.models import Body

    built = {}
    for name in registry:
        gc.collect()
        try:
            stored = document_build_now(name)
        except Exception as failed:  # noqa: BLE001 - reported in the table; the rest still build
            built[name] = {"error": f"{type(failed).__name__}: {failed}"[:200]}
            continue
        built[name] = {"seconds": stored.build_seconds, "bytes": stored.size}
    return {"available": True, "bodies": Body.objects.count(), "documents": built}


def timed_get(client, address: str) -> float:
    gc.collect()
    start = time.perf_counter()
    response = client.get(address)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, (address, response.status_code)
    return elapsed


def structure(args) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from partnerships.models import Body

    client = Client()
    client.get("/partnerships/")
    with CaptureQueriesContext(connection) as captured:
        size = len(client.get("/partnerships/").content)
    # Counted now: each request's start empties the connection's log of queries.
    queries = len(captured)
    times = [timed_get(client, "/partnerships/") for _ in range(args.runs)]
    return {
        "bodies": Body.objects.count(),
        "median_s": statistics.median(times),
        "min_s": min(times),
        "queries": queries,
        "bytes": size,
    }


def move(args) -> dict:
    """Move a thematic group (and the working group under it) from one thematic board
    to another and back, through the tree service (advisory lock, validation,
    django-mptt's shifts)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships.models import Body, BodyKind
    from partnerships.services.tree import body_move

    boards = list(Body.objects.filter(kind=BodyKind.THEMATIC_BOARD).order_by("pk")[:2])
    group = Body.objects.filter(kind=BodyKind.THEMATIC_GROUP, parent=boards[0]).first()
    body_move(body=group, target=boards[1])  # warm up
    times, queries = [], 0
    for run in range(args.runs):
        target = boards[run % 2]
        gc.collect()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            body_move(body=group, target=target)
            times.append(time.perf_counter() - start)
        queries = len(captured)
    group.refresh_from_db()
    return {
        "bodies": Body.objects.count(),
        "subtree": group.get_descendant_count() + 1,
        "median_s": statistics.median(times),
        "min_s": min(times),
        "queries": queries,
    }


#: The search page's latency is measured for these (issue 19): a word found
#: everywhere, two words most actions and plans hold, three words, and a
#: misspelling that is corrected and searched again.
SEARCHES = {
    "one word": "health",
    "two common words": "action plan",
    "three words": "health wellbeing board",
    "misspelled": "helth",
}


def p95(times: list[float]) -> float:
    """The 95th percentile of ``times`` (the slowest of fewer than 20)."""
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def search(args) -> dict:
    """The search page for each of ``SEARCHES``: fastest, median and 95th percentile
    of ``--runs``, its queries and how many it found."""
    from django.db import connection
    from django.test import Client

    client = Client()
    result = {}
    for name, words in SEARCHES.items():
        address = f"/search/?q={words.replace(' ', '+')}"
        client.get(address)  # warm up
        captured = []

        def count(execute, sql, params, many, context, captured=captured):
            captured.append(sql)
            return execute(sql, params, many, context)

        # Counted as they run: a request's start empties the connection's log.
        with connection.execute_wrapper(count):
            response = client.get(address)
        times = [timed_get(client, address) for _ in range(args.runs)]
        found = response.context["results"] if response.context else None
        result[name] = {
            "query": words,
            "median_s": statistics.median(times),
            "p95_s": p95(times),
            "min_s": min(times),
            "queries": len(captured),
            "found": found.total if found else 0,
            "searched": found.searched if found else words,
        }
    return result


def profile(args) -> dict:
    """Where a page's time goes: SQL (time and count), template rendering, and the
    rest; the functions with the most time of their own (cProfile); and a full
    pyinstrument call tree written to ``--out``."""
    from django.db import connection
    from django.template import base as template_base

    from tests.public_pages import public_pages

    addresses = signed_in_pages() if args.as_ else public_pages()
    client = client_as(args.as_)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    result = {}
    for name in args.pages:
        address = addresses[name]
        client.get(address)
        sql = {"s": 0.0, "n": 0}

        def sql_timer(execute, sql_text, params, many, context, sql=sql):
            start = time.perf_counter()
            try:
                return execute(sql_text, params, many, context)
            finally:
                sql["s"] += time.perf_counter() - start
                sql["n"] += 1

        render = {"s": 0.0, "depth": 0}
        original = template_base.Template.render

        def timed_render(self, context, render=render, original=original):
            render["depth"] += 1
            start = time.perf_counter()
            try:
                return original(self, context)
            finally:
                render["depth"] -= 1
                if render["depth"] == 0:
                    render["s"] += time.perf_counter() - start

        template_base.Template.render = timed_render
        try:
            runs = 5
            start = time.perf_counter()
            with connection.execute_wrapper(sql_timer):
                for _ in range(runs):
                    client.get(address)
            total = (time.perf_counter() - start) / runs
        finally:
            template_base.Template.render = original
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(address)
        profiler.disable()
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        top = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:6]
        try:
            from pyinstrument import Profiler

            instrument = Profiler(interval=0.0005)
            instrument.start()
            client.get(address)
            instrument.stop()
            safe = name.replace(" ", "-").replace(".", "-") + (f"-{args.as_}" if args.as_ else "")
            (out / f"{safe}.txt").write_text(instrument.output_text(unicode=True, color=False))
        except ImportError:
            pass
        result[name] = {
            "address": address,
            "total_ms": total * 1000,
            "sql_ms": sql["s"] / runs * 1000,
            "queries": sql["n"] // runs,
            "render_ms": render["s"] / runs * 1000,
            "top_own_time": [
                {
                    "function": f"{Path(file).name}:{line} {func}",
                    "own_ms": round(data[2] * 1000, 1),
                    "calls": data[1],
                }
                for (file, line, func), data in top
            ],
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "what",
        choices=["counts", "signin", "documents", "structure", "move", "search", "profile"],
    )
    parser.add_argument("pages", nargs="*")
    parser.add_argument(
        "--as", dest="as_", choices=["member", "officer"], help="counts, profile: signed in"
    )
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--out", default=str(ROOT / "test-artifacts" / "profiles"))
    args = parser.parse_args()
    setup()
    result = {
        "counts": counts,
        "signin": signin,
        "documents": documents,
        "structure": structure,
        "move": move,
        "search": search,
        "profile": profile,
    }[args.what](args)
    print("MEASUREJSON " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
