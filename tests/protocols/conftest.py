"""A small partnership for the protocols' tests: a Leaders Board with a thematic
board and an Area Board (with its Management Group) under it, and one person of
each role the permission matrix names."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from partnerships.models import BodyKind, TermsOfReference

from ..partnerships import factories as f


def terms(body, **flags) -> TermsOfReference:
    return TermsOfReference.objects.create(
        body=body,
        purpose="Purpose",
        membership="Members",
        chair="A chair",
        reporting="Yearly",
        adopted_on=datetime.date(2024, 1, 1),
        review_on=datetime.date(2027, 1, 1),
        **flags,
    )


def login_member(body, name: str, email: str):
    person = f.person(name, with_login=True)
    person.email = email
    person.save()
    f.member(body, person)
    return person.user


def whistleblowing_officer():
    user = f.officer()
    user.email = "wb.officer@example.org"
    user.save()
    user.user_permissions.add(
        Permission.objects.get(
            codename="handle_whistleblowing", content_type__app_label="protocols"
        )
    )
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def tree():
    bodies = f.area()
    bodies["thematic"] = f.body(BodyKind.THEMATIC_BOARD, bodies["leaders"], name="Health Board")
    return bodies


@pytest.fixture
def people(tree):
    officer = f.officer()
    officer.email = "officer@example.org"
    officer.save()
    return {
        "anonymous": None,
        "routed_member": login_member(tree["area_board"], "Rita Routed", "rita@example.org"),
        "other_member": login_member(tree["thematic"], "Otto Other", "otto@example.org"),
        "officer": officer,
        "wb_officer": whistleblowing_officer(),
        "superuser": get_user_model().objects.create_superuser(
            username="root", password="pw-for-tests-only", email="root@example.org"
        ),
    }
