"""Who may still receive a message when it is sent. A message about a body's private
business is queued for its members of the day, but the worker may send it later (a
retry, tomorrow's digest): it checks again, on the day it sends, that the address
is still entitled. The apps that know who is entitled register a check here, e.g.
``partnerships`` registers ``"member"``: ``"member:12"`` holds for the address of a
current member of body 12 or of a body above it.

A message with an audience nobody registered is withheld: failing closed."""

import datetime
from collections.abc import Callable

Check = Callable[[str, str, datetime.date], bool]

_checks: dict[str, Check] = {}


def audience_register(name: str, check: Check) -> None:
    """``check(address, argument, on)`` says whether ``address`` may receive, on
    ``on``, a message for the audience ``"<name>:<argument>"``."""
    _checks[name] = check


def audience_holds(audience: str, address: str, on: datetime.date) -> bool:
    if not audience:
        return True
    name, _, argument = audience.partition(":")
    check = _checks.get(name)
    return check is not None and check(address, argument, on)


#: Who counts as an officer for what PACE sends officers (the audience "officer",
#: the officers' digest, the choice of it on the account page): an officer who may
#: read the outbox (``pace.core.access.is_officer``).
OFFICER_PERMISSION = "notifications.view_message"


def _is_officer(address: str, argument: str, on: datetime.date) -> bool:
    from pace.core.access import officers_holding

    return officers_holding(OFFICER_PERMISSION).filter(email__iexact=address.strip()).exists()


audience_register("officer", _is_officer)
