"""Public pages kept for signed-in readers, by what they may see.

The page cache serves only anonymous visitors, so a board member or an officer had
every public page rendered afresh for them, roll-ups, lists and all, though
everyone who may see the same records is shown the same page. ``kept_for_scope``
keeps the page's own parts (``{% keep %}`` in ``base.html``: its title, head,
breadcrumbs, content and closing scripts) in the shared cache under the reader's
scope (``BodyAccess.scope``: the bodies they sit on today and, for staff, their
permissions), the page's address and query and the day, with the versions of the
tables it was made from (``pace.core.fragments``); the next reader of that scope is sent them inside
``base.html`` rendered for them, with their own header, sign-out form, messages and
session timeout, and the view is not run. A committed change to any table the page
read makes it stale.

A view may be marked only if what it shows depends on nothing else: not on who the
reader is beyond their scope (their name, their own answers, a permission held in
their own name rather than through a group, as whistle-blowing reports are). What
moves with the clock within a day (a meeting passing from "upcoming" to "past") is
at most ``PACE_KEPT_PAGE_SECONDS`` old, as on the anonymous page cache. A page
holding a form with a CSRF token, one that sets a cookie, and any response but a
200 page built on ``base.html`` are never kept."""

from functools import wraps

from django.conf import settings
from django.shortcuts import render

from pace.core import fragments

from .access import body_access

#: The parts of ``base.html`` a page fills (``{% keep %}``).
PARTS = frozenset({"title", "head", "before_content", "content", "body_end"})
#: Headers a kept page does not carry: each response makes its own.
_OWN_HEADERS = frozenset({"content-length", "content-type", "etag", "last-modified", "date"})


def kept_for_scope(view):
    """Keep ``view``'s page for signed-in readers by scope (see the module)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = getattr(request, "user", None)
        if (
            settings.PACE_KEPT_PAGE_SECONDS <= 0
            or request.method != "GET"
            or user is None
            or not user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        query = tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))
        seconds = settings.PACE_KEPT_PAGE_SECONDS
        cache_key, found = fragments.look_up(
            "page", reader=body_access(request), key=(request.path, query), seconds=seconds
        )
        if found is not fragments.MISSING:
            return _sent_again(request, found)
        if cache_key is None:
            return view(request, *args, **kwargs)
        request._pace_keeping = noted = {}
        with fragments.keeping(cache_key, seconds=seconds) as keep:
            try:
                response = view(request, *args, **kwargs)
            finally:
                del request._pace_keeping
            nav_section = noted.pop("nav_section", None)
            if _keepable(response, noted):
                headers = {k: v for k, v in response.items() if k.lower() not in _OWN_HEADERS}
                keep({"parts": noted, "nav_section": nav_section, "headers": headers})
        return response

    return wrapped


def _keepable(response, parts: dict[str, str]) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and set(parts) == PARTS
        and not any("csrfmiddlewaretoken" in part for part in parts.values())
    )


def _sent_again(request, kept: dict):
    response = render(
        request,
        "base.html",
        {"kept_parts": kept["parts"], "nav_section": kept["nav_section"]},
    )
    for name, value in kept["headers"].items():
        response[name] = value
    return response
