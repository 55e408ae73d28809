"""PDFs: the one place WeasyPrint is called.

Every PDF is an HTML template (``templates/pdf/``, print styles in
``static/css/pdf.css``) rendered to a tagged PDF/UA-1 file, so screen readers can
read it: a structure tree, the language, the title and author come from the
template's ``<html lang>``, ``<title>`` and ``<meta name="author">``.

WeasyPrint's own fetcher reads ``file://`` URLs and fetches ``http(s)`` ones. Ours
(``StaticFilesFetcher``) serves the project's static files and refuses everything
else, so nothing in a report, escaped or not, can pull in a local file or reach the
network.

A PDF is rendered once for a given final HTML: ``cached_pdf`` keeps it in Django's
default storage under a hash of that HTML (which is the state of the document and of
every record it draws on), and serves the stored copy until the HTML changes.
"""

import hashlib
import logging
import mimetypes
import re
import threading
import time
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

#: The base URL the HTML is rendered against. ``.invalid`` never resolves (RFC 2606);
#: the fetcher only maps URLs under ``<base>/<STATIC_URL>`` to static files.
BASE_URL = "https://pace.invalid/"
PDF_VARIANT = "pdf/ua-1"
STYLESHEET = "css/pdf.css"


class RefusedURL(ValueError):
    """The fetcher refused a URL that is not one of the project's static files."""


def static_path(url: str) -> Path | None:
    """The static file ``url`` names, or ``None`` if it names anything else."""
    prefix = urljoin(BASE_URL, settings.STATIC_URL)
    if not url.startswith(prefix):
        return None
    parts = urlsplit(url)
    if parts.query or parts.fragment:
        return None
    relative = unquote(url[len(prefix) :])
    if not relative or relative.startswith("/") or ".." in relative.split("/"):
        return None
    try:
        found = _collected(relative) or finders.find(relative)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


def _collected(relative: str) -> str | None:
    """The file ``collectstatic`` made under that name, if there is one: in
    production ``{% static %}`` names the hashed copy (``pdf.3f2a9c.css``), which only
    the collected files hold, not the sources the finders search."""
    try:
        if staticfiles_storage.exists(relative):
            return staticfiles_storage.path(relative)
    except NotImplementedError:  # static files kept elsewhere than on this disk
        return None
    return None


