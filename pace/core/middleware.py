"""Responses to signed-in people are theirs alone: never stored by a shared cache,
and their pages carry no ETag. Bad characters in the admin's query string get a
plain "Bad request"."""

from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers


class PrivateCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
        return response


class PublicConditionalGetMiddleware(ConditionalGetMiddleware):
    """Django's ETags and 304s, but for the pages of signed-in people.

    Each of those holds a CSRF token masked afresh for every response (the
    sign-out form, at least), so it never repeats and no ``If-None-Match`` can
    match it: hashing it was work for nothing on every signed-in page (0.7 ms for
    one of half a megabyte). What marks them is ``PrivateCacheMiddleware``'s
    ``private``, set inside this middleware. Their downloads (CSV, JSON, PDF),
    which can repeat, keep their ETags."""

    def needs_etag(self, response) -> bool:
        private = any(
            word.strip().lower() == "private"
            for word in cc_delim_re.split(response.get("Cache-Control", ""))
        )
        if private and response.get("Content-Type", "").startswith("text/html"):
            return False
        return super().needs_etag(response)


class AdminQueryNulMiddleware:
    """A NUL character in the admin's query string is answered with "Bad request".

    PostgreSQL cannot hold NUL in text, so a filter, a search or an autocomplete
    term containing one would fail inside Django's admin with a server error. The
    public pages' forms refuse NUL themselves, with a message on the field."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return render(request, "400.html", status=400)
        return self.get_response(request)
