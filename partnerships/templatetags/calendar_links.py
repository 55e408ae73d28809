"""The ``webcal://`` address of a calendar feed, for "Subscribe in your calendar".

Given a ``webcal://`` link, a calendar program subscribes to the feed and keeps
fetching it, where an ``https://`` link only downloads today's copy; pages offer
both. The address is made of two things only: the host Django has already checked
against ``ALLOWED_HOSTS`` (``request.get_host()``) and a path reversed from a URL
name, so nothing else a visitor sends can end up in it. The page cache keys every
page by that same host (``pace.core.cache.page_key``), so a stored page never
carries another host's link. It costs no query.
"""

from django import template
from django.core.exceptions import DisallowedHost
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def webcal_url(context, name: str, *args) -> str:
    """``webcal://<host><path of name>``, or ``""`` when there is no trustworthy
    host: a template rendered without a request, or the "Bad request" page Django
    shows for a host it refused (which extends the base template). Templates leave
    the subscribe link out then; the download link still works."""
    request = context.get("request")
    if request is None:
        return ""
    try:
        host = request.get_host()
    except DisallowedHost:
        return ""
    return f"webcal://{host}{reverse(name, args=args)}"
