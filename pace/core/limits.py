"""Holding back floods from residents' forms without a third-party CAPTCHA: counters
per client an hour and per e-mail address a day, kept in the cache every app server
shares (Redis in production, so they count together). The client is its address as
``pace.core.clients.client_address`` reads it, which a visitor cannot forge; an
e-mail address is counted under a keyed hash, so the cache holds no address.

One rule for every form that takes an address from someone without an account
(alerts, consultation links, questions at Area Assemblies): each says what it
counts and its allowance; the counting and the messages are here."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.crypto import salted_hmac

HOUR = 3600
DAY = 86400


def count(key: str, *, timeout: int) -> int:
    """One more under ``key`` (which names its own hour or day); the count so far."""
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def within_hour(kind: str, client: str, limit: int) -> bool:
    """Count one more ``kind`` of request from ``client`` this hour; whether it is
    within ``limit``."""
    return count(f"{kind}:{client}:{timezone.now():%Y%m%d%H}", timeout=HOUR) <= limit


def within_day(kind: str, who: str, limit: int) -> bool:
    return count(f"{kind}:{who}:{timezone.now():%Y%m%d}", timeout=DAY) <= limit


def address_key(address: str, *, salt: str) -> str:
    """A keyed hash of an e-mail address: the same address gives the same key, and
    without the site's secret no key can be traced back to it."""
    return salted_hmac(salt, address.strip().lower(), algorithm="sha256").hexdigest()


def allow(
    *,
    kind: str,
    client: str,
    address: str,
    per_client_hour: int,
    per_address_day: int,
    field: str = "email",
) -> None:
    """Count one request from ``client`` for ``address``; a ``ValidationError`` on
    ``field`` (code ``rate_limited``) when either is past its allowance."""
    if not within_hour(f"{kind}-client", client, per_client_hour):
        raise ValidationError(
            {
                field: ValidationError(
                    "Too many requests from your connection: try again in an hour.",
                    code="rate_limited",
                )
            }
        )
    key = address_key(address, salt=f"pace.limits.{kind}")
    if not within_day(f"{kind}-address", key, per_address_day):
        raise ValidationError(
            {
                field: ValidationError(
                    "This address has been used several times today: try again tomorrow.",
                    code="rate_limited",
                )
            }
        )


def clean_email(email: str, field: str = "email") -> str:
    """The address as typed, trimmed and in lower case, or a ``ValidationError`` on
    ``field`` that says what is wrong with it."""
    email = (email or "").strip().lower()
    if not email:
        message, code = "Enter your e-mail address.", "required"
    elif len(email) > 254:
        message, code = "Enter an e-mail address of 254 characters or fewer.", "max_length"
    else:
        try:
            EmailValidator()(email)
        except ValidationError:
            message, code = (
                "Enter an e-mail address in the right form, like name@example.com.",
                "invalid",
            )
        else:
            return email
    raise ValidationError({field: ValidationError(message, code=code)})
