"""Papers laid before a meeting: uploads checked for what they are, kept through
Django's storage, and the agenda packs brought up to date when they change.

What an upload is, is read from its content, never from its name or the browser's
word for it. Its name must end with one of the extensions of ``FILE_TYPES`` and its
content must be that kind of file: a PDF starts with ``%PDF-`` and opens, with its
pages counted; a Word, Excel or PowerPoint file is a ZIP whose
``[Content_Types].xml`` names the main part of that application, which is there; an
OpenDocument file is a ZIP whose first member, ``mimetype``, says which kind it is.
A program, a web page or an archive renamed ``.pdf`` is refused, as are macros
(``.docm``, a ``vbaProject.bin``, an OpenDocument ``Basic/`` folder) and a PDF that
needs a password. The old binary formats (``.doc``, ``.xls``, ``.ppt``) are refused
with a message asking for the current format: their content cannot be checked
without a parser for Microsoft's compound files, they are how macros usually
travel, and every office program of the last fifteen years saves the current
formats. Uploads larger than ``settings.PACE_PAPER_MAX_BYTES`` are refused.

A refused upload is a ``ValidationError`` on ``file`` and nothing is stored. A file
kept is named afresh (``papers/<year>/<month>/<random>.<ext>``), so the name it came
with, which may say what a confidential paper is about, is not in the storage.
A replaced or deleted paper's file is removed once the change commits; its history
keeps the record, not the file.
"""

import hashlib
import uuid
import xml.etree.ElementTree as ElementTree
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from ..models import Meeting, Paper
from ..models.papers import FILE_TYPES

MB = 1024 * 1024
ALLOWED = (
    "a PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) or OpenDocument "
    "(.odt, .ods or .odp) file"
)
#: The main part each Office format's ``[Content_Types].xml`` must name.
OOXML_MAIN = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
ODF = {"odt", "ods", "odp"}
#: The formats refused with a message saying what to save them as instead.
OLD_FORMATS = {
    "doc": "an old Word file (.doc): save it as a Word document (.docx) or a PDF",
    "xls": "an old Excel file (.xls): save it as an Excel workbook (.xlsx) or a PDF",
    "ppt": "an old PowerPoint file (.ppt): save it as a PowerPoint presentation (.pptx) or a PDF",
    "docm": "a Word document with macros (.docm): save it as a Word document (.docx)",
    "xlsm": "an Excel workbook with macros (.xlsm): save it as an Excel workbook (.xlsx)",
    "pptm": "a PowerPoint presentation with macros (.pptm): save it as a .pptx",
}
#: Parts of an archive read to check it; a larger one is not what it claims to be.
MAX_PART_BYTES = MB


@dataclass(frozen=True)
class CheckedUpload:
    """What an upload was found to be."""

    extension: str
    content_type: str
    size: int
    pages: int | None
    sha256: str


def _size_label(size: int) -> str:
    return f"{size // MB} MB" if size % MB == 0 else f"{size / MB:.1f} MB"


