"""Load test (a script, not a test): residents on the public pages and board members
posting progress updates, against gunicorn on 127.0.0.1, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pace_load \\
        python tests/bench/load.py [--duration 300] [--residents 50] [--board-members 10]

Needs the ``load`` extra (``pip install -e '.[load]'``: locust and gunicorn). It

1. creates the database if it does not exist, migrates it and loads the example
   data (idempotent);
2. makes the board members' logins (``load.member.1`` ...) with memberships of the
   example bodies that have action plans, through the services, so they hold the
   object permissions a real member holds;
3. starts gunicorn on 127.0.0.1 (DEBUG off) and waits for it to answer;
4. runs locust headless for ``--duration`` seconds (bounded: the run is stopped
   after the duration plus a minute whatever happens), with the residents reading
   the public pages and the board members signing in once and posting updates
   through the real forms (CSRF token, one-time submission key);
   (after a warm-up that is not measured: each worker loads its code and the
   report's PDF is rendered once, as on a site that has been up for a while);
5. prints the median and 95th percentile response times and the error count, and
   writes them to ``test-artifacts/load.json``.

It exits 1 if any request failed. Only loopback addresses are used.
"""

import argparse
import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from servers import free_port, instance_name, wait_for_own_server  # noqa: E402

ARTIFACTS = ROOT / "test-artifacts"
HOST = "127.0.0.1"
MEMBER_PASSWORD = "load-test-only-" + "x7Kp2"  # noqa: S105 - loopback-only test logins


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=300, help="seconds (default 300)")
    parser.add_argument("--residents", type=int, default=50)
    parser.add_argument("--board-members", type=int, default=10)
    parser.add_argument(
        "--port", type=int, default=None, help="for the server (default: a free one)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    return parser.parse_args()


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[-1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(args: argparse.Namespace) -> dict:
    """Migrate, load the example, make the board members; return locust's plan."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pace.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_example_data", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return {
        "residents": args.residents,
        "board_member_count": args.board_members,
        "board_members": board_members(args.board_members),
        "public_paths": public_paths(),
    }


def board_members(count: int) -> list[dict]:
    """Logins with memberships of the bodies that have adopted action plans, made
    through the services (so their object permissions are the real ones). An Area
    Management Group's limit of ten members is respected: members go round the
    bodies, skipping a full one."""
    from django.contrib.auth import get_user_model

    from partnerships import services
    from partnerships.models import Body, BodyKind, Membership, Person
    from partnerships.models.people import AREA_MANAGEMENT_GROUP_MAX_MEMBERS
    from strategy.models import Action, PlanStatus

    User = get_user_model()
    bodies = list(
        Body.objects.filter(action_plans__status=PlanStatus.ADOPTED).distinct().order_by("pk")
    )
    if not bodies:
        raise SystemExit("The example data has no adopted action plans to post updates on.")
    today = date.today()
    made, turn = [], 0
    for n in range(1, count + 1):
        username = f"load.member.{n}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=MEMBER_PASSWORD)
        person = Person.objects.filter(user=user).first() or services.person_save(
            person=Person(name=f"Load Member {n}", slug=f"load-member-{n}", user=user)
        )
        membership = Membership.objects.current().filter(person=person).select_related("body")
        body = membership.first().body if membership.exists() else None
        while body is None:
            candidate = bodies[turn % len(bodies)]
            turn += 1
            full = (
                candidate.kind == BodyKind.AREA_MANAGEMENT_GROUP
                and Membership.objects.current().filter(body=candidate).count()
                >= AREA_MANAGEMENT_GROUP_MAX_MEMBERS
            )
            if not full:
                services.membership_save(
                    membership=Membership(person=person, body=candidate, starts_on=today)
                )
                body = candidate
            elif turn > len(bodies) * (count + 1):
                raise SystemExit("Every body with a plan is full.")
        actions = list(
            Action.objects.filter(plan__body=body, plan__status=PlanStatus.ADOPTED).values_list(
                "pk", flat=True
            )
        )
        made.append(
            {
                "username": username,
                "password": MEMBER_PASSWORD,
                "body": body.slug,
                "actions": actions,
            }
        )
    return made


def public_paths() -> list[str]:
    """The public pages a resident reads: the stable addresses, every body's page,
    public meetings, the published reports and grants, the consultations."""
    from funding.models import GrantAward
    from pace.reports.models import CabinetReport, ReportStatus
    from partnerships.models import Body, Meeting
    from strategy.consultations.models import Consultation
    from strategy.models import Strategy

    paths = [
        "/",
        "/partnerships/",
        "/partnerships/popolo.json",
        "/meetings/",
        "/meetings.ics",
        "/funding/",
        "/funding/360giving.json",
        "/consultations/",
        "/reports/",
        "/search/?q=health",
    ]
    paths += [f"/partnerships/{slug}/" for slug in Body.objects.values_list("slug", flat=True)]
    paths += [m.get_absolute_url() for m in Meeting.objects.public()[:10]]
    paths += [s.get_absolute_url() for s in Strategy.objects.all()]
    paths += [a.get_absolute_url() for a in GrantAward.objects.public()[:10]]
    paths += [c.get_absolute_url() for c in Consultation.objects.filter(is_published=True)]
    for report in CabinetReport.objects.filter(status=ReportStatus.PUBLISHED):
        paths += [report.get_absolute_url(), report.get_pdf_url()]
    return paths


def warm_up(base: str, paths: list[str], workers: int) -> None:
    """Each path a few times, concurrently, so that every worker has loaded its
    code and the report PDF is rendered and stored before anything is measured."""
    from concurrent.futures import ThreadPoolExecutor

    def fetch(path: str) -> None:
        # A failure here is measured properly in the run itself.
        with contextlib.suppress(OSError):
            urllib.request.urlopen(base + path, timeout=60).read()  # noqa: S310 - loopback

    with ThreadPoolExecutor(max_workers=workers * 2) as pool:
        list(pool.map(fetch, paths * 2))


def summarise(prefix: Path, args: argparse.Namespace, exit_code: int) -> dict:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_name = {
        row["Name"]: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
        }
        for row in rows
    }
    total = by_name.pop("Aggregated")
    posts = by_name.get("/actions/<id>/update/ (post)", {"requests": 0, "failures": 0})
    return {
        "duration_s": args.duration,
        "residents": args.residents,
        "board_members": args.board_members,
        "gunicorn_workers": args.workers,
        "database": "postgresql",
        "requests": total["requests"],
        "errors": total["failures"],
        "p50_ms": total["p50_ms"],
        "p95_ms": total["p95_ms"],
        "requests_per_s": round(total["requests"] / args.duration, 1),
        "progress_updates_posted": posts["requests"] - posts["failures"],
        "locust_exit_code": exit_code,
        "by_request": by_name,
    }


def main() -> int:
    args = parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (the load runs on it).")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("PACE_ENVIRONMENT", "development")
    os.environ.setdefault("ALLOWED_HOSTS", HOST)
    # Ten board members sign in from one address: keep django-axes' limits as they
    # are (correct passwords never count against them).
    ensure_database(url)
    plan = setup_django(args)
    ARTIFACTS.mkdir(exist_ok=True)
    plan_file = ARTIFACTS / "load-plan.json"
    plan_file.write_text(json.dumps(plan, indent=2), encoding="utf-8")
    stats_prefix = ARTIFACTS / "load"
    bin_dir = Path(sys.executable).parent
    args.port = free_port(args.port)
    instance = instance_name()
    server = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "pace.wsgi:application",
            "--bind",
            f"{HOST}:{args.port}",
            "--workers",
            str(args.workers),
            "--preload",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "PACE_INSTANCE": instance},
    )
    try:
        wait_for_own_server(f"http://{HOST}:{args.port}", instance, server)
        warm_up(f"http://{HOST}:{args.port}", plan["public_paths"], args.workers)
        users = args.residents + args.board_members
        command = [
            str(bin_dir / "locust"),
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "--host",
            f"http://{HOST}:{args.port}",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(users // 5, 1)),
            "--run-time",
            f"{args.duration}s",
            "--stop-timeout",
            "10",
            "--csv",
            str(stats_prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ]
        env = {**os.environ, "PACE_LOAD_PLAN": str(plan_file)}
        try:
            with open(ARTIFACTS / "load-locust.log", "w", encoding="utf-8") as log:
                locust = subprocess.run(
                    command,
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    timeout=args.duration + 60,
                )
            exit_code = locust.returncode
        except subprocess.TimeoutExpired:
            exit_code = 124
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    result = summarise(stats_prefix, args, exit_code)
    (ARTIFACTS / "load.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(
        f"\n{result['requests']} requests in {args.duration} s "
        f"({result['requests_per_s']}/s), {args.residents} residents and "
        f"{args.board_members} board members: p50 {result['p50_ms']:.0f} ms, "
        f"p95 {result['p95_ms']:.0f} ms, errors {result['errors']}, "
        f"{result['progress_updates_posted']} progress updates posted."
        f"\nWritten to {ARTIFACTS / 'load.json'} (locust's own report: load-locust.log)"
    )
    return 0 if result["errors"] == 0 and exit_code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
