"""``/open-data/``: every whole-data document PACE publishes, the standard it follows,
its size, and when it was last built from the records (``pace.documents``)."""

from django.shortcuts import render

from pace.documents.services import published_documents
from partnerships.kept_pages import kept_for_scope


@kept_for_scope
def open_data(request):
    """Template: site/open_data.html."""
    return render(
        request,
        "site/open_data.html",
        {"published": published_documents(), "breadcrumbs": [("Open data", None)]},
    )
