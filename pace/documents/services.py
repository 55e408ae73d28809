"""Building the whole-data documents in the background and serving what was built.

- **Built when their data changes.** A committed change to the records of an app a
  document reads (``pace.core.writes.records_committed``) queues its build for the
  worker, once: a build already queued and not yet started takes the change too.
  A change that commits while a build runs queues the next one, so what is served is
  never older than the last committed change by more than a build (and the wait in
  the queue).
- **Consistent.** A build reads the records in one read-only transaction (on
  PostgreSQL a repeatable-read snapshot), so a document never mixes before and after
  a change. ``built_at`` is when it read them.
- **Served as static files are.** The file and its gzipped copy are in storage; a
  visit reads the record (one query) and sends the file, gzipped to whoever accepts
  it, with its ETag; a repeat visit with that ETag gets a 304. Nothing is built in
  a request, except once on a new site before the worker has built anything (the
  first visitor then waits one build, rather than finding nothing).
"""

import datetime
import gzip
import hashlib
import logging
import threading
import time
from dataclasses import dataclass

from django.apps import apps as django_apps
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.http import FileResponse, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags
from django_tasks import task

from pace.core.cache import accepts_gzip
from pace.core.queueing import enqueue_once, queued_started
from pace.notifications.services import site_url

from .models import StoredDocument
from .registry import Document, documents, documents_reading

logger = logging.getLogger(__name__)


def _queued_key(name: str) -> str:
    return f"document:{name}"


def document_build_queue(name: str) -> bool:
    """Queue ``name``'s build unless one is queued and not started; whether queued."""
    return enqueue_once(_queued_key(name), document_build, name)


#: Set while ``migrate`` runs: the queue's own table may not be there yet.
_migrating = threading.Event()


def migrating() -> bool:
    """Whether ``migrate`` is running here: nothing may be queued then (the queue's
    own table may not be there yet)."""
    return _migrating.is_set()


def records_changed(sender, *, apps: frozenset[str], **kwargs) -> None:
    """``records_committed``'s receiver: queue the documents made from ``apps``."""
    if migrating():
        return
    for document in documents_reading(apps):
        document_build_queue(document.name)


def _last_app_migrated():
    # ``migrate`` sends post_migrate to each app with models, in INSTALLED_APPS order.
    return [config for config in django_apps.get_app_configs() if config.models_module][-1]


def migration_started(sender, **kwargs) -> None:
    _migrating.set()


def migration_finished(sender, *, using: str = "default", **kwargs) -> None:
    """Once the last app's post-migrate handlers have run: a migration may have
    changed what the documents hold, so those already built are built again (a new
    database has none, and builds each when first asked)."""
    if sender is not None and sender is not _last_app_migrated():
        return
    _migrating.clear()
    if StoredDocument.objects.using(using).exists():
        for name in documents:
            document_build_queue(name)


@task()
def document_build(name: str) -> str:
    """The worker's build of one document."""
    if name not in documents:
        return f"no document {name!r}"
    queued_started(_queued_key(name))
    stored = document_build_now(name)
    return f"built {stored.size:,} bytes in {stored.build_seconds:.2f} s"


def _read(document: Document) -> bytes:
    # A snapshot of its own only when the build opens the transaction (the worker);
    # inside a request or a test it reads in theirs.
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        content = document.build(site_url())
    return content.encode() if isinstance(content, str) else content


def document_build_now(name: str) -> StoredDocument:
    """Build ``name`` from the records now and keep it; the record kept. A build
    that finds a later one already kept keeps nothing."""
    document = documents[name]
    built_at = timezone.now()
    started = time.perf_counter()
    content = _read(document)
    etag = hashlib.sha256(content).hexdigest()[:32]
    seconds = time.perf_counter() - started
    current = StoredDocument.objects.filter(name=name).first()
    if current is not None and current.etag == etag and _files_exist(current):
        # The same document: only when it was last found current moves on.
        StoredDocument.objects.filter(pk=current.pk, built_at__lt=built_at).update(
            built_at=built_at, build_seconds=seconds
        )
        current.refresh_from_db()
        _remember(current)
        return current
    compressed = gzip.compress(content, compresslevel=6, mtime=0)
    stem = f"documents/{document.name.replace('.', '-')}-{etag}"
    name_on_disk = f"{stem}.{document.extension}"
    content_name = default_storage.save(name_on_disk, ContentFile(content))
    compressed_name = default_storage.save(f"{name_on_disk}.gz", ContentFile(compressed))
    fields = {
        "content": content_name,
        "compressed": compressed_name,
        "etag": etag,
        "size": len(content),
        "compressed_size": len(compressed),
        "built_at": built_at,
        "build_seconds": seconds,
    }
    with transaction.atomic():
        kept = StoredDocument.objects.select_for_update().filter(name=name).first()
        if kept is not None and kept.built_at >= built_at and _files_exist(kept):
            # A build that read the records later finished first: it stays.
            transaction.on_commit(lambda: _delete(content_name, compressed_name))
            return kept
        if kept is None:
            kept = StoredDocument.objects.create(name=name, **fields)
        else:
            old = (kept.content.name, kept.compressed.name)
            StoredDocument.objects.filter(pk=kept.pk).update(**fields)
            transaction.on_commit(lambda: _delete(*old))
            kept.refresh_from_db()
    _remember(kept)
    return kept


