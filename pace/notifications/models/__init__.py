"""What PACE sends and to whom: the outbox (``outbox``), what each person chose to
receive (``preferences``), residents' alerts (``subscriptions``) and the scheduled
duties' record (``duties``)."""

from .duties import Duty, DutyStatus
from .outbox import Message, MessageStatus, Suppression
from .preferences import DigestItem, Frequency, Kind, Preference
from .subscriptions import Subscription

__all__ = [
    "DigestItem",
    "Duty",
    "DutyStatus",
    "Frequency",
    "Kind",
    "Message",
    "MessageStatus",
    "Preference",
    "Subscription",
    "Suppression",
]
