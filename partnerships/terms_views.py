"""Public pages of the terms of reference (agreement, Thematic Groups: each
partnership's terms "incorporate the core terms of reference"). Anonymous pages,
kept by the page cache like the rest of the structure's."""

from django.shortcuts import get_object_or_404, render

from . import terms_selectors
from .kept_pages import kept_for_scope
from .models import Body
from .views import _body_breadcrumbs


@kept_for_scope
def core_terms(request):
    """``/partnerships/terms/``: the core terms, the agreement's review date, and the
    bodies with terms of their own. Three queries.
    Template: partnerships/terms_core.html."""
    terms = terms_selectors.core_terms()
    return render(
        request,
        "partnerships/terms_core.html",
        {
            "core": terms,
            "versions": terms_selectors.terms_versions(terms),
            "bodies": list(terms_selectors.bodies_with_terms()),
            "breadcrumbs": [("Partnerships", "/partnerships/"), ("Terms of reference", None)],
            "nav_section": "partnerships",
        },
    )


@kept_for_scope
def body_terms(request, slug: str):
    """``/partnerships/<slug>/terms/``: the core terms the body inherits, then its own
    terms, its quorum, when they were adopted and are to be reviewed, and each
    version adopted. Five queries (four for a body at the top, which has no chain).
    Template: partnerships/terms_body.html."""
    body = get_object_or_404(Body, slug=slug)
    ancestors = list(body.get_ancestors())
    terms = terms_selectors.body_terms(body)
    return render(
        request,
        "partnerships/terms_body.html",
        {
            "body": body,
            "core": terms_selectors.core_terms(),
            "terms": terms,
            "versions": terms_selectors.terms_versions(terms),
            "breadcrumbs": _body_breadcrumbs(ancestors, body, link_body=True)
            + [("Terms of reference", None)],
            "nav_section": "partnerships",
        },
    )
