"""Keep a board member's permissions current at login, for memberships that began
or ended on a date since anything was last saved."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .services.permissions import member_permissions_sync


@receiver(user_logged_in, dispatch_uid="partnerships_sync_member_permissions")
def sync_permissions_at_login(sender, request, user, **kwargs) -> None:
    member_permissions_sync(user=user)
