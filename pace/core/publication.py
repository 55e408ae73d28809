"""Publishing a document as a record, and correcting it (``models.PublishedVersion``).

``version_publish`` keeps the document's rendered text and its PDF, rendered from
that very text, with the SHA-256 of each: the text's in the PDF's metadata
(keywords ``sha256:<hex>``) and both on the page, so a reader can check that what
they hold is what was published. Version 1 is the publication; every later version
is a correction that says what it changed.
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
    """The version's PDF exactly as stored when it was published."""
    with version.pdf.open("rb") as stored:
        return pdf_response(stored.read(), filename=filename)


def version_publish(
    *,
    record,
    document: str,
    title: str,
    author: str,
    html: str,
    by=None,
    correction: str = "",
) -> PublishedVersion:
    """Publish ``html`` (the document as rendered by its template, where every
    typed text is already escaped) as the next version of ``record``'s
    ``document``, with its PDF. A version after the first must say what it
    corrected."""
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
        published_at = timezone.now()
        pdf = html_to_pdf(
            render_html(
                template="pdf/published.html",
                context={
                    # Rendered by our own templates, which escape what people typed.
                    "body_html": mark_safe(html),  # noqa: S308
                    "sha256": digest,
                    "number": number,
                    "published_at": published_at,
                    "correction": correction,
                },
                title=title,
                author=author,
            )
        )
        version = PublishedVersion(
            content_type=content_type,
            object_id=record.pk,
            document=document,
            number=number,
            published_at=published_at,
            published_by=by if getattr(by, "pk", None) else None,
            correction=correction if number > 1 else "",
            title=title,
            html=html,
            sha256=digest,
            pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        )
        name = f"{content_type.app_label}.{content_type.model}/{record.pk}/{document}-v{number}.pdf"
        try:
            with transaction.atomic():
                version.pdf.save(name, ContentFile(pdf), save=False)
                version.save()
        except IntegrityError:
            version.pdf.delete(save=False)
            continue
        return version
    raise ValidationError("Another version was published at the same moment: try again.")
