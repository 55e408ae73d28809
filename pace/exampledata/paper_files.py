"""Small PDFs for the example's uploaded papers, written by hand: one A4 page of
text in the standard Helvetica fonts. A few hundred bytes each and no renderer, so
loading the example stays fast (WeasyPrint is for the documents PACE publishes)."""

import textwrap

WIDTH = 88  # characters of 11 pt Helvetica on a line of A4 with 2 cm margins
LINES = 52  # lines on the page below the title


def _text(value: str) -> bytes:
    """A PDF string: Windows-1252 (the fonts' encoding), brackets and backslashes
    escaped."""
    raw = value.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _info(value: str) -> bytes:
    """A string of the document's information (title, author): UTF-16 with its byte
    order mark, as PDF allows for text outside its own encoding."""
    return b"<" + ("\ufeff" + value).encode("utf-16-be").hex().upper().encode() + b">"


def pdf(title: str, paragraphs: list[str], *, author: str = "") -> bytes:
    """A one-page PDF headed ``title`` with ``paragraphs`` below it (what does not
    fit on the page is left off)."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, WIDTH) or [""]
        lines.append("")
    stream = [b"BT /F1 16 Tf 57 780 Td 20 TL", _text(title) + b" Tj", b"/F2 11 Tf 15 TL T* T*"]
    stream += [_text(line) + b" Tj T*" for line in lines[:LINES]]
    stream.append(b"ET")
    content = b"\n".join(stream)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Title " + _info(title) + b" /Author " + _info(author) + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
