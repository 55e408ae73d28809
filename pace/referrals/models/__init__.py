"""Referrals of local needs (cabinet report 5.6.3): the referral and its answer
(``referrals``), and its thread (``messages``)."""

from .messages import ReferralMessage
from .referrals import (
    RAISING_KINDS,
    RECEIVING_KINDS,
    TEXT_MAX,
    TITLE_MAX,
    Referral,
    ReferralQuerySet,
    ReferralStatus,
    WebAddressField,
)

__all__ = [
    "RAISING_KINDS",
    "RECEIVING_KINDS",
    "TEXT_MAX",
    "TITLE_MAX",
    "Referral",
    "ReferralMessage",
    "ReferralQuerySet",
    "ReferralStatus",
    "WebAddressField",
]