class StaticFilesFetcher(URLFetcher):
    """Fetches the project's static files (found as ``collectstatic`` would find
    them) and refuses every other URL: ``file://``, ``http(s)://``, ``data:``."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("https",), allow_redirects=False)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = static_path(url)
        if path is None:
            raise RefusedURL(f"Refused to fetch {url[:200]!r}: PDFs may use static files only.")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, path.read_bytes(), headers={"Content-Type": content_type}, status=200
        )


_local = threading.local()


def _shared_caches() -> tuple[FontConfiguration, dict]:
    """One font configuration and image cache per thread, reused across renders
    (WeasyPrint's font objects are not meant to be shared between threads)."""
    if not hasattr(_local, "font_config"):
        _local.font_config = FontConfiguration()
        _local.image_cache = {}
    return _local.font_config, _local.image_cache


def render_html(*, template: str, context: dict, title: str, author: str) -> str:
    """The final HTML of a PDF. ``title`` and ``author`` become the PDF's metadata."""
    return render_to_string(
        template,
        {
            **context,
            "pdf_title": title,
            "pdf_author": author,
            "council_name": settings.PACE_COUNCIL_NAME,
        },
    )


def html_to_pdf(html: str, *, url_fetcher: URLFetcher | None = None) -> bytes:
    """Render final HTML to a tagged PDF (PDF/UA-1)."""
    font_config, image_cache = _shared_caches()
    document = weasyprint.HTML(
        string=html, base_url=BASE_URL, url_fetcher=url_fetcher or StaticFilesFetcher()
    )
    return document.write_pdf(pdf_variant=PDF_VARIANT, font_config=font_config, cache=image_cache)


def html_to_document(html: str) -> weasyprint.Document:
    """Lay out final HTML as a tagged PDF without writing it, for a PDF put together
    with others (the agenda pack, ``partnerships.packs``): ``document.pages[i].anchors``
    holds the ids of the elements on page ``i``, and ``document_to_pdf`` writes it."""
    font_config, image_cache = _shared_caches()
    html_document = weasyprint.HTML(
        string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()
    )
    return html_document.render(font_config=font_config, cache=image_cache, pdf_variant=PDF_VARIANT)


def document_to_pdf(document: weasyprint.Document) -> bytes:
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(*, template: str, context: dict, title: str, author: str) -> bytes:
    return html_to_pdf(render_html(template=template, context=context, title=title, author=author))


@lru_cache(maxsize=1)
def renderer_fingerprint() -> str:
    """What besides the HTML decides the PDF: the print stylesheet and WeasyPrint's
    version. A new deployment that changes either renders every PDF afresh."""
    digest = hashlib.sha256(weasyprint.__version__.encode())
    stylesheet = finders.find(STYLESHEET)
    if stylesheet:
        digest.update(Path(stylesheet).read_bytes())
    return digest.hexdigest()


def pdf_key(html: str) -> str:
    return hashlib.sha256((renderer_fingerprint() + html).encode()).hexdigest()


def _stored(path: str) -> bytes | None:
    if not default_storage.exists(path):
        return None
    try:
        with default_storage.open(path, "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        return None  # removed since; render it again


#: How long a request waits for the PDF another request is rendering, and how long
#: a render may hold its claim, in seconds.
WAIT_FOR_RENDER_SECONDS = 60
POLL_SECONDS = 0.05


def cached_pdf(*, html: str, name: str) -> bytes:
    """The PDF of ``html``, rendered once and kept in the default storage as
    ``<name>-<hash>.pdf``. ``name`` says which document this is (e.g. ``reports/12``)
    so that older versions of the same document can be removed when it changes.

    Rendered once however many ask for it at the same moment, on however many
    servers: the first claims the render in the shared cache, the others wait for
    the file it stores (a report of a large partnership takes seconds of CPU)."""
    key = pdf_key(html)
    path = f"{name}-{key}.pdf"
    found = _stored(path)
    if found is not None:
        return found
    claim = f"pdf-render:{path}"
    try:
        claimed = caches["default"].add(claim, 1, WAIT_FOR_RENDER_SECONDS)
    except Exception:
        claimed = True  # no shared cache: render here
    if not claimed:
        deadline = time.monotonic() + WAIT_FOR_RENDER_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            found = _stored(path)
            if found is not None:
                return found
            if caches["default"].get(claim) is None:
                break  # the other render gave up: render here
    try:
        pdf = html_to_pdf(html)
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(pdf))
            _remove_older_versions(name, keep=path)
        return pdf
    finally:
        if claimed:
            caches["default"].delete(claim)


#: ``<stem>-<64 hex>.pdf``, as ``cached_pdf`` names a kept copy of ``<folder>/<stem>``.
_KEPT_FILE = re.compile(r"^(.+)-[0-9a-f]{64}\.pdf$")


def kept_copies(folder: str) -> dict[str, list[str]]:
    """The copies ``cached_pdf`` keeps in ``folder``, by the stem of their name (for
    ``reports/12`` the stem is ``12``): {stem: [path, ...]}."""
    try:
        _, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return {}
    copies: dict[str, list[str]] = {}
    for file in files:
        if found := _KEPT_FILE.match(file):
            copies.setdefault(found[1], []).append(f"{folder}/{file}" if folder else file)
    return copies


def _remove_older_versions(name: str, *, keep: str) -> None:
    folder, _, stem = name.rpartition("/")
    # By the whole stem: "12" is not report 123's "123".
    for path in kept_copies(folder).get(stem, ()):
        if path != keep:
            try:
                default_storage.delete(path)
            except OSError:
                logger.warning("Could not remove the old PDF %s", path)


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Length"] = str(len(pdf))
    return response
