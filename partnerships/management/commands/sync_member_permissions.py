"""Bring every board member's body permissions into line with their memberships.
The worker runs this daily (the "member permissions" duty); access never depends on
it, since it is decided on each request from the memberships of the day."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from partnerships.notices import member_permissions


class Command(BaseCommand):
    help = "Grant and revoke board members' body permissions from their current memberships."

    def handle(self, *args, **options) -> None:
        self.stdout.write(member_permissions(timezone.localdate()))