def _looks_like(head: bytes) -> str:
    start = head.lstrip().lower()
    if head.startswith(b"%PDF-"):
        return "a PDF"
    if head.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")):
        return "a program"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive or an Office document"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Office file"
    if start.startswith((b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml", b"<head")):
        return "a web page or other markup"
    return "another kind of file"


def _mismatch(extension: str, head: bytes) -> ValidationError:
    label = FILE_TYPES[extension][1]
    article = "an" if label[0] in "AEIOU" else "a"
    return ValidationError(
        "The selected file is named .%(ext)s but is not %(article)s %(label)s: it looks "
        "like %(what)s",
        code="content_mismatch",
        params={"ext": extension, "article": article, "label": label, "what": _looks_like(head)},
    )


def _macros() -> ValidationError:
    return ValidationError(
        "The selected file contains macros: save it without them and upload that",
        code="macros",
    )


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise KeyError(name)
    return archive.read(info)


def _check_pdf(upload, extension: str, head: bytes) -> int:
    if not head.startswith(b"%PDF-"):
        raise _mismatch(extension, head)
    upload.seek(0)
    try:
        reader = pypdf.PdfReader(upload)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                "The selected PDF needs a password to open: upload a copy without one",
                code="encrypted",
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged or hostile file
        if isinstance(error, pypdf.errors.DependencyError):
            raise ValidationError(
                "The selected PDF is encrypted: upload a copy without encryption",
                code="encrypted",
            ) from error
        raise ValidationError(
            "The selected file is named .pdf but cannot be read as a PDF: it may be damaged",
            code="content_mismatch",
        ) from error
    if pages == 0:
        raise ValidationError("The selected PDF has no pages", code="content_mismatch")
    return pages


def _check_ooxml(upload, extension: str, head: bytes) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            types = _read_part(archive, "[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as error:
        raise _mismatch(extension, head) from error
    # No document type, so no entity for the parser to expand.
    if b"<!DOCTYPE" in types.upper() or b"<!ENTITY" in types.upper():
        raise _mismatch(extension, head)
    try:
        root = ElementTree.fromstring(types)
    except ElementTree.ParseError as error:
        raise _mismatch(extension, head) from error
    parts = {
        element.get("PartName", "").lstrip("/"): element.get("ContentType", "")
        for element in root
        if element.tag.endswith("}Override") or element.tag == "Override"
    }
    if any("macroenabled" in kind.lower() for kind in parts.values()) or any(
        name.lower().endswith("vbaproject.bin") for name in names
    ):
        raise _macros()
    main = [name for name, kind in parts.items() if kind == OOXML_MAIN[extension]]
    if not main or main[0] not in names:
        raise _mismatch(extension, head)


def _check_odf(upload, extension: str, head: bytes) -> None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            first = members[0] if members else None
            if first is None or first.filename != "mimetype":
                raise _mismatch(extension, head)
            declared = _read_part(archive, "mimetype").strip()
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as error:
        raise _mismatch(extension, head) from error
    if declared != FILE_TYPES[extension][0].encode():
        raise _mismatch(extension, head)
    if any(m.filename.startswith(("Basic/", "Scripts/")) for m in members):
        raise _macros()


def paper_upload_check(upload: File) -> CheckedUpload:
    """What ``upload`` is, read from its content; a ``ValidationError`` (with a
    ``code``) saying what is wrong with it otherwise. Reads it, stores nothing."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension in OLD_FORMATS:
        raise ValidationError(
            "The selected file is %(what)s, and upload that",
            code="old_format",
            params={"what": OLD_FORMATS[extension]},
        )
    if extension not in FILE_TYPES:
        raise ValidationError(
            "The selected file must be %(allowed)s", code="wrong_type", params={"allowed": ALLOWED}
        )
    limit = settings.PACE_PAPER_MAX_BYTES
    too_large = ValidationError(
        "The selected file must be %(limit)s or smaller",
        code="too_large",
        params={"limit": _size_label(limit)},
    )
    if upload.size is not None and upload.size > limit:
        raise too_large
    digest, size = hashlib.sha256(), 0
    for chunk in upload.chunks():
        size += len(chunk)
        if size > limit:
            raise too_large
        digest.update(chunk)
    if size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    upload.seek(0)
    head = upload.read(512)
    pages = None
    if extension == "pdf":
        pages = _check_pdf(upload, extension, head)
    elif extension in OOXML_MAIN:
        _check_ooxml(upload, extension, head)
    else:
        _check_odf(upload, extension, head)
    upload.seek(0)
    return CheckedUpload(extension, FILE_TYPES[extension][0], size, pages, digest.hexdigest())


def agenda_packs_refresh(*, meeting: Meeting) -> None:
    """Once this commits, the worker brings the meeting's agenda packs up to date,
    if its agenda is published (``packs.agenda_pack_build``; it does nothing when
    the packs already are)."""
    if meeting.agenda_published_at is None:
        return
    from ..packs import agenda_pack_build

    transaction.on_commit(lambda: agenda_pack_build.enqueue(meeting.pk))


def _after_change(*, meeting_ids: set[int], removed: list[str]) -> None:
    storage = Paper._meta.get_field("file").storage
    for name in removed:
        transaction.on_commit(lambda name=name: storage.delete(name))
    for meeting in Meeting.objects.filter(pk__in=meeting_ids, agenda_published_at__isnull=False):
        agenda_packs_refresh(meeting=meeting)


def paper_save(*, paper: Paper, upload: File | None = None) -> Paper:
    """Add or change a paper. A new file, given as ``upload`` or just assigned to
    ``paper.file`` (as the admin's form does), is checked first
    (``paper_upload_check``): refused with a message on ``file``, nothing stored.
    Once this commits, a replaced file is removed and, if the agenda is published,
    the packs are rebuilt."""
    if upload is None and paper.file and not paper.file._committed:
        upload = paper.file.file
    if upload is not None:
        try:
            checked = paper_upload_check(upload)
        except ValidationError as error:
            raise ValidationError({"file": error.error_list}) from None
        paper.file = File(upload, name=f"{uuid.uuid4().hex}.{checked.extension}")
        paper.content_type, paper.size = checked.content_type, checked.size
        paper.pages, paper.sha256 = checked.pages, checked.sha256
    elif not paper.file:
        paper.content_type, paper.size, paper.pages, paper.sha256 = "", None, None, ""
    try:
        with transaction.atomic():
            before = (
                Paper.objects.select_for_update()
                .filter(pk=paper.pk)
                .values_list("file", "agenda_item__meeting_id")
                .first()
                if paper.pk
                else None
            )
            paper.full_clean()
            paper.save()  # stores a new file first
            old_file, old_meeting = before or ("", None)
            _after_change(
                meeting_ids={paper.agenda_item.meeting_id, old_meeting} - {None},
                removed=[old_file] if old_file and old_file != paper.file.name else [],
            )
    except BaseException:
        if upload is not None and paper.file and paper.file._committed:
            # Stored, but the row that would name it was not saved.
            paper.file.storage.delete(paper.file.name)
        raise
    return paper


def paper_delete(*, paper: Paper) -> None:
    """Remove a paper; its file is removed once this commits, and if the agenda is
    published the packs are rebuilt without it."""
    with transaction.atomic():
        name, meeting_id = paper.file.name, paper.agenda_item.meeting_id
        paper.delete()
        _after_change(meeting_ids={meeting_id}, removed=[name] if name else [])
