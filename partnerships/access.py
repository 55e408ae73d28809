"""Who may see and do what across the bodies, loaded once per request.

A current member of a body holds guardian object permissions on it (see
``services.permissions``). Members also see, without editing, the bodies below
theirs, since those are accountable to them: that follows from the tree, so it is
worked out here from the member's own bodies' ``lft``/``rght`` ranges rather than
copied into a permission row per descendant. Officers hold the model-level
permissions through their group. Checks after the first cost no queries.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q

from pace.core.access import is_officer

from .models import Body, BodyGroupObjectPermission, BodyUserObjectPermission, subtree_q


@dataclass(frozen=True)
class _Range:
    tree_id: int
    lft: int
    rght: int

    def covers(self, body: Body) -> bool:
        return self.tree_id == body.tree_id and self.lft <= body.lft and body.rght <= self.rght


class BodyAccess:
    def __init__(self, user) -> None:
        self.user = user

    @cached_property
    def is_officer(self) -> bool:
        return is_officer(self.user, "partnerships.see_confidential")

    def _member_bodies(self, perm: str):
        if not (self.user.is_authenticated and self.user.is_active):
            return Body.objects.none()
        # Guardian's get_objects_for_user(..., accept_global_perms=False) gives the
        # same rows, after two content-type look-ups; the direct foreign-key
        # permission tables let this be one query.
        granted = {
            "permission__codename": perm,
            "permission__content_type__app_label": "partnerships",
        }
        by_user = BodyUserObjectPermission.objects.filter(user=self.user, **granted)
        by_group = BodyGroupObjectPermission.objects.filter(group__user=self.user, **granted)
        return Body.objects.filter(
            Q(pk__in=by_user.values("content_object_id"))
            | Q(pk__in=by_group.values("content_object_id"))
        )

    @cached_property
    def _seen_ranges(self) -> tuple[_Range, ...]:
        rows = self._member_bodies("see_confidential").values_list("tree_id", "lft", "rght")
        return tuple(_Range(*row) for row in rows)

    @cached_property
    def managed_body_ids(self) -> frozenset[int]:
        return frozenset(self._member_bodies("manage_plans").values_list("pk", flat=True))

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

    def can_manage(self, body: Body) -> bool:
        """Edit ``body``'s action plans and post progress: its own members only (and
        officers)."""
        if not self.user.is_authenticated:
            return False
        return self.is_officer or body.pk in self.managed_body_ids


def body_access(request) -> BodyAccess:
    """The request's ``BodyAccess``, made on first use."""
    access = getattr(request, "_body_access", None)
    if access is None or access.user is not request.user:
        access = request._body_access = BodyAccess(request.user)
    return access


def can_check_assemblies(user) -> bool:
    """The officers' Area Assemblies check: staff who may view meetings."""
    return is_officer(user, "partnerships.view_meeting")
