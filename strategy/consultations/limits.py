"""How much one client may ask of the consultation pages in an hour, counted in the
cache every app server shares (Redis in production), as the alerts form counts
its requests (``pace.notifications.subscriptions``). The client is its address as
``pace.core.clients.client_address`` reads it, which a visitor cannot forge.

A limit here never refuses a response outright: a library or a drop-in session
sends many from one connection. Past the limit a response is held for officers'
moderation instead of counted (``response_services``); starting yet more
responses, or asking for yet more e-mails (per client, and per address a day), is
refused with a message."""

import hashlib

from django.conf import settings

from pace.core import limits as core_limits


def within(kind: str, client: str, limit: int, *, day: bool = False) -> bool:
    """Count one more ``kind`` of request from ``client`` this hour (or today);
    whether it is within ``limit`` (``pace.core.limits``)."""
    if day:
        return core_limits.within_day(f"consultations:{kind}", client, limit)
    return core_limits.within_hour(f"consultations:{kind}", client, limit)


def response_within_limit(client: str) -> bool:
    return within("responses", client, settings.PACE_CONSULTATION_RESPONSES_PER_CLIENT_PER_HOUR)


def start_within_limit(client: str) -> bool:
    return within("starts", client, settings.PACE_CONSULTATION_STARTS_PER_CLIENT_PER_HOUR)


def link_within_limit(client: str) -> bool:
    return within("links", client, settings.PACE_CONSULTATION_LINKS_PER_CLIENT_PER_HOUR)


def address_within_limit(address: str) -> bool:
    """Links sent to one e-mail address today, counted under a hash of it (the
    address itself is not kept, even in the cache)."""
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return within("address", digest, settings.PACE_CONSULTATION_LINKS_PER_ADDRESS_PER_DAY, day=True)
