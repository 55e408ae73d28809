# Over 300 lines, as one piece: each rule of an upload with its refusal and its download.
"""Papers on agenda items: each rule an upload must meet, with the refusal that says
what is wrong and stores nothing; what is kept of a file that passes; links; and who
may download a paper, with what headers."""

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from partnerships import services
from partnerships.models import AgendaItem, Meeting, Paper

from . import factories as f
from .paperfiles import odf_bytes, ooxml_bytes, pdf_bytes, pdf_pages, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    meeting = Meeting.objects.create(body=f.area()["amg"], title="Board", starts_at=timezone.now())
    return AgendaItem.objects.create(meeting=meeting, position=1, title="Budget")


def stored(settings) -> list[str]:
    """Every file in the default storage (each test has its own folder)."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def refused(item, name: str, data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as refusal:
        services.paper_save(
            paper=Paper(agenda_item=item, title="A paper"), upload=upload(name, data)
        )
    return refusal.value


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("open-sesame", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _odf_with_macros() -> bytes:
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(odf_bytes("odt")))
    with source, zipfile.ZipFile(out, "w") as archive:
        for member in source.infolist():
            archive.writestr(member, source.read(member))
        archive.writestr("Basic/Standard/Module1.xml", b"<script/>")
    return out.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ\x90\x00\x03" + b"\x00" * 200
DOCX = ooxml_bytes("docx")

# (name sent, content, the refusal's code, words of its message)
REFUSALS = [
    ("agenda.txt", b"Plain text", "wrong_type", "must be a PDF, Word (.docx)"),
    ("tool.exe", EXE, "wrong_type", "must be a PDF"),
    ("page.html", HTML, "wrong_type", "must be a PDF"),
    ("no-extension", pdf_bytes("A page"), "wrong_type", "must be a PDF"),
    ("report.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old_format", "save it as a Word document"),
    ("sums.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old_format", "Excel workbook (.xlsx)"),
    ("macro.docm", DOCX, "old_format", "with macros"),
    ("page.pdf", HTML, "content_mismatch", "named .pdf but is not a PDF: it looks like a web page"),
    ("tool.pdf", EXE, "content_mismatch", "it looks like a program"),
    ("archive.pdf", _zip({"a.txt": b"x"}), "content_mismatch", "looks like a ZIP archive"),
    ("word.pdf", DOCX, "content_mismatch", "is not a PDF"),
    ("broken.pdf", b"%PDF-1.7\n" + b"rubbish " * 50, "content_mismatch", "cannot be read as a PDF"),
    ("locked.pdf", _encrypted_pdf(), "encrypted", "needs a password"),
    ("report.docx", pdf_bytes("A page"), "content_mismatch", "named .docx but is not a Word"),
    ("report.docx", _zip({"word/document.xml": b"<w/>"}), "content_mismatch", "not a Word"),
    ("sums.xlsx", DOCX, "content_mismatch", "named .xlsx but is not an Excel"),
    ("slides.pptx", ooxml_bytes("xlsx"), "content_mismatch", "not a PowerPoint"),
    ("text.odt", odf_bytes("ods"), "content_mismatch", "named .odt but is not an OpenDocument"),
    ("text.odt", _zip({"content.xml": b"<x/>", "mimetype": b"x"}), "content_mismatch", "odt"),
    ("sums.ods", DOCX, "content_mismatch", "named .ods"),
    (
        "macro.docx",
        _zip(
            {
                "[Content_Types].xml": b"<Types/>",
                "word/vbaProject.bin": b"\x00",
                "word/document.xml": b"<w/>",
            }
        ),
        "macros",
        "contains macros",
    ),
    ("macro.odt", _odf_with_macros(), "macros", "contains macros"),
    ("empty.pdf", b"", "empty", "The selected file is empty"),
]


@pytest.mark.parametrize(
    "name, data, code, words", REFUSALS, ids=[f"{r[0]}-{r[2]}" for r in REFUSALS]
)
def test_an_upload_that_breaks_a_rule_is_refused_and_nothing_is_stored(
    item, settings, name, data, code, words
):
    error = refused(item, name, data)
    assert [e.code for e in error.error_dict["file"]] == [code]
    assert words in " ".join(error.message_dict["file"])
    assert not Paper.objects.exists()
    assert stored(settings) == []


def test_an_upload_too_large_is_refused_before_it_is_read(item, settings):
    settings.PACE_PAPER_MAX_BYTES = 2 * 1024 * 1024
    big = pdf_bytes("A page") + b"%" + b"x" * (2 * 1024 * 1024)
    error = refused(item, "big.pdf", big)
    assert error.message_dict["file"] == ["The selected file must be 2 MB or smaller"]
    assert error.error_dict["file"][0].code == "too_large"
    assert stored(settings) == []
    # Exactly the limit is allowed.
    settings.PACE_PAPER_MAX_BYTES = len(pdf_bytes("A page"))
    services.paper_save(
        paper=Paper(agenda_item=item, title="Small"), upload=upload("a.pdf", pdf_bytes("A page"))
    )


def test_a_file_whose_size_is_misreported_is_measured(item, settings):
    settings.PACE_PAPER_MAX_BYTES = 1000
    lying = upload("big.pdf", pdf_pages(40))
    lying.size = 10  # as a client could claim
    assert refused(item, "big.pdf", lying.read()).error_dict["file"][0].code == "too_large"


PASSES = [
    ("Budget report.PDF", pdf_pages(3), "application/pdf", 3),
    (
        "minutes.docx",
        ooxml_bytes("docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        None,
    ),
    (
        "sums.xlsx",
        ooxml_bytes("xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        None,
    ),
    (
        "slides.pptx",
        ooxml_bytes("pptx"),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        None,
    ),
    ("notes.odt", odf_bytes("odt"), "application/vnd.oasis.opendocument.text", None),
    ("sums.ods", odf_bytes("ods"), "application/vnd.oasis.opendocument.spreadsheet", None),
    ("slides.odp", odf_bytes("odp"), "application/vnd.oasis.opendocument.presentation", None),
]


@pytest.mark.parametrize("name, data, content_type, pages", PASSES, ids=[p[0] for p in PASSES])
def test_a_file_that_is_what_it_claims_is_kept_with_what_it_is(
    item, settings, name, data, content_type, pages
):
    paper = services.paper_save(
        paper=Paper(agenda_item=item, title="A paper"), upload=upload(name, data)
    )
    paper.refresh_from_db()
    assert paper.content_type == content_type
    assert paper.size == len(data)
    assert paper.pages == pages
    assert paper.sha256 == hashlib.sha256(data).hexdigest()
    # Kept under a name of its own, not the one it came with.
    extension = name.rsplit(".", 1)[1].lower()
    assert paper.file.name.startswith("papers/") and paper.file.name.endswith(f".{extension}")
    assert name.rsplit(".", 1)[0] not in paper.file.name
    assert stored(settings) == [paper.file.name]
    with paper.file.open("rb") as kept:
        assert kept.read() == data


def test_a_pdf_with_an_owner_password_only_opens_and_is_kept(item):
    writer = PdfWriter()
    writer.append(io.BytesIO(pdf_pages(2)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    paper = services.paper_save(
        paper=Paper(agenda_item=item, title="Restricted"), upload=upload("r.pdf", out.getvalue())
    )
    assert paper.pages == 2


def test_a_link_is_a_paper_without_a_file(item, settings):
    paper = services.paper_save(
        paper=Paper(agenda_item=item, title="Strategy", url="https://example.org/strategy.pdf")
    )
    assert not paper.is_upload and paper.get_absolute_url() == "https://example.org/strategy.pdf"
    assert paper.type_label == "Web page" and paper.size is None and stored(settings) == []


def test_a_paper_is_a_file_or_a_link_not_both_nor_neither(item, settings):
    with pytest.raises(ValidationError, match="not both"):
        services.paper_save(paper=Paper(agenda_item=item, title="Nothing"))
    with pytest.raises(ValidationError, match="not both"):
        services.paper_save(
            paper=Paper(agenda_item=item, title="Both", url="https://example.org/a.pdf"),
            upload=upload("a.pdf", pdf_pages(1)),
        )
    assert not Paper.objects.exists()
    assert stored(settings) == []  # the checked file was not kept either


def test_a_file_assigned_by_a_form_is_checked_too(item, settings):
    """The admin's form assigns the upload to the field: the service checks it as
    if it had been given, so no door stores an unchecked file."""
    paper = Paper(agenda_item=item, title="Sneaky")
    paper.file = SimpleUploadedFile("sneaky.pdf", HTML, content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.paper_save(paper=paper)
    assert stored(settings) == []


def test_replacing_or_deleting_a_file_removes_the_old_one_on_commit(
    item, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        paper = services.paper_save(
            paper=Paper(agenda_item=item, title="Draft"), upload=upload("a.pdf", pdf_pages(1))
        )
    first = paper.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.paper_save(paper=paper, upload=upload("b.pdf", pdf_pages(2)))
    assert paper.file.name != first and stored(settings) == [paper.file.name]
    with django_capture_on_commit_callbacks(execute=True):
        paper.title = "Final"
        services.paper_save(paper=paper)  # no new file: the file is kept
    assert stored(settings) == [paper.file.name]
    with django_capture_on_commit_callbacks(execute=True):
        services.paper_delete(paper=Paper.objects.get(pk=paper.pk))
    assert stored(settings) == [] and not Paper.objects.exists()


def test_a_file_is_removed_if_its_row_cannot_be_saved(item, settings, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("partnerships.services.papers._after_change", fail)
    with pytest.raises(RuntimeError):
        services.paper_save(
            paper=Paper(agenda_item=item, title="Lost"), upload=upload("a.pdf", pdf_pages(1))
        )
    assert stored(settings) == []


# --- Downloading a paper ---------------------------------------------------------


@pytest.fixture
def papers():
    """A public meeting with a public and a confidential item, each with a paper, and
    a meeting not open to the public with one; a member of the body, one of an
    unrelated body, and an officer."""
    bodies = f.area()
    amg = bodies["amg"]
    meeting = Meeting.objects.create(body=amg, title="Open meeting", starts_at=timezone.now())
    public = AgendaItem.objects.create(meeting=meeting, position=1, title="Plan")
    secret = AgendaItem.objects.create(
        meeting=meeting, position=2, title="Deal", is_confidential=True
    )
    private = Meeting.objects.create(
        body=amg, title="Closed", starts_at=timezone.now(), is_public=False
    )
    closed = AgendaItem.objects.create(meeting=private, position=1, title="Staffing")

    def paper(on, title, data=None, name="p.pdf"):
        return services.paper_save(
            paper=Paper(agenda_item=on, title=title),
            upload=upload(name, data or pdf_bytes(f"Text of {title}")),
        )

    member, outsider = f.person(with_login=True), f.person(with_login=True)
    f.member(amg, member)
    f.member(f.body(), outsider)
    return {
        "public": paper(public, "Area plan"),
        "sheet": paper(public, "Figures", odf_bytes("ods"), "figures.ods"),
        "secret": paper(secret, "Heads of terms"),
        "private": paper(closed, "Staffing review"),
        "link": services.paper_save(
            paper=Paper(agenda_item=public, title="Elsewhere", url="https://example.org/a.pdf")
        ),
        "member": member.user,
        "outsider": outsider.user,
        "officer": f.officer(),
        "other_meeting": Meeting.objects.create(body=amg, title="Other", starts_at=timezone.now()),
    }


def _get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("reader", ["anonymous", "outsider", "member", "officer"])
def test_a_public_paper_is_downloaded_by_anyone(client, papers, reader):
    paper = papers["public"]
    response = _get(client, papers.get(reader), paper.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="area-plan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == paper.file.open("rb").read()


@pytest.mark.parametrize(
    "key, reader, status",
    [
        ("secret", "anonymous", 404),
        ("secret", "outsider", 404),
        ("secret", "member", 200),
        ("secret", "officer", 200),
        ("private", "anonymous", 404),
        ("private", "outsider", 404),
        ("private", "member", 200),
        ("private", "officer", 200),
    ],
)
def test_a_confidential_paper_reaches_only_who_may_see_its_item(
    client, papers, key, reader, status
):
    response = _get(client, papers.get(reader), papers[key].get_absolute_url())
    assert response.status_code == status
    if status == 200:
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control
        assert b"Text of" in b"".join(response.streaming_content)
    else:
        assert papers[key].title not in response.content.decode()


def test_an_office_document_keeps_its_type(client, papers):
    response = client.get(papers["sheet"].get_absolute_url())
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response["Content-Disposition"] == 'attachment; filename="figures.ods"'


def test_a_paper_is_found_only_under_its_own_meeting(client, papers):
    officer = papers["officer"]
    other = papers["other_meeting"]
    for key in ("public", "secret"):
        url = f"/meetings/{other.pk}/papers/{papers[key].pk}/"
        assert _get(client, officer, url).status_code == 404


def test_a_link_or_a_lost_file_is_not_found(client, papers):
    assert (
        client.get(
            f"/meetings/{papers['link'].agenda_item.meeting_id}/papers/{papers['link'].pk}/"
        ).status_code
        == 404
    )
    paper = papers["public"]
    paper.file.storage.delete(paper.file.name)
    assert client.get(paper.get_absolute_url()).status_code == 404


def test_the_meeting_page_lists_the_papers_a_reader_may_see(client, papers):
    meeting = papers["public"].agenda_item.meeting
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Area plan" in page and papers["public"].get_absolute_url() in page
    assert "(PDF, " in page and "1 page)" in page
    assert "OpenDocument spreadsheet" in page and "https://example.org/a.pdf" in page
    assert "Heads of terms" not in page and papers["secret"].get_absolute_url() not in page
    client.force_login(papers["member"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Heads of terms" in page and papers["secret"].get_absolute_url() in page


# --- The admin ---------------------------------------------------------------------


def _item_form(item, **row) -> dict:
    data = {
        "meeting": item.meeting_id,
        "position": item.position,
        "title": item.title,
        "papers": "",
        "minutes": "",
        "paper_set-TOTAL_FORMS": "1",
        "paper_set-INITIAL_FORMS": "0",
        "paper_set-MIN_NUM_FORMS": "0",
        "paper_set-MAX_NUM_FORMS": "1000",
    }
    data.update({f"paper_set-0-{name}": value for name, value in row.items()})
    return data


def test_the_admin_uploads_papers_through_the_service(admin_client, item, settings):
    url = f"/admin/partnerships/agendaitem/{item.pk}/change/"
    assert admin_client.get(url).status_code == 200
    bad = SimpleUploadedFile("sneaky.pdf", HTML, content_type="application/pdf")
    response = admin_client.post(url, _item_form(item, position="1", title="Bad", file=bad))
    assert response.status_code == 200
    assert "is not a PDF: it looks like a web page" in response.content.decode()
    assert not Paper.objects.exists() and stored(settings) == []

    good = SimpleUploadedFile("plan.pdf", pdf_pages(2), content_type="application/pdf")
    response = admin_client.post(url, _item_form(item, position="1", title="Plan", file=good))
    assert response.status_code == 302
    paper = Paper.objects.get()
    assert paper.pages == 2 and paper.sha256 and stored(settings) == [paper.file.name]
    assert admin_client.get(f"/admin/partnerships/paper/{paper.pk}/change/").status_code == 200
