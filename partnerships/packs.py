# Over 300 lines, as one piece: laying out, merging and numbering one PDF are one job.
"""Agenda packs: a meeting's cover, agenda and papers in one PDF, numbered
throughout, built by the worker (``agenda_pack_build``) when the agenda is
published and whenever its items or papers change after that.

- **Two audiences.** The public pack carries the public items' papers; a
  confidential item is in it only as "Confidential item", as on the meeting's page.
  The full pack carries every item and paper, for those who may see confidential
  items (``access``). It is built only when the meeting has a confidential item:
  otherwise it would be the public pack again, which its address then serves.
- **What goes in.** Each PDF paper's pages, in agenda order. An office document or
  a link cannot go in faithfully (printing a spreadsheet would need an office suite
  on the server, and what it printed would not be the paper the officer uploaded):
  the agenda lists it, and the pack has a page in its place saying where to get it,
  so a reader going through the pack in order misses nothing without being told.
- **Numbered throughout.** Every page is stamped "Page N of M" at its bottom right,
  drawn after the page's own content (which is not rewritten) and marked as a
  pagination artifact. The agenda gives the page each paper starts on; the cover
  and agenda are laid out again until those numbers settle.
- **Tagged.** The cover, the agenda and the pages in place of papers are WeasyPrint's
  tagged PDF (``pace.core.pdf``) and the pack keeps its structure tree, language,
  title and bookmarks, with a bookmark for each paper. The papers' pages come as they
  were uploaded and are not tagged here (each paper is offered on its own too, with
  its own tags), and the page numbers use the standard Helvetica, which PDF
  readers supply: so a pack does not claim PDF/UA conformance, which needs every
  page tagged and every font embedded.
- **Current, or not served.** A pack keeps a digest of what it was built from
  (``pack_source``: the meeting, its items and papers). A pack whose meeting has
  changed since is not served (``agenda_pack_current``): an item made confidential
  after the pack was built never reaches the public through the old pack. A build
  that finds the meeting changed while it worked keeps nothing, as the change
  queued its own build.
"""

import gc
import hashlib
import io
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass

import pypdf
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django_tasks import task
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)

from pace.core.pdf import document_to_pdf, html_to_document, render_html
from pace.core.queueing import enqueue_once

from .models import AgendaItem, AgendaPack, Meeting, PackAudience, Paper
from .question_selectors import public_questions

PUBLIC, FULL = PackAudience.PUBLIC, PackAudience.FULL
#: Layouts of the cover and agenda tried before giving up (two settle it nearly always).
MAX_LAYOUT_PASSES = 5
#: How often at most a visitor finding a pack out of date has a build queued.
REQUEUE_SECONDS = 60

# The page number: Helvetica, 8.5 pt, the PDFs' grey, its baseline 9 mm above the
# bottom edge and its end 18 mm from the right edge, as the other PDFs' footers.
MM = 72 / 25.4
NUMBER_SIZE, NUMBER_RIGHT, NUMBER_BASELINE = 8.5, 18 * MM, 9 * MM
NUMBER_COLOUR = "0.314 0.353 0.373"  # #505a5f
#: Helvetica's widths (per 1,000 of the size) of the characters the number uses.
HELVETICA_WIDTHS = {**dict.fromkeys("0123456789aego", 556), "P": 667, " ": 278, "f": 278}
NUMBER_FONT = "/PacePageNumber"


# --- What a pack is built from ---------------------------------------------------


