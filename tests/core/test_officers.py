"""The officers written to are exactly the users ``is_officer`` says are officers:
one rule, as a predicate for a request and as a queryset for sending."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from pace.core.access import is_officer, officers_holding
from pace.notifications.audiences import OFFICER_PERMISSION

from ..partnerships import factories as f

pytestmark = pytest.mark.django_db


def test_the_queryset_agrees_with_the_predicate():
    User = get_user_model()
    officer = f.officer()
    inactive = f.officer()
    inactive.is_active = False
    inactive.save()
    superuser = User.objects.create_superuser("root", "root@example.org", "x")
    staff_without = User.objects.create_user("clerk", is_staff=True)
    direct = User.objects.create_user("direct", is_staff=True)
    direct.user_permissions.add(Permission.objects.get(codename="view_message"))
    not_staff = User.objects.create_user("holder")
    not_staff.user_permissions.add(Permission.objects.get(codename="view_message"))
    member = f.person("Board Member", with_login=True).user
    everyone = [officer, inactive, superuser, staff_without, direct, not_staff, member]
    expected = {u.pk for u in everyone if is_officer(User.objects.get(pk=u.pk), OFFICER_PERMISSION)}
    assert expected == {officer.pk, superuser.pk, direct.pk}
    assert set(officers_holding(OFFICER_PERMISSION).values_list("pk", flat=True)) == expected
