"""Who may see and do what across the bodies, decided on every request from the
memberships valid today.

A current member of a body sees its confidential items and private records, edits
its action plans and posts progress. Members also see, without editing, the bodies
below theirs, since those are accountable to them: that follows from the tree, so
it is worked out here from the member's own bodies' ``lft``/``rght`` ranges. Nothing
a scheduled job must remember to remove decides access: a membership that ended
yesterday grants nothing today, whether or not anything was saved since.
guardian's object permission rows (``services.permissions``) are a copy of the
same memberships for other tools, never read here. Officers hold the model-level
permissions through their group. One query for a member's bodies (none while they are
kept, until a membership, person or body changes); checks after the first cost
none.
"""

import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q
from django.utils import timezone

from pace.core import fragments
from pace.core.access import is_officer

from .models import Body, Membership, in_subtree, subtree_q


@dataclass(frozen=True)
class _Range:
    tree_id: int
    lft: int
    rght: int

    def covers(self, body: Body) -> bool:
        return in_subtree(self, body)


class BodyAccess:
    def __init__(self, user) -> None:
        self.user = user

    @cached_property
    def is_officer(self) -> bool:
        return is_officer(self.user, "partnerships.see_confidential")

    @cached_property
    def _bodies(self) -> tuple[tuple[int, _Range], ...]:
        """Each body the user is a member of today, with its place in the tree. Kept
        in the shared cache under the user and the day until a membership, a person
        or a body changes (``pace.core.fragments``), so that most signed-in pages
        cost no query for it; read afresh whenever any of those has changed."""
        if not (self.user.is_authenticated and self.user.is_active):
            return ()
        return fragments.cached(
            "member-bodies", reader=fragments.EVERYONE, key=[self.user.pk], build=self._read_bodies
        )

    def _read_bodies(self) -> tuple[tuple[int, _Range], ...]:
        today = timezone.localdate()
        current = Membership.objects.current(today).filter(person__user=self.user)
        rows = Body.objects.filter(pk__in=current.values("body_id")).values_list(
            "pk", "tree_id", "lft", "rght"
        )
        return tuple((pk, _Range(*place)) for pk, *place in rows)

    @property
    def _seen_ranges(self) -> tuple[_Range, ...]:
        return tuple(place for _, place in self._bodies)

    @cached_property
    def managed_body_ids(self) -> frozenset[int]:
        return frozenset(pk for pk, _ in self._bodies)

    @property
    def is_member_anywhere(self) -> bool:
        return bool(self._seen_ranges)

    def can_see_confidential(self, body: Body) -> bool:
        """Confidential items and private records of ``body``: its members, members of
        the bodies it is accountable to, and officers."""
        if not self.user.is_authenticated:
            return False
        return self.is_officer or any(r.covers(body) for r in self._seen_ranges)

    def confidential_bodies_q(self, prefix: str = "body__") -> Q | None:
        """A filter for rows whose body's confidential records the user may see, or
        ``None`` when they may see every body's (an officer)."""
        if self.is_officer:
            return None
        q = Q(pk__in=[])
        for r in self._seen_ranges:
            q |= subtree_q(r, prefix)
        return q

    @cached_property
    def scope(self) -> str:
        """What this reader may see, as a word of a cache key
        (``pace.core.fragments``): ``"public"`` for anyone who sees only what is
        published (anonymous visitors, and people signed in with no body); the
        bodies a member sits on, whose subtrees' private records they see; and for
        staff, their permissions, which decide what an officer sees. Readers with
        the same scope see the same records.

        Kept in the shared cache under the user, with what their own row says of
        them (staff, superuser: a table no version watches), until a table it was
        read from changes: a page kept for readers of the scope then costs one
        look-up for it, not one for their bodies and one for their permissions."""
        user = self.user
        if not (user.is_authenticated and user.is_active):
            return "public"
        return fragments.cached(
            "scope",
            reader=fragments.EVERYONE,
            key=[user.pk, user.is_staff, user.is_superuser],
            build=self._read_scope,
        )

    def _read_scope(self) -> str:
        user = self.user
        if user.is_staff or user.is_superuser:
            digest = hashlib.sha256(_permissions_held(user).encode()).hexdigest()[:32]
            staff = f"staff:{int(user.is_staff)}{int(user.is_superuser)}:{digest}"
        else:
            staff = ""
        bodies = ",".join(str(pk) for pk in sorted(self.managed_body_ids))
        if not (staff or bodies):
            return "public"
        return f"{staff};members:{bodies}"

    def can_manage(self, body: Body) -> bool:
        """Edit ``body``'s action plans and post progress: its own members only (and
        officers)."""
        if not self.user.is_authenticated:
            return False
        return self.is_officer or body.pk in self.managed_body_ids


def _permissions_held(user) -> str:
    """The permissions ``user`` holds, in their own name or through a group, as a
    word (every permission, for a superuser, is a word too). Those who hold the same
    permissions hold the same word. Read as every permission check reads them
    (``pace.core.permissions``): kept in the shared cache until who holds what
    changes, and read afresh on the next request after."""
    if user.is_superuser:
        return "all"
    return ",".join(sorted(user.get_all_permissions()))


def body_access(request) -> BodyAccess:
    """The request's ``BodyAccess``, made on first use."""
    access = getattr(request, "_body_access", None)
    if access is None or access.user is not request.user:
        access = request._body_access = BodyAccess(request.user)
    return access


def can_check_assemblies(user) -> bool:
    """The officers' Area Assemblies check: staff who may view meetings."""
    return is_officer(user, "partnerships.view_meeting")
