"""Reading the stored open-data documents in tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from pace.documents.models import StoredDocument
from pace.documents.services import document_build_now


def body(response) -> bytes:
    """A document's bytes, whether it came as a file from storage (a streamed
    ``FileResponse``) or as a page."""
    return response.getvalue()


def rebuilt(*names: str) -> None:
    """What the worker does when a change commits: build the documents again. A test
    runs in one transaction that never commits, so it does this itself after a change
    it wants a document to show."""
    for name in names:
        document_build_now(name)


def build_queries(name: str) -> int:
    """The queries of one build of ``name``, made as on a new site (its stored row
    made, not replaced), so that builds at two sizes of the data compare."""
    StoredDocument.objects.filter(name=name).delete()
    with CaptureQueriesContext(connection) as queries:
        document_build_now(name)
    return len(queries)
