"""Bring every board member's body permissions into line with their memberships.
Run daily: a membership that ends on a date stops granting access that day."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Q

from partnerships.services import member_permissions_sync


class Command(BaseCommand):
    help = "Grant and revoke board members' body permissions from their current memberships."

    def handle(self, *args, **options) -> None:
        users = (
            get_user_model()
            .objects.filter(Q(person__isnull=False) | Q(bodyuserobjectpermission__isnull=False))
            .distinct()
        )
        granted = revoked = 0
        for user in users:
            g, r = member_permissions_sync(user=user)
            granted, revoked = granted + g, revoked + r
        self.stdout.write(f"{users.count()} users checked, {granted} granted, {revoked} revoked")
