"""Signing out people who have stopped using the site, with a warning first.

A signed-in session ends after ``PACE_SESSION_IDLE_MINUTES`` without a request.
The deadline is kept in the session itself (so it is the same on every app
server) and moved on by each request; so that a page view does not cost a write to
the session table every time, it is moved only once less than half the period is
left (the page then says exactly when the session will end, and the timeout
warning, ``static/js/timeout.mjs``, opens ``PACE_SESSION_WARN_MINUTES`` before).
Signing in sets the first deadline. Past it, the next request is signed out before
any view sees it: a form sent then goes to the sign-in page like any request of
someone not signed in, and what was typed is kept in the browser
(``static/js/keep-forms.mjs``).

``session_extend`` is what the warning's "Stay signed in" button calls.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

#: The session key holding the deadline, in seconds since the epoch.
DEADLINE_KEY = "pace_idle_deadline"


def idle_seconds() -> int:
    return settings.PACE_SESSION_IDLE_MINUTES * 60


def deadline_set(session) -> float:
    deadline = time.time() + idle_seconds()
    session[DEADLINE_KEY] = deadline
    return deadline


def on_sign_in(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: the session's first deadline."""
    if request is not None and hasattr(request, "session"):
        deadline_set(request.session)


class IdleTimeoutMiddleware:
    """After the authentication and messages middleware. Sets
    ``request.session_seconds_left`` for a signed-in request (for the timeout
    warning), or signs out a session past its deadline and says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.session_seconds_left = None
        # Only a request with a session cookie can be signed in: anyone else's
        # request is not made to load a session it does not have.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = time.time()
            deadline = request.session.get(DEADLINE_KEY)
            # The admin has no warning to give yet, and an officer's long edit must
            # not be lost to a timeout it never showed: there, a request counts as
            # activity but never signs out.
            in_admin = request.path.startswith("/admin/")
            if deadline is not None and now >= deadline and not in_admin:
                logout(request)
                messages.info(
                    request,
                    "You were signed out because you had not used the site for "
                    f"{settings.PACE_SESSION_IDLE_MINUTES} minutes. Sign in again to go on "
                    "where you were: anything you had typed is kept in this browser.",
                )
            else:
                if deadline is None or deadline - now < idle_seconds() / 2 or now >= deadline:
                    deadline = deadline_set(request.session)
                request.session_seconds_left = int(deadline - now)
                request.session_warn_seconds = settings.PACE_SESSION_WARN_MINUTES * 60
        return self.get_response(request)


@never_cache
@require_POST
def session_extend(request):
    """``POST /accounts/session/extend/``: the warning's "Stay signed in". JSON with
    the seconds now left, or ``signed_in: false`` if the session has already ended
    (the middleware has signed it out)."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    deadline = deadline_set(request.session)
    return JsonResponse({"signed_in": True, "seconds_left": int(deadline - time.time())})
