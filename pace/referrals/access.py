"""Who may raise, answer, write to and read a referral: decided on every request
from the memberships valid today, through ``partnerships.access.BodyAccess`` (one
query for the reader's bodies, none after). Nothing here is stored.

- Raise: the members of the Area Board (who manage its plans), and officers.
- Answer: the members of the body it is raised to, and officers, while it is open.
- Write to the thread: the members of either body, and officers.
- Read: anyone, a public referral; a confidential one, the members of either body
  or of a body that either is accountable to (who see its private business), and
  officers. Anonymous visitors see the public ones only."""

from django.db.models import Q

from partnerships.access import BodyAccess
from partnerships.models import Body

from .models import RAISING_KINDS, Referral


def can_raise(access: BodyAccess, body: Body) -> bool:
    return body.kind in RAISING_KINDS and access.can_manage(body)


def raising_bodies(access: BodyAccess):
    """The Area Boards ``access``'s user may raise a referral for: their own, or
    every current one for an officer."""
    bodies = Body.objects.current().filter(kind__in=RAISING_KINDS).order_by("name")
    if access.is_officer:
        return bodies
    return bodies.filter(pk__in=access.managed_body_ids)


def can_answer(access: BodyAccess, referral: Referral) -> bool:
    return referral.is_open and access.can_manage(referral.to_body)


def speaks_for(access: BodyAccess, referral: Referral) -> list[Body]:
    """The bodies of the referral the user may write to its thread for: those they
    are a member of, or both for an officer."""
    return [body for body in referral.ends() if access.can_manage(body)]


def can_see(access: BodyAccess, referral: Referral) -> bool:
    return referral.is_public or any(access.can_see_confidential(body) for body in referral.ends())


def visible_q(access: BodyAccess | None) -> Q | None:
    """The referrals the reader may see, as a filter; ``None`` for all (officers).
    ``can_see`` is the same rule for one referral."""
    if access is None or not access.user.is_authenticated:
        return Q(is_public=True)
    if access.is_officer:
        return None
    q = Q(is_public=True)
    for prefix in ("from_body__", "to_body__"):
        q |= access.confidential_bodies_q(prefix=prefix)
    return q
