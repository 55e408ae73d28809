"""Benchmark: building the agenda pack of a meeting with 20 papers of 20 pages each.

Not a timed test: it prints figures. On PostgreSQL (AGENDA_PACK_BENCH_DATABASE_URL,
made afresh), with the files in a temporary MEDIA_ROOT:

1. the papers: 20 real PDFs of 20 pages of text each, rendered by WeasyPrint (not
   timed), uploaded through ``services.paper_save``, which checks each (timed: the
   median per paper);
2. the pack, as the worker builds it (``packs.agenda_packs_build_now``: the papers
   read, the cover and agenda laid out until their page numbers settle, the 400 pages
   put in, every page numbered, the file stored and its row kept), the median of
   ROUNDS builds, with its three parts timed apart;
3. the pack's pages and size, and the size of the papers it was made from.

Each figure is given as wall time and as this process's CPU time, which moves less
when the machine is busy with other work.

    python tests/bench/agenda_pack.py [--papers 20] [--pages 20] [--rounds 5]
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from run import recreate_database  # noqa: E402

DATABASE_URL = os.environ.get(
    "AGENDA_PACK_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pace_bench_packs"
)

PARAGRAPH = (
    "The Area Management Group considered the delivery of the Area Plan against its "
    "priorities for the year, the spending of the participatory budgeting round and the "
    "risks reported by the thematic groups. Officers set out the options for the second "
    "half of the year, with their costs and the evidence behind each. "
)


def paper_html(number: int, pages: int) -> str:
    """A report of about ``pages`` pages: a heading per page and text to fill it."""
    body = "".join(
        f'<h2 style="break-before: page">Report {number}, section {n}</h2>'
        + f"<p>{PARAGRAPH * 9}</p>"
        for n in range(1, pages + 1)
    )
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>Report {number}</title></head><body>{body}</body></html>"
    )


def clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(started: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = clock()
    return wall - started[0], cpu - started[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=20)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    recreate_database(DATABASE_URL)
    media = tempfile.mkdtemp(prefix="pace-bench-packs-")
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        DJANGO_SETTINGS_MODULE="pace.settings",
        MEDIA_ROOT=media,
        PACE_PAGE_CACHE_SECONDS="0",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    run(args)


def run(args) -> None:
    import pypdf
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from pace.core.pdf import html_to_pdf
    from partnerships import packs, services
    from partnerships.models import AgendaItem, AgendaPack, BodyKind, Meeting, Paper

    body = services.body_create(name="Leaders", slug="leaders", kind=BodyKind.LEADERS_BOARD)
    meeting = Meeting.objects.create(
        body=body, title="Leaders Board", starts_at=timezone.now(), location="Sandbach"
    )
    # Two papers an item, as a board's agenda usually runs.
    items = [
        AgendaItem.objects.create(meeting=meeting, position=n, title=f"Item {n}")
        for n in range(1, args.papers // 2 + args.papers % 2 + 1)
    ]
    pdfs = [html_to_pdf(paper_html(n, args.pages)) for n in range(1, args.papers + 1)]
    pages = {len(pypdf.PdfReader(io.BytesIO(pdf)).pages) for pdf in pdfs}
    checks = []
    for n, pdf in enumerate(pdfs):
        started = clock()
        services.paper_save(
            paper=Paper(agenda_item=items[n // 2], title=f"Report {n + 1}", position=n % 2 + 1),
            upload=ContentFile(pdf, name=f"report-{n + 1}.pdf"),
        )
        checks.append(since(started))
    meeting.agenda_published_at = timezone.now()
    meeting.save()

    items = packs.pack_items(meeting)
    reading, layout, assembly = [], [], []
    for _ in range(args.rounds):
        with packs._without_cycle_collection():  # as the build runs
            started = clock()
            papers = packs._pack_papers(items, packs.PUBLIC, {})
            reading.append(since(started))
            started = clock()
            front_pdf, front, spans, _ = packs._lay_out(meeting, items, packs.PUBLIC, papers)
            layout.append(since(started))
            started = clock()
            packs._assemble(front_pdf, front, spans, papers)
            assembly.append(since(started))

    builds = []
    for _ in range(args.rounds):
        for pack in AgendaPack.objects.filter(meeting=meeting):
            pack.file.delete(save=False)
            pack.delete()
        started = clock()
        result = packs.agenda_packs_build_now(meeting)
        builds.append(since(started))
    pack = AgendaPack.objects.get(meeting=meeting)

    def ms(values) -> str:
        wall, cpu = (statistics.median(v[i] for v in values) * 1000 for i in (0, 1))
        return f"{wall:8.0f} ms {cpu:10.0f} ms"

    print(
        f"{args.papers} papers of {'/'.join(map(str, sorted(pages)))} pages each "
        f"({sum(len(p) for p in pdfs) / 1e6:.1f} MB in all), {args.rounds} rounds, median"
    )
    print(f"{'':44} {'wall':>11} {'CPU':>13}")
    print(f"{'checking an upload (per paper)':44} {ms(checks)}")
    print(f"{'the pack, as the worker builds it':44} {ms(builds)}   ({result})")
    print(f"{'  reading the papers':44} {ms(reading)}")
    print(f"{'  laying out the cover and agenda':44} {ms(layout)}")
    print(f"{'  putting in the pages and numbering them':44} {ms(assembly)}")
    print(f"pack: {pack.pages} pages, {pack.size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
