"""Holding back floods of ideas and voting links without a third-party CAPTCHA:
counters per client address an hour and per e-mail address a day, in the shared
cache (Redis in production, so every app server counts together), as the residents'
alerts do (``pace.notifications.subscriptions``). The e-mail address is counted
under a keyed hash, so the cache holds no address."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import salted_hmac

HOUR = 3600
DAY = 86400


def _count(key: str, timeout: int) -> int:
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def address_key(normalised_email: str) -> str:
    return salted_hmac("pace.funding.address", normalised_email, algorithm="sha256").hexdigest()


def allow(*, client: str, address: str, field: str = "email") -> None:
    """Count one request from ``client`` for ``address`` (a normalised e-mail
    address); raise a ``ValidationError`` on ``field`` when either is over its
    allowance (``PACE_BUDGETING_PER_CLIENT_PER_HOUR``,
    ``PACE_BUDGETING_PER_ADDRESS_PER_DAY``)."""
    now = timezone.now()
    per_client = _count(f"budgeting-client:{client}:{now:%Y%m%d%H}", HOUR)
    if per_client > settings.PACE_BUDGETING_PER_CLIENT_PER_HOUR:
        raise ValidationError(
            {
                field: ValidationError(
                    "Too many requests from your connection: try again in an hour.",
                    code="rate_limited",
                )
            }
        )
    per_address = _count(f"budgeting-address:{address_key(address)}:{now:%Y%m%d}", DAY)
    if per_address > settings.PACE_BUDGETING_PER_ADDRESS_PER_DAY:
        raise ValidationError(
            {
                field: ValidationError(
                    "This address has been used several times today: try again tomorrow.",
                    code="rate_limited",
                )
            }
        )
