"""The officers' group: staff who run the partnership in the admin.

Officers hold every model permission of the PACE apps. Board members are never put
in a group with model-level permissions: guardian would treat a model permission as
a permission on every body (``accept_global_perms``)."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission

OFFICERS_GROUP = "Partnership officers"


def officers_group_sync(sender=None, **kwargs) -> Group:
    group, _ = Group.objects.get_or_create(name=OFFICERS_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label__in=settings.PACE_OFFICER_APPS
    ).exclude(content_type__model__in=["bodyuserobjectpermission", "bodygroupobjectpermission"])
    group.permissions.set(permissions)
    return group
