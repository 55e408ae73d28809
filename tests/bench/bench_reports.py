"""Benchmark of the cabinet report PDFs (a script, not a test).

    python tests/bench/bench_reports.py [--runs 9] [--cached-runs 30]

Loads the example data (the seed report of 12 July 2016 with its live appendices)
into a fresh SQLite file, or into the database DATABASE_URL names, then measures:

- end to end: the PDF view through Django's test client with nothing cached
  (fetching the report, assembling its appendices, rendering the HTML, WeasyPrint,
  storing the file);
- WeasyPrint alone on the same final HTML;
- their ratio (what assembling the data costs on top of WeasyPrint);
- a cached download: the same view once the PDF is stored.

Prints a table and writes test-artifacts/bench-reports.json. Goals: end to end
under 1.5 s, ratio at most 1.15, cached download under 50 ms.
"""

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOALS = {"end_to_end_s": 1.5, "ratio": 1.15, "cached_s": 0.050}


def setup(workdir: Path) -> str:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pace.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings

    settings.MEDIA_ROOT = workdir / "media"
    # What is timed is rendering: the public page cache would answer from memory.
    settings.PACE_PAGE_CACHE_SECONDS = 0
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_example_data", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def timed(function) -> float:
    gc.collect()  # so that no run pays for the garbage of the one before
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--cached-runs", type=int, default=30)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pace-bench-") as tmp:
        workdir = Path(tmp)
        database = setup(workdir)

        import pypdf
        import weasyprint
        from django.test import Client

        from pace.core import pdf
        from pace.reports import selectors as documents
        from pace.reports.models import CabinetReport

        report = CabinetReport.objects.get(meeting_on="2016-07-12")
        url = report.get_pdf_url()
        client = Client()
        media = workdir / "media"

        def uncached_download():
            shutil.rmtree(media, ignore_errors=True)
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        uncached_download()  # warm up: fonts, templates, imports
        doc = documents.cabinet_report_document(report)
        html = pdf.render_html(
            template="pdf/cabinet_report.html",
            context={"doc": doc},
            title=doc.title,
            author=doc.author,
        )
        document = pdf.html_to_pdf(html)
        # Interleaved, so that both see the same load on a shared machine.
        end_to_end, weasy = [], []
        for _ in range(args.runs):
            end_to_end.append(timed(uncached_download))
            weasy.append(timed(lambda: pdf.html_to_pdf(html)))

        client.get(url)  # stored
        cached = [timed(lambda: client.get(url)) for _ in range(args.cached_runs)]

        results = {
            "report": report.title,
            "pages": len(pypdf.PdfReader(__import__("io").BytesIO(document)).pages),
            "pdf_bytes": len(document),
            "runs": args.runs,
            "cached_runs": args.cached_runs,
            "end_to_end_s": statistics.median(end_to_end),
            "weasyprint_s": statistics.median(weasy),
            "cached_s": statistics.median(cached),
            "end_to_end_min_s": min(end_to_end),
            "weasyprint_min_s": min(weasy),
            "end_to_end_all_s": end_to_end,
            "weasyprint_all_s": weasy,
            "database": database,
            "weasyprint": weasyprint.__version__,
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        }
        results["ratio"] = results["end_to_end_s"] / results["weasyprint_s"]
        results["ratio_of_minimums"] = results["end_to_end_min_s"] / results["weasyprint_min_s"]
        results["goals"] = {
            name: {"goal": goal, "met": results[name] <= goal} for name, goal in GOALS.items()
        }

    rows = [
        (
            "End to end, nothing cached (median)",
            f"{results['end_to_end_s'] * 1000:.0f} ms",
            "< 1500 ms",
        ),
        ("WeasyPrint alone, same HTML (median)", f"{results['weasyprint_s'] * 1000:.0f} ms", ""),
        ("Ratio end to end / WeasyPrint", f"{results['ratio']:.3f}", "<= 1.15"),
        ("Ratio of the fastest runs", f"{results['ratio_of_minimums']:.3f}", ""),
        ("Cached download (median)", f"{results['cached_s'] * 1000:.1f} ms", "< 50 ms"),
    ]
    print(f"{results['report']}: {results['pages']} pages, {results['pdf_bytes']:,} bytes")
    print(
        f"{database}, WeasyPrint {results['weasyprint']}, "
        f"{args.runs} runs ({args.cached_runs} cached)\n"
    )
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'result':>10}  goal")
    for name, value, goal in rows:
        print(f"{name:<{width}}  {value:>10}  {goal}")

    out = ROOT / "test-artifacts" / "bench-reports.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWritten to {out.relative_to(ROOT)}")
    return 0 if all(g["met"] for g in results["goals"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
