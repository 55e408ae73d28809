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
