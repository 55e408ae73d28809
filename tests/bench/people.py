"""The benchmark's two signed-in people (issue 20): a board member of a body deep in
the tree and a council officer, for ``measure.py signin`` and ``counts --as``.

The member is ``tests/signed_in_pages.py``'s ``deep_member()`` when that module is
there (the chair of the body whose pages it names), so that the pages measured are
their own body's. Otherwise, and for the officer, they are made as ``load.py`` makes
its board members, through the services, so that they hold the object permissions a
real member or officer holds, and made once: each measuring process finds them again
by their login name. Those passwords are unusable: they are only ever signed in by a
session made here, never through the sign-in form.

Call these inside a Django set up for the benchmark's database (``measure.setup``).
"""

#: Login names, and the people the benchmark signs in as.
LOGINS = {"member": "bench.member", "officer": "bench.officer"}
#: The backend that reads a signed-in session back; the first one in the settings,
#: django-axes', only throttles sign-ins and gives back no user.
BACKEND = "pace.core.permissions.KeptPermissionsBackend"


def deep_body():
    """The deepest body in the tree whose members have actions to report on: open
    (no end date past), not an Area Management Group (ten members at most), with an
    adopted plan that has actions. Among equals, the first made."""
    from django.db.models import Q
    from django.utils import timezone

    from partnerships.models import Body, BodyKind
    from strategy.models import PlanStatus

    today = timezone.localdate()
    body = (
        Body.objects.filter(
            action_plans__status=PlanStatus.ADOPTED, action_plans__actions__isnull=False
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exclude(kind=BodyKind.AREA_MANAGEMENT_GROUP)
        .distinct()
        .order_by("-level", "pk")
        .first()
    )
    if body is None:
        raise SystemExit("No body has an adopted action plan with actions: load the data first.")
    return body


def member():
    """The board member's login: ``tests.signed_in_pages.deep_member()``, or else
    ``bench.member`` with a current membership of ``deep_body()``."""
    try:
        from tests.signed_in_pages import deep_member
    except ModuleNotFoundError as missing:
        if missing.name != "tests.signed_in_pages":
            raise
    else:
        return deep_member()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from partnerships import services
    from partnerships.models import Membership, Person

    user = get_user_model().objects.filter(username=LOGINS["member"]).first()
    if user is None:
        user = get_user_model().objects.create_user(username=LOGINS["member"], password=None)
    person = Person.objects.filter(user=user).first() or services.person_save(
        person=Person(name="Bench Member", slug="bench-member", user=user)
    )
    if not Membership.objects.current().filter(person=person).exists():
        services.membership_save(
            membership=Membership(person=person, body=deep_body(), starts_on=timezone.localdate())
        )
    return user


def officer():
    """The officer's login: staff, in the officers' group (every model permission of
    the PACE apps, ``pace.core.roles``)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from pace.core.roles import OFFICERS_GROUP, officers_group_sync

    officers_group_sync()
    user = get_user_model().objects.filter(username=LOGINS["officer"]).first()
    if user is None:
        user = get_user_model().objects.create_user(
            username=LOGINS["officer"], password=None, is_staff=True
        )
    user.groups.add(Group.objects.get(name=OFFICERS_GROUP))
    return user


def login(who: str):
    """The login of ``who`` ("member" or "officer"), made if it is not there yet."""
    return {"member": member, "officer": officer}[who]()


def session_cookies(user) -> dict[str, str]:
    """A new signed-in session for ``user``, as signing in makes one (the session is
    stored, the sign-in signals run, the idle deadline is set): {cookie: value}."""
    from django.test import Client

    client = Client()
    client.force_login(user, backend=BACKEND)
    return {name: morsel.value for name, morsel in client.cookies.items()}


def open_actions(user, limit: int = 20) -> list[int]:
    """Open actions on the adopted plans of the bodies ``user`` is a member of: the
    ones a progress update can be posted on without changing their status."""
    from partnerships.models import Membership
    from strategy.models import Action, PlanStatus
    from strategy.models.plans import OPEN_ACTION_STATUSES

    bodies = Membership.objects.current().filter(person__user=user).values("body")
    return list(
        Action.objects.filter(
            plan__body__in=bodies,
            plan__status=PlanStatus.ADOPTED,
            status__in=OPEN_ACTION_STATUSES,
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
