"""The whole-data documents PACE publishes, each built from the records by the
worker and served from storage (``pace.documents.services``).

An app registers its documents in its ``documents.py``::

    register(
        "360giving.json",
        path="/funding/360giving.json",
        content_type="application/json",
        reads=("funding", "partnerships"),
        build=lambda site_url: ...,
    )

``build(site_url)`` returns the document's bytes (or text) as an anonymous visitor
may see it: it must read through the public selectors, as the pages do, since what
it returns is served to anyone. ``reads`` names the apps whose records it is made
from: a committed change to any of them has it built again. ``daily`` documents
depend on the day too (a calendar of the last year's meetings) and are also built
again each night.
"""

from collections.abc import Callable
from dataclasses import dataclass

from pace.core.cache import STORED_PATHS


@dataclass(frozen=True)
class Document:
    name: str
    path: str
    title: str
    content_type: str
    reads: frozenset[str]
    build: Callable[[str], bytes | str]
    #: ``attachment`` offers the file to save; ``inline`` lets a calendar subscribe.
    disposition: str = "inline"
    filename: str = ""
    #: The standard it follows, for the open-data page.
    standard: str = ""
    daily: bool = False

    @property
    def extension(self) -> str:
        return self.path.rsplit(".", 1)[-1]


#: Every registered document, by name, in the order they were registered.
documents: dict[str, Document] = {}


def register(name: str, *, path: str, reads: tuple[str, ...], **fields) -> Document:
    document = Document(name=name, path=path, reads=frozenset(reads), **fields)
    documents[name] = document
    # The page cache leaves them alone: they are served from storage, with their own
    # ETag and compression, and a visit builds nothing.
    STORED_PATHS.add(path)
    return document


def documents_reading(apps: frozenset[str]) -> list[Document]:
    """The documents made from any of ``apps`` (all of them for ``"*"``)."""
    if "*" in apps:
        return list(documents.values())
    return [document for document in documents.values() if document.reads & apps]
