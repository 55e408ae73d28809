"""The address of the client a request came from: one rule, for sign-in throttling
(django-axes, ``AXES_CLIENT_IP_CALLABLE``) and for what one visitor may make the
page cache build.

Without a proxy in front of the app (``PACE_TRUSTED_PROXIES`` 0, the default) it is
``REMOTE_ADDR``, which a client cannot forge; ``X-Forwarded-For`` is ignored, since
anyone can send one. Behind ``N`` trusted proxies, each of which appends the address
it was reached from to ``X-Forwarded-For``, the outermost one appended the client's
own address, which is the ``N``th entry from the right: whatever a client writes into
the header itself stands to the left of it and is never read. If the header holds
fewer entries than that (a request that did not come through the proxies), the
address is ``REMOTE_ADDR``.

django-ipware was considered and left out: its current algorithm counts proxies the
other way (with one proxy it finds no address for an honest client whose request
carries one entry), so the rule is written here, where a test pins it down.
"""

import ipaddress

from django.conf import settings


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip().strip("[]")))
    except ValueError:
        return None


def client_address(request) -> str | None:
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.PACE_TRUSTED_PROXIES
    if not proxies:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote
    return _address(hops[-proxies]) or remote
