"""The page for a form refused for its CSRF token (``settings.CSRF_FAILURE_VIEW``),
in the site's own words instead of Django's bare "Forbidden (403)".

It happens when the page with the form was open while its owner signed in or out
in another window, when the form sat open across a sign-out, or when the browser
does not keep the site's cookies. What was typed is not lost: the browser kept it
(``static/js/keep-forms.mjs``), and the form gives it back when it is opened again.
The page never shows what was posted."""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


@never_cache
def csrf_failure(request, reason: str = ""):
    back = request.path
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    return render(
        request,
        "site/csrf_failure.html",
        {
            "back": back,
            "no_cookie": reason.startswith("CSRF cookie not set"),
            "signed_in": request.user.is_authenticated,
        },
        status=403,
    )