def pack_items(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items in order, each with its papers in order (two queries)."""
    papers = Prefetch("paper_set", queryset=Paper.objects.order_by("position", "pk"))
    return list(
        AgendaItem.objects.filter(meeting=meeting).order_by("position").prefetch_related(papers)
    )


def pack_source(meeting: Meeting, items: list[AgendaItem]) -> str:
    """A digest of what the packs show of the meeting, its items and papers. What
    changes without a rebuild being queued (the body's name, the council's, the
    renderer) is left out, so that it cannot leave a pack unserved for good."""
    fields = ["title", "starts_at", "ends_at", "location", "is_public"]
    source: list = [getattr(meeting, name) for name in fields]
    source.append(meeting.agenda_published_at)
    for item in items:
        source.append([item.pk, item.position, item.title, item.is_confidential, item.papers])
        for p in item.paper_set.all():
            source.append([p.pk, p.position, p.title, p.file.name, p.url, p.sha256, p.pages])
    # Residents' questions accepted for an Area Assembly's meeting are on its agenda.
    source.extend([q.pk, q.asker, q.text] for q in public_questions(meeting))
    return hashlib.sha256(json.dumps(source, default=str).encode()).hexdigest()


def pack_audiences(items: list[AgendaItem]) -> list[str]:
    return [PUBLIC] + ([FULL] if any(item.is_confidential for item in items) else [])


def agenda_pack_current(meeting: Meeting, audience: str) -> AgendaPack | None:
    """The meeting's pack for ``audience`` if it is built and still what the
    meeting makes; the public pack for the full one of a meeting with no
    confidential item. ``None`` otherwise: a build is then queued (once a minute at
    most), should the one its change queued have failed."""
    items = pack_items(meeting)
    if audience == FULL and FULL not in pack_audiences(items):
        audience = PUBLIC
    pack = AgendaPack.objects.filter(meeting=meeting, audience=audience).first()
    if pack is not None and pack.source_sha256 == pack_source(meeting, items):
        return pack
    if meeting.agenda_published_at is not None:
        # Should the cache be unreachable, the change's own build will do.
        enqueue_once(
            f"agenda-pack:{meeting.pk}",
            agenda_pack_build,
            meeting.pk,
            seconds=REQUEUE_SECONDS,
            if_unreachable=False,
        )
    return None


# --- Laying out the cover and agenda ---------------------------------------------


@dataclass
class PackPaper:
    """A paper as one pack carries it: its pages (``reader``), or a page in its
    place saying where to get it (``reason``: "office", "link" or "missing")."""

    paper: Paper
    item: AgendaItem
    anchor: str
    reader: pypdf.PdfReader | None
    reason: str = ""
    first_page: int = 0
    page_count: int = 0

    @property
    def address(self) -> str:
        url = self.paper.get_absolute_url()
        return url if not url.startswith("/") else settings.PACE_SITE_URL.rstrip("/") + url


def _open_pdf(paper: Paper) -> pypdf.PdfReader | None:
    """The paper's PDF, opened; ``None`` if its file is gone or does not open."""
    try:
        with paper.file.open("rb") as stored:
            reader = pypdf.PdfReader(io.BytesIO(stored.read()))
        if reader.is_encrypted:
            reader.decrypt("")
        return reader if len(reader.pages) else None
    except Exception:  # a file lost from storage, or one pypdf can no longer read
        return None


def _pack_papers(items: list[AgendaItem], audience: str, readers: dict) -> list[PackPaper]:
    """The papers ``audience``'s pack carries, in order; ``readers`` keeps each PDF
    opened once for both packs (reading one is most of a pack's time)."""
    papers = []
    for item in items:
        if item.is_confidential and audience == PUBLIC:
            continue
        for paper in item.paper_set.all():
            if paper.is_pdf and paper.pk not in readers:
                readers[paper.pk] = _open_pdf(paper)
            reader = readers.get(paper.pk)
            if reader is not None:
                reason = ""
            elif not paper.is_upload:
                reason = "link"
            else:
                reason = "missing" if paper.is_pdf else "office"
            papers.append(PackPaper(paper, item, f"pack-paper-{len(papers) + 1}", reader, reason))
    return papers


def _number(papers: list[PackPaper], front: int, spans: list[int]) -> int:
    """Give each paper its first page, after ``front`` pages of cover and agenda;
    the pages in place of papers take ``spans``. The pack's pages in all."""
    page, spans_left = front + 1, iter(spans)
    for entry in papers:
        entry.first_page = page
        entry.page_count = len(entry.reader.pages) if entry.reader else next(spans_left)
        page += entry.page_count
    return page - 1


def _front_html(meeting, items, audience, papers, total: int) -> str:
    by_item: dict[int, list[PackPaper]] = {}
    for entry in papers:
        by_item.setdefault(entry.item.pk, []).append(entry)
    full = audience == FULL
    agenda = []
    for item in items:
        if item.is_confidential and not full:
            # Its number only: nothing that could leak is handed to the template.
            agenda.append({"position": item.position, "redacted": True})
            continue
        agenda.append(
            {
                "position": item.position,
                "is_confidential": item.is_confidential,
                "title": item.title,
                "summary": item.papers,
                "papers": by_item.get(item.pk, []),
            }
        )
    when = timezone.localtime(meeting.starts_at)
    title = f"Agenda pack: {meeting.title}, {meeting.body.name}, {when:%-d %B %Y}"
    return render_html(
        template="pdf/agenda_pack.html",
        context={
            "meeting": meeting,
            "is_full": full,
            "agenda": agenda,
            "placeholders": [entry for entry in papers if entry.reader is None],
            "questions": public_questions(meeting),
            "total_pages": total,
            "meeting_url": settings.PACE_SITE_URL.rstrip("/") + meeting.get_absolute_url(),
        },
        title=title + (", with confidential items" if full else ""),
        author=settings.PACE_COUNCIL_NAME,
    )


def _lay_out(meeting, items, audience, papers) -> tuple[bytes, int, list[int], int]:
    """The cover, agenda and pages in place of papers as a tagged PDF, laid out
    until the page numbers it gives are the ones it ends up with: the PDF, its
    pages before the first paper, each placeholder's pages and the pack's total."""
    placeholders = [entry for entry in papers if entry.reader is None]
    front, spans = 2, [1] * len(placeholders)
    for _ in range(MAX_LAYOUT_PASSES):
        total = _number(papers, front, spans)
        document = html_to_document(_front_html(meeting, items, audience, papers, total))
        on_page = {anchor: i for i, page in enumerate(document.pages) for anchor in page.anchors}
        starts = [on_page[entry.anchor] for entry in placeholders]
        found_front = starts[0] if starts else len(document.pages)
        ends = [*starts[1:], len(document.pages)] if starts else []
        found_spans = [end - start for start, end in zip(starts, ends, strict=True)]
        if (found_front, found_spans) == (front, spans):
            return document_to_pdf(document), front, spans, total
        front, spans = found_front, found_spans
    raise RuntimeError(f"The agenda pack of meeting {meeting.pk} did not settle on its pages")


# --- Putting it together ---------------------------------------------------------


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _display_matrix(page) -> tuple[list[float], float]:
    """The matrix from the page as shown (turned by its /Rotate, origin at the
    bottom left of what the reader sees) to its own space, and the shown width."""
    box = page.cropbox
    x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    rotation = page.rotation % 360
    if rotation == 90:
        return [0, 1, -1, 0, x1, y0], y1 - y0
    if rotation == 180:
        return [-1, 0, 0, -1, x1, y1], x1 - x0
    if rotation == 270:
        return [0, -1, 1, 0, x0, y1], y1 - y0
    return [1, 0, 0, 1, x0, y0], x1 - x0


def _stamp_numbers(writer: pypdf.PdfWriter) -> None:
    """Draw "Page N of M" on every page, after its own content, which is left as
    it is: the page's streams are wrapped in ``q``/``Q`` and one more is added.
    (``_add_object`` is pypdf's own way to add an object; it has no public one.)"""
    total = len(writer.pages)
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    save = writer._add_object(_stream(b"q\n"))
    for number, page in enumerate(writer.pages, 1):
        text = f"Page {number} of {total}"
        width = sum(HELVETICA_WIDTHS[c] for c in text) * NUMBER_SIZE / 1000
        matrix, shown_width = _display_matrix(page)
        x = shown_width - NUMBER_RIGHT - width
        drawn = _stream(
            (
                "Q\nq\n{m} cm\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"
                "BT {font} {size} Tf {colour} rg {x:.2f} {y:.2f} Td ({text}) Tj ET\nEMC\nQ\n"
            )
            .format(
                m=" ".join(f"{v:g}" for v in matrix),
                font=NUMBER_FONT,
                size=NUMBER_SIZE,
                colour=NUMBER_COLOUR,
                x=x,
                y=NUMBER_BASELINE,
                text=text,
            )
            .encode()
        )
        contents = page.get("/Contents")
        streams = contents.get_object() if contents is not None else []
        if not isinstance(streams, ArrayObject | list):
            streams = [contents]
        # A stream in an array must be an indirect object.
        own = [s if isinstance(s, IndirectObject) else writer._add_object(s) for s in streams]
        page[NameObject("/Contents")] = ArrayObject([save, *own, writer._add_object(drawn)])
        # The page's own resources, as pages may share one dictionary.
        resources = page.get("/Resources")
        resources = DictionaryObject(resources.get_object() if resources is not None else {})
        fonts = resources.get("/Font")
        fonts = DictionaryObject(fonts.get_object() if fonts is not None else {})
        fonts[NameObject(NUMBER_FONT)] = font
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources


def _no_conformance_claim(writer: pypdf.PdfWriter) -> None:
    metadata = writer.root_object.get("/Metadata")
    if metadata is None:
        return
    stream = metadata.get_object()
    data = stream.get_data()
    kept = re.sub(rb'<rdf:Description rdf:about="" pdfuaid:part="1"\s*/>', b"", data)
    if kept != data:
        stream.set_data(kept)


def _assemble(front_pdf: bytes, front: int, spans: list[int], papers: list[PackPaper]) -> bytes:
    """The front document with each paper's pages put in place, numbered."""
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(front_pdf))
    index, spans_left = front, iter(spans)
    for entry in papers:
        if entry.reader is None:
            index += next(spans_left)
            continue
        for page in entry.reader.pages:
            added = writer.insert_page(page, index)
            for annotation in added.get("/Annots") or []:
                # Its place in the paper's own structure tree, which is not here.
                annotation.get_object().pop("/StructParent", None)
            index += 1
        writer.add_outline_item(
            title=f"Item {entry.item.position}: {entry.paper.title}",
            page_number=entry.first_page - 1,
        )
    _stamp_numbers(writer)
    _no_conformance_claim(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pack_build(
    meeting: Meeting, items: list[AgendaItem], audience: str, readers: dict | None = None
) -> tuple[bytes, int]:
    """The pack for ``audience`` as a PDF, and its number of pages."""
    papers = _pack_papers(items, audience, {} if readers is None else readers)
    front_pdf, front, spans, total = _lay_out(meeting, items, audience, papers)
    return _assemble(front_pdf, front, spans, papers), total


# --- Keeping it --------------------------------------------------------------------


@contextmanager
def _without_cycle_collection():
    """Reading the papers makes hundreds of thousands of small pypdf objects, and the
    cyclic garbage collector walking them again and again took a third of a pack's
    time (tests/bench/agenda_pack.py). It is off for one build, whose objects are
    gone once it ends, and on again after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Changed(Exception):
    """The meeting changed while its packs were being built."""


def agenda_packs_build_now(meeting: Meeting) -> str:
    """Build the meeting's packs, unless those kept are what it makes now, and keep
    them: one row per audience, the old files removed once the new rows commit."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
    items = pack_items(meeting)
    source = pack_source(meeting, items)
    audiences = pack_audiences(items)
    kept = dict(AgendaPack.objects.filter(meeting=meeting).values_list("audience", "source_sha256"))
    if kept == dict.fromkeys(audiences, source):
        return "up to date"
    readers: dict = {}
    with _without_cycle_collection():
        built = {a: pack_build(meeting, items, a, readers) for a in audiences}
    storage = AgendaPack._meta.get_field("file").storage
    names = {}
    try:
        for audience, (pdf, _) in built.items():
            digest = hashlib.sha256(pdf).hexdigest()
            names[audience] = storage.save(
                f"packs/{meeting.pk}/{audience}-{digest[:16]}.pdf", ContentFile(pdf)
            )
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            if pack_source(locked, pack_items(locked)) != source:
                raise _Changed
            removed = _keep(meeting, built, names, source)
            transaction.on_commit(lambda: [storage.delete(name) for name in removed])
    except _Changed:
        for name in names.values():
            storage.delete(name)
        return "changed while building: the change's own build will keep its packs"
    except BaseException:
        for name in names.values():
            storage.delete(name)
        raise
    return ", ".join(f"{audience}: {pages} pages" for audience, (_, pages) in built.items())


def _keep(meeting: Meeting, built: dict, names: dict, source: str) -> list[str]:
    removed = []
    packs = {pack.audience: pack for pack in AgendaPack.objects.filter(meeting=meeting)}
    for audience, (pdf, pages) in built.items():
        pack = packs.pop(audience, None) or AgendaPack(meeting=meeting, audience=audience)
        if pack.file:
            removed.append(pack.file.name)
        pack.file = names[audience]
        pack.pages, pack.size, pack.source_sha256 = pages, len(pdf), source
        pack.sha256, pack.built_at = hashlib.sha256(pdf).hexdigest(), timezone.now()
        pack.save()
    for pack in packs.values():  # a full pack no longer needed
        removed.append(pack.file.name)
        pack.delete()
    return removed


@task()
def agenda_pack_build(meeting_id: int) -> str:
    """The worker's part: the meeting's agenda packs, brought up to date."""
    meeting = Meeting.objects.filter(pk=meeting_id, agenda_published_at__isnull=False).first()
    if meeting is None:
        return "no published agenda"
    return agenda_packs_build_now(meeting)
