"""Guardian's direct foreign-key object permissions for bodies: one indexed join per
check instead of the generic content-type table."""

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .bodies import Body


class BodyUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)


class BodyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)
