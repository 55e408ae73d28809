"""Who is an officer: the one predicate every app's "officers only" check calls.

An officer is an active member of staff holding the model permission a page or
record needs (through the "Partnership officers" group, ``roles``). Checking
``is_staff`` first spares board members, who are never staff, the permission
queries. What a board member may see and do is decided per body, from the
memberships valid today (``partnerships.access``)."""


def is_officer(user, permission: str) -> bool:
    """Whether ``user`` is an officer holding ``permission`` ("app_label.codename")."""
    return bool(
        user.is_authenticated and user.is_active and user.is_staff and user.has_perm(permission)
    )


def officers_holding(permission: str):
    """Every user for whom ``is_officer(user, permission)`` holds, as a queryset (to
    write to them): active staff holding the permission through a group or their own
    permissions, and active staff superusers."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    app_label, codename = permission.split(".", 1)
    held = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True) | Q(user_permissions__in=held) | Q(groups__permissions__in=held)
        )
        .distinct()
    )
