"""Publishing a document as a record, and correcting it (``models.PublishedVersion``).

``version_publish`` keeps the document's rendered text with its SHA-256; the worker
then renders its PDF from that very text (``version_pdf_render``, queued when the
publication commits, so the officer who publishes waits for no PDF) and keeps it
with its own SHA-256: the text's is in the PDF's metadata (keywords
``sha256:<hex>``) and both are on the page, so a reader can check that what they
hold is what was published. The PDF is written once: a conditional UPDATE fills an
empty one, and whoever asks for it before the worker has rendered it (the first
visitor) renders and keeps it the same way. Version 1 is the publication; every
later version is a correction that says what it changed.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_tasks import task

from .models import PublishedVersion
from .pdf import html_to_pdf, pdf_response, render_html


def published_versions(record, document: str) -> list[PublishedVersion]:
    """Every version of ``record``'s ``document``, the first first (one query)."""
    return list(
        PublishedVersion.objects.filter(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            document=document,
        ).order_by("number")
    )


def version_chosen(versions: list[PublishedVersion], number: int | None) -> PublishedVersion:
    """Version ``number`` (counted from 1) of ``versions``, or the latest; a 404 for
    a number that is not one of them."""
    if number is None:
        return versions[-1]
    if not 1 <= number <= len(versions):
        raise Http404("No such version")
    return versions[number - 1]


def version_pdf_response(version: PublishedVersion, *, filename: str) -> HttpResponse:
    """The version's PDF exactly as stored, rendered and kept first if the worker
    has not done it yet (or its file was lost: a database restored without its
    media)."""
    if not _pdf_kept(version):
        version = version_pdf_render_now(version)
    with version.pdf.open("rb") as stored:
        return pdf_response(stored.read(), filename=filename)


def _version_pdf(version: PublishedVersion) -> bytes:
    """The PDF of ``version``, from its stored text and its own number and date, so
    it is the same whenever it is rendered."""
    return html_to_pdf(
        render_html(
            template="pdf/published.html",
            context={
                # Rendered by our own templates, which escape what people typed.
                "body_html": mark_safe(version.html),  # noqa: S308
                "sha256": version.sha256,
                "number": version.number,
                "published_at": version.published_at,
                "correction": version.correction,
            },
            title=version.title,
            author=version.author,
        )
    )


def version_pdf_render_now(version: PublishedVersion) -> PublishedVersion:
    """Render and keep the version's PDF unless it is kept already; returns the
    version as stored. Two renders at once keep one: the first to fill the empty
    field wins, and the other's file is removed. A version whose file is lost is
    rendered again from its kept text, which gives the same document."""
    if _pdf_kept(version):
        return version
    lost = version.pdf.name or ""
    pdf = _version_pdf(version)
    name = version.pdf.storage.save(
        f"published/{version.content_type.app_label}.{version.content_type.model}/"
        f"{version.object_id}/{version.document}-v{version.number}.pdf",
        ContentFile(pdf),
    )
    filled = PublishedVersion.objects.filter(pk=version.pk, pdf=lost).update(
        pdf=name, pdf_sha256=hashlib.sha256(pdf).hexdigest()
    )
    if not filled:
        version.pdf.storage.delete(name)
    return PublishedVersion.objects.get(pk=version.pk)


def _pdf_kept(version: PublishedVersion) -> bool:
    return bool(version.pdf) and version.pdf.storage.exists(version.pdf.name)


@task()
def version_pdf_render(version_id: int) -> str:
    """The worker's half of publishing: the version's PDF, kept once."""
    version = PublishedVersion.objects.filter(pk=version_id).first()
    if version is None:
        return "no such version"
    version_pdf_render_now(version)
    return "rendered"


def version_publish(
    *,
    record,
    document: str,
    title: str,
    author: str,
    html: str,
    by=None,
    correction: str = "",
    render_pdf: bool = True,
) -> PublishedVersion:
    """Publish ``html`` (the document as rendered by its template, where every
    typed text is already escaped) as the next version of ``record``'s
    ``document``, with its PDF. A version after the first must say what it
    corrected. ``render_pdf=False`` queues no PDF: it is rendered and kept when first
    asked for (for records brought in by the hundred, the example's minutes, so the
    queue is not held up behind them)."""
    content_type = ContentType.objects.get_for_model(record)
    versions = PublishedVersion.objects.filter(
        content_type=content_type, object_id=record.pk, document=document
    )
    correction = correction.strip()
    if versions.exists() and not correction:
        raise ValidationError(
            {"correction": "Say what the correction changed."}, code="correction_required"
        )
    digest = hashlib.sha256(html.encode()).hexdigest()
    for _ in range(2):  # a second officer publishing at the same moment takes the next number
        number = (versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = PublishedVersion(
            content_type=content_type,
            object_id=record.pk,
            document=document,
            number=number,
            published_at=timezone.now(),
            published_by=by if getattr(by, "pk", None) else None,
            correction=correction if number > 1 else "",
            title=title,
            author=author,
            html=html,
            sha256=digest,
        )
        try:
            with transaction.atomic():
                version.save()
        except IntegrityError:
            continue
        if render_pdf:
            transaction.on_commit(lambda pk=version.pk: version_pdf_render.enqueue(pk))
        return version
    raise ValidationError("Another version was published at the same moment: try again.")
