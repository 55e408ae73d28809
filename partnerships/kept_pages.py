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
their own name rather than through a group, as whistle-blowing reports are). A page
that shows the reader's own records of the partnership as well (the dashboard: the
actions they own) is marked ``kept_for_reader`` and kept for them alone. What
moves with the clock within a day (a meeting passing from "upcoming" to "past") is
at most ``PACE_KEPT_PAGE_SECONDS`` old, as on the anonymous page cache. A page that
sets a cookie, and any response but a 200 page built on ``base.html``, are never
kept.

A page with a form is kept without what belongs to one reader or one showing: each
CSRF token of the reader who was shown it (any string of the page that unmasks to
their secret, wherever it is) and each one-time submission key are kept as marks,
and every reader is sent their own token and a new key in their place. The marks
are made from the secret key, so no text of the records can put one on a page."""

import re
from functools import cache, wraps

from django.conf import settings
from django.middleware.csrf import CSRF_TOKEN_LENGTH, get_token
from django.middleware.csrf import _unmask_cipher_token as unmasked
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from pace.core import fragments
from pace.core.forms import SUBMISSION_KEY_ON_PAGE, new_submission_key

from .access import body_access

#: The parts of ``base.html`` a page fills (``{% keep %}``).
PARTS = frozenset({"title", "head", "before_content", "content", "body_end"})
#: Headers a kept page does not carry: each response makes its own.
_OWN_HEADERS = frozenset({"content-length", "content-type", "etag", "last-modified", "date"})
#: What could be a CSRF token (Django's are letters and digits).
_TOKEN = re.compile(rf"(?<![A-Za-z0-9])[A-Za-z0-9]{{{CSRF_TOKEN_LENGTH}}}(?![A-Za-z0-9])")


@cache
def _marks() -> tuple[str, str]:
    """What a kept page holds in place of the reader's CSRF token and of a
    submission key."""
    digest = salted_hmac("partnerships.kept_pages", "marks").hexdigest()
    return f"pace-token-{digest[:20]}", f"pace-key-{digest[20:40]}"


def kept_for_scope(view):
    """Keep ``view``'s page for signed-in readers by scope (see the module)."""
    return _kept(view, own=False)


def kept_for_reader(view):
    """Keep ``view``'s page, which also shows the reader's own records (the actions
    they own, their task list), for them alone: as ``kept_for_scope``, under their
    account as this request read it too, so a change to it (their name, their
    address: tables no version watches) is a page made afresh."""
    return _kept(view, own=True)


def _own_account(user) -> tuple:
    return (user.pk, user.get_username(), user.email, user.get_full_name())


def _kept(view, *, own: bool):
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
            "own-page" if own else "page",
            reader=body_access(request),
            key=(request.path, query, *(_own_account(user) if own else ())),
            seconds=seconds,
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
                parts = {name: _marked(request, part) for name, part in noted.items()}
                keep({"parts": parts, "nav_section": nav_section, "headers": headers})
        return response

    return wrapped


def _keepable(response, parts: dict[str, str]) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and set(parts) == PARTS
    )


def _marked(request, part: str) -> str:
    """``part`` with the reader's CSRF tokens and the submission keys marked."""
    token_mark, key_mark = _marks()
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        part = _TOKEN.sub(
            lambda found: token_mark if unmasked(found[0]) == secret else found[0], part
        )
    return SUBMISSION_KEY_ON_PAGE.sub(rf"\g<1>{key_mark}\g<2>", part)


def _filled(request, part: str) -> str:
    """A kept ``part`` with this reader's token and new submission keys."""
    token_mark, key_mark = _marks()
    if token_mark in part:
        part = part.replace(token_mark, get_token(request))
    while key_mark in part:
        part = part.replace(key_mark, new_submission_key(), 1)
    return part


def _sent_again(request, kept: dict):
    response = render(
        request,
        "base.html",
        {
            "kept_parts": {name: _filled(request, part) for name, part in kept["parts"].items()},
            "nav_section": kept["nav_section"],
        },
    )
    for name, value in kept["headers"].items():
        response[name] = value
    return response
