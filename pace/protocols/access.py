"""Who may read the protocols' records, decided on every request.

- Complaints: officers holding ``protocols.view_complaint`` (the officers' group
  holds it), in the admin; and the members of the day of the body a complaint is
  routed to, on their cases page, without the sender's name or address (officers
  write to the sender). Members of the bodies above or below see nothing of it.
- Whistle-blowing reports: only officers holding ``protocols.handle_whistleblowing``
  in their own name, and superusers. The officers' group holds every permission of
  the PACE apps (``pace.core.roles``), so a permission held through a group does not
  count: whoever is trusted with whistle-blowing is named one by one. No member of
  any body reads a report, the one it is routed to included.
- Disputes: officers in the admin; the members of the day of either body and of the
  Leaders Board it is referred to, on their cases page.
"""

from django.db.models import Q

from pace.core.access import is_officer
from partnerships.access import BodyAccess

WHISTLEBLOWING_PERMISSION = "protocols.handle_whistleblowing"


def can_handle_whistleblowing(user) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return WHISTLEBLOWING_PERMISSION in user.get_user_permissions()


def whistleblowing_handlers():
    """Every user for whom ``can_handle_whistleblowing`` holds (to write to them)."""
    from django.contrib.auth import get_user_model

    app_label, codename = WHISTLEBLOWING_PERMISSION.split(".")
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(
                user_permissions__codename=codename,
                user_permissions__content_type__app_label=app_label,
            )
        )
        .distinct()
    )


def sees_every_complaint(user) -> bool:
    return is_officer(user, "protocols.view_complaint")


def sees_every_dispute(user) -> bool:
    return is_officer(user, "protocols.view_dispute")


def complaints_q(access: BodyAccess) -> Q | None:
    """A filter for the complaints ``access``'s user may read on the cases page, or
    ``None`` for every one (an officer)."""
    if sees_every_complaint(access.user):
        return None
    return Q(routed_to__in=sorted(access.managed_body_ids))


def disputes_q(access: BodyAccess) -> Q | None:
    if sees_every_dispute(access.user):
        return None
    mine = sorted(access.managed_body_ids)
    return Q(body_a__in=mine) | Q(body_b__in=mine) | Q(referred_to__in=mine)
