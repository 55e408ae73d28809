"""Board members' object permissions, a copy of their memberships for other tools.

PACE itself never reads these rows: who may see and do what is decided on every
request from the memberships valid that day (``partnerships.access``). The copy is
kept for guardian's own checks (``user.has_perm(perm, body)``) and reports: a current
member of a body holds guardian's ``see_confidential`` and ``manage_plans`` on it,
nobody else does. It is recomputed from the memberships, never patched one by one:
on every membership write, at each login, and daily by ``manage.py
sync_member_permissions``; a copy that is a day stale grants nothing.
"""

import datetime

from django.contrib.auth.models import Permission
from django.db import transaction

from ..models import BodyUserObjectPermission, Membership

MEMBER_PERMISSIONS = ("see_confidential", "manage_plans")


def _member_permissions() -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label="partnerships",
            content_type__model="body",
            codename__in=MEMBER_PERMISSIONS,
        )
    )


def member_permissions_sync(*, user, on: datetime.date | None = None) -> tuple[int, int]:
    """Make ``user``'s body permissions match their current memberships.

    Returns how many permissions were granted and revoked."""
    if user is None or user.pk is None:
        return (0, 0)
    permissions = _member_permissions()
    with transaction.atomic():
        body_ids = set(
            Membership.objects.current(on)
            .filter(person__user=user)
            .values_list("body_id", flat=True)
        )
        wanted = {(body_id, perm.pk) for body_id in body_ids for perm in permissions}
        held = BodyUserObjectPermission.objects.filter(
            user=user, permission__in=permissions
        ).values_list("pk", "content_object_id", "permission_id")
        have = {(body_id, perm_id): pk for pk, body_id, perm_id in held}
        stale = [pk for key, pk in have.items() if key not in wanted]
        missing = [key for key in wanted if key not in have]
        BodyUserObjectPermission.objects.filter(pk__in=stale).delete()
        BodyUserObjectPermission.objects.bulk_create(
            [
                BodyUserObjectPermission(
                    user=user, content_object_id=body_id, permission_id=perm_id
                )
                for body_id, perm_id in missing
            ]
        )
    # Django and guardian cache permissions on the user object; drop them.
    for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(attr, None)
    return (len(missing), len(stale))