def _files_exist(stored: StoredDocument) -> bool:
    return default_storage.exists(stored.content.name) and default_storage.exists(
        stored.compressed.name
    )


def _delete(*names: str) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not delete the old document %s", name, exc_info=True)


# --- Serving -----------------------------------------------------------------------
#
# A visit needs only what a build kept (its files' names, ETag, sizes and time): that
# is kept in the shared cache too, so serving a document asks the database nothing.
# A build replaces it once it commits, and forgets it at once, so no visit after a
# build's commit is sent the one before. A visit that read the database before then
# only adds (never replaces) what it read, and a kept entry lasts a minute at most.


@dataclass(frozen=True)
class Kept:
    """What serving a built document needs, without its record."""

    etag: str
    content: str
    compressed: str
    size: int
    compressed_size: int
    built_at: datetime.datetime

    @classmethod
    def of(cls, stored: StoredDocument) -> "Kept":
        return cls(
            etag=stored.etag,
            content=stored.content.name,
            compressed=stored.compressed.name,
            size=stored.size,
            compressed_size=stored.compressed_size,
            built_at=stored.built_at,
        )


KEPT_SECONDS = 60


def _kept_key(name: str) -> str:
    return f"document-kept:{name}"


def _remember(stored: StoredDocument) -> None:
    kept, key = Kept.of(stored), _kept_key(stored.name)
    try:
        cache.delete(key)
    except Exception:
        logger.warning("The cache cannot be reached", exc_info=True)
        return
    transaction.on_commit(lambda: _cache_quietly(cache.set, key, kept))


def _cache_quietly(call, *args) -> None:
    try:
        call(*args, KEPT_SECONDS)
    except Exception:
        logger.warning("The cache cannot be reached", exc_info=True)


def kept_document(name: str, *, fresh: bool = False) -> Kept:
    """What serving ``name`` needs: from the cache, else its record (``fresh``:
    always its record)."""
    key = _kept_key(name)
    if not fresh:
        try:
            found = cache.get(key)
        except Exception:
            found = None
        if found is not None:
            return found
    kept = Kept.of(stored_document(name))
    _cache_quietly(cache.add if not fresh else cache.set, key, kept)
    return kept


def stored_document(name: str) -> StoredDocument:
    """The document as last built; built now on a site where it never was."""
    stored = StoredDocument.objects.filter(name=name).first()
    if stored is None or not _files_exist(stored):
        logger.info("No stored %s yet: building it in this request, once", name)
        stored = document_build_now(name)
    return stored


def stored_document_response(request, name: str) -> HttpResponse:
    """The stored document ``name`` as a response: gzipped to whoever accepts it,
    with its ETag and when it was built, and a 304 to a visitor who has it."""
    document = documents[name]
    stored = kept_document(name)
    etag = f'"{stored.etag}"'
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        zipped = accepts_gzip(request)
        try:
            file = default_storage.open(stored.compressed if zipped else stored.content, "rb")
        except FileNotFoundError:
            # Removed by a later build since it was kept (or lost): the record says.
            stored = kept_document(name, fresh=True)
            etag = f'"{stored.etag}"'
            file = default_storage.open(stored.compressed if zipped else stored.content, "rb")
        response = FileResponse(file, content_type=document.content_type)
        response["Content-Length"] = stored.compressed_size if zipped else stored.size
        if zipped:
            response["Content-Encoding"] = "gzip"
        disposition = document.disposition
        if document.filename:
            disposition += f'; filename="{document.filename}"'
        response["Content-Disposition"] = disposition
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored.built_at.timestamp())
    # Anyone may keep it, and asks again each time (a 304 while it is the same).
    response["Cache-Control"] = "public, no-cache"
    response["Access-Control-Allow-Origin"] = "*"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


@dataclass(frozen=True)
class Published:
    """A document as the open-data page lists it: what it is and, once built, when
    and how large."""

    document: Document
    stored: StoredDocument | None


def published_documents() -> list[Published]:
    """Every registered document with its latest build (one query)."""
    stored = {row.name: row for row in StoredDocument.objects.all()}
    return [Published(document, stored.get(name)) for name, document in documents.items()]
