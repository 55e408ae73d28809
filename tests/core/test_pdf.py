"""The renderer: tagged PDF/UA output, a fetcher that serves static files and
refuses everything else, and the cache in the default storage."""

import io
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pypdf
import pytest
from django.core.files.storage import default_storage
from weasyprint.urls import URLFetcher

from pace.core import pdf

pytestmark = pytest.mark.django_db

HOSTILE_HTML = """<!DOCTYPE html><html lang="en-GB"><head><title>Hostile</title>
<link rel="stylesheet" href="/static/css/pdf.css"></head><body>
<h1>Hostile</h1>
<p>Before <img src="file:///etc/passwd" alt="passwd"> after.</p>
<p><img src="https://evil.example/track.png" alt="tracker"></p>
<p><img src="/static/../../../../etc/passwd" alt="traversal"></p>
<p style="background: url('http://169.254.169.254/latest/meta-data/')">x</p>
<link rel="stylesheet" href="https://evil.example/steal.css">
</body></html>"""


class RecordingFetcher(pdf.StaticFilesFetcher):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []
        self.served: list[str] = []

    def fetch(self, url, headers=None):
        self.asked.append(url)
        response = super().fetch(url, headers)
        self.served.append(url)
        return response


def text_of(document: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(document)).pages)


def images_in(document: bytes) -> int:
    count = 0
    for page in pypdf.PdfReader(io.BytesIO(document)).pages:
        resources = page.get("/Resources") or {}
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get_object().get("/Subtype") == "/Image":
                count += 1
    return count


@pytest.fixture
def network_and_files_forbidden(monkeypatch):
    """WeasyPrint's own fetcher (urllib: file, http, https) must never run."""
    calls = []

    def refuse(self, url, headers=None):
        calls.append(url)
        raise AssertionError(f"WeasyPrint's fetcher was asked for {url}")

    monkeypatch.setattr(URLFetcher, "fetch", refuse)
    return calls


def test_the_fetcher_serves_static_files_only(settings):
    fetcher = pdf.StaticFilesFetcher()
    css = fetcher.fetch("https://pace.invalid/static/css/pdf.css")
    assert css.content_type == "text/css" and b"@page" in css.read()
    for url in [
        "file:///etc/passwd",
        "http://evil.example/x.png",
        "https://evil.example/static/css/pdf.css",
        "https://pace.invalid/etc/passwd",
        "https://pace.invalid/static/../settings.py",
        "https://pace.invalid/static/%2e%2e/%2e%2e/pace/settings.py",
        "https://pace.invalid/static//etc/passwd",
        "https://pace.invalid/static/css/missing.css",
        "https://pace.invalid/static/css/pdf.css?x=1",
        "data:text/plain,hello",
    ]:
        with pytest.raises(pdf.RefusedURL):
            fetcher.fetch(url)


def test_raw_html_cannot_make_the_renderer_fetch_files_or_urls(network_and_files_forbidden):
    fetcher = RecordingFetcher()
    document = pdf.html_to_pdf(HOSTILE_HTML, url_fetcher=fetcher)
    assert network_and_files_forbidden == []
    # The stylesheet was served; every image and the remote stylesheet were refused.
    assert fetcher.served == ["https://pace.invalid/static/css/pdf.css"]
    assert "file:///etc/passwd" in fetcher.asked
    assert "https://evil.example/track.png" in fetcher.asked
    assert images_in(document) == 0
    assert "root:" not in text_of(document)


def test_the_default_fetcher_is_the_restricted_one(network_and_files_forbidden):
    document = pdf.html_to_pdf(HOSTILE_HTML)
    assert network_and_files_forbidden == []
    assert images_in(document) == 0


def test_a_pdf_is_tagged_with_language_title_and_author():
    document = pdf.render_pdf(
        template="pdf/base.html",
        context={},
        title="A title <with> “marks”",
        author="Steph Cordon",
    )
    reader = pypdf.PdfReader(io.BytesIO(document))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title == "A title <with> “marks”"
    assert reader.metadata.author == "Steph Cordon"


def test_a_pdf_is_rendered_once_per_state_and_kept_in_storage(monkeypatch):
    renders = []
    real = pdf.html_to_pdf

    def counting(html, **kwargs):
        renders.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(pdf, "html_to_pdf", counting)
    html = pdf.render_html(template="pdf/base.html", context={}, title="One", author="A")
    first = pdf.cached_pdf(html=html, name="tests/7")
    second = pdf.cached_pdf(html=html, name="tests/7")
    assert first == second and len(renders) == 1
    stored = f"tests/7-{pdf.pdf_key(html)}.pdf"
    assert default_storage.exists(stored)
    # Another document's files are left alone, this one's older version is removed.
    other = pdf.cached_pdf(html=html + " ", name="tests/77")
    changed = html.replace("One", "Two")
    assert pdf.cached_pdf(html=changed, name="tests/7") != first
    assert len(renders) == 3
    assert not default_storage.exists(stored)
    assert default_storage.exists(f"tests/7-{pdf.pdf_key(changed)}.pdf")
    assert default_storage.exists(f"tests/77-{pdf.pdf_key(html + ' ')}.pdf")
    assert other


def test_a_pdf_asked_for_by_many_at_once_is_rendered_once(monkeypatch):
    renders = []
    real = pdf.html_to_pdf

    def slow(html, **kwargs):
        renders.append(html)
        time.sleep(0.5)  # a large report takes seconds: the others ask meanwhile
        return real(html, **kwargs)

    monkeypatch.setattr(pdf, "html_to_pdf", slow)
    html = pdf.render_html(template="pdf/base.html", context={}, title="Busy", author="A")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: pdf.cached_pdf(html=html, name="tests/busy"), range(4)))
    assert len(renders) == 1
    assert all(result == results[0] for result in results) and results[0].startswith(b"%PDF")


def test_pdfs_have_their_stylesheet_under_the_production_static_settings(
    settings, tmp_path, client
):
    """In production ``{% static %}`` names the hashed copy collectstatic made; the
    fetcher refused it, and every PDF came out without its stylesheet."""
    from django.core.management import call_command

    from tests.reports import factories as rf

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    html = pdf.render_html(template="pdf/base.html", context={}, title="Styled", author="A")
    stylesheet = re.search(r'href="(/static/css/pdf\.\w+\.css)"', html)
    assert stylesheet, "the PDF names the hashed stylesheet"
    assert pdf.static_path("https://pace.invalid" + stylesheet.group(1)) is not None

    report = rf.report(title="Styled report")
    content = client.get(report.get_pdf_url()).content
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages)
    # The running footer comes from the stylesheet's @page rules.
    assert "Page 1 of" in text
