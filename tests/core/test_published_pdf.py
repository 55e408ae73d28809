"""A published version's PDF is made by the worker, not in the officer's request,
from the version's own stored text, and written once: a second render (the worker
and a first visitor at the same moment) keeps the first and removes its own file."""

import hashlib
import io

import pypdf
import pytest
from django.core.files.storage import default_storage

from pace.core import pdf as pdf_module
from pace.core.models import PublishedVersion
from pace.core.publication import version_pdf_render_now, version_pdf_response, version_publish
from partnerships.models import Body

from ..notifications.conftest import run_worker
from ..partnerships import factories as f

pytestmark = pytest.mark.django_db


def _publish(record: Body) -> PublishedVersion:
    return version_publish(
        record=record,
        document="note",
        title="A note",
        author="Cheshire East Council",
        html="<h1>A note</h1><p>Published text.</p>",
    )


def test_publishing_renders_no_pdf_the_worker_does(monkeypatch, django_capture_on_commit_callbacks):
    renders = []
    real = pdf_module.html_to_pdf
    monkeypatch.setattr(
        "pace.core.publication.html_to_pdf", lambda *a, **k: renders.append(1) or real(*a, **k)
    )
    with django_capture_on_commit_callbacks(execute=True):
        version = _publish(f.body("leaders_board"))
    assert renders == [] and not version.pdf
    run_worker()
    version.refresh_from_db()
    assert renders == [1] and version.pdf
    with version.pdf.open("rb") as stored:
        pdf = stored.read()
    assert hashlib.sha256(pdf).hexdigest() == version.pdf_sha256
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata["/Keywords"] == f"sha256:{version.sha256}"
    assert reader.metadata["/Author"] == "Cheshire East Council"
    assert "Published text." in reader.pages[0].extract_text()


def test_the_pdf_is_written_once():
    version = _publish(f.body("leaders_board"))
    stale = PublishedVersion.objects.get(pk=version.pk)  # read before either render
    first = version_pdf_render_now(version)
    second = version_pdf_render_now(stale)  # renders too, but loses
    assert second.pdf.name == first.pdf.name and second.pdf_sha256 == first.pdf_sha256
    folder = first.pdf.name.rsplit("/", 1)[0]
    assert len(default_storage.listdir(folder)[1]) == 1  # the loser's file is gone


def test_a_version_whose_file_is_lost_is_rendered_again_from_its_kept_text():
    """A database restored without its media still serves what was published."""
    version = version_pdf_render_now(_publish(f.body("leaders_board")))
    default_storage.delete(version.pdf.name)
    response = version_pdf_response(version, filename="a-note.pdf")
    assert response.status_code == 200
    pdf = response.content
    assert "Published text." in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    again = PublishedVersion.objects.get(pk=version.pk)
    assert default_storage.exists(again.pdf.name)
    assert again.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
