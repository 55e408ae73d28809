"""Django's model permissions, with what each person holds kept in the shared cache.

Every "officers only" check (``access.is_officer``) and the admin ask
``user.has_perm``, and Django's ``ModelBackend`` answers the first of a request
with two queries that build the name of every permission held: hundreds, for an
officer, on every page they open. ``KeptPermissionsBackend`` keeps those names
under the person in the shared cache (``fragments``), with the versions of the
tables of who holds what (``versions.permission_tables``: their own permissions,
their groups, and the groups' permissions), so a permission granted or taken
away is read afresh on the next request, and never from something a job must
remember to clear. What is on the user's own row (active, staff, superuser) is
read with the user on every request, as before.

A superuser, who holds every permission there is, is answered as Django answers
them: that list grows only with a migration, which no version watches."""

from django.contrib.auth.backends import ModelBackend

from . import fragments


class KeptPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if (
            not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
            or user_obj.is_superuser
        ):
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = fragments.cached(
                "permissions",
                reader=fragments.EVERYONE,
                key=[user_obj.pk],
                build=lambda: frozenset(
                    super(KeptPermissionsBackend, self).get_all_permissions(user_obj)
                ),
            )
        return user_obj._perm_cache
