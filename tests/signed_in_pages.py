"""One address of every page type a signed-in board member or officer uses, and the
two people who use them, for the tests that pin query counts across data sizes.

The pages are every public page of ``public_pages`` but the whole-data documents
(a member or officer is never served the page cache, so each of those pages is
rendered for them every time), then the pages only a signed-in person sees: the
member's home, their own body's page, plan, action and progress form, the officers'
checks, and the referrals, complaints, indicator and notification pages behind
sign-in. Records a member reads are their body's, the body ``deep_body`` picks.

The two people:

- ``deep_member()``: a board member of a body deep in the tree, who sees their
  body's private business besides what everyone sees;
- ``officer()``: a council officer (``pace.core.roles``), who sees the whole
  partnership on the same pages.

Board members never use the admin, and officers' admin pages are Django's
changelists, paged by the admin itself; they are not here."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef

from pace.referrals.models import Referral, ReferralStatus
from partnerships.models import Body, BodyKind, Meeting, Membership, Role
from partnerships.services.permissions import member_permissions_sync
from strategy.indicators.models import Indicator
from strategy.models import Action, ActionPlan, ExceptionReport, ExceptionStatus, PlanStatus

from .partnerships import factories
from .public_pages import DOCUMENTS, _first, public_pages


def deep_body(prefix: str = "scale") -> Body:
    """A working group under a thematic group (the deepest kind of body the scale
    data makes) with an adopted plan, or else the deepest body with one: the first
    the scale data made with ``prefix`` (``make_scale_data --prefix``) if it made
    one, so that a larger run's is a busier body than a smaller run's."""
    planned = Body.objects.filter(
        Exists(
            ActionPlan.objects.filter(
                body=OuterRef("pk"), status=PlanStatus.ADOPTED, actions__isnull=False
            )
        )
    ).current()
    made = planned.filter(slug__startswith=f"{prefix}-")
    if made.exists():
        planned = made
    working_group = planned.filter(
        kind=BodyKind.WORKING_GROUP, parent__kind=BodyKind.THEMATIC_GROUP
    ).order_by("pk")
    return working_group.first() or _first(planned.order_by("-level", "pk"))


def deep_member(prefix: str = "scale"):
    """The login of the chair of ``deep_body(prefix)``, made for them if they have
    none yet (the scale data's people have none). It has no usable password: the
    tests and the benchmark sign it in with a session of their own."""
    current = (
        Membership.objects.current().filter(body=deep_body(prefix)).select_related("person__user")
    )
    membership = current.filter(role=Role.CHAIR).order_by("pk").first() or _first(
        current.order_by("pk")
    )
    person = membership.person
    if person.user is None:
        person.user = get_user_model().objects.create_user(username=person.slug, password=None)
        person.save(update_fields=["user"])
        # As signing in would: guardian's copy of their memberships (never read by
        # PACE's own pages, but held by every real member).
        member_permissions_sync(user=person.user)
    return person.user


def officer():
    """A council officer: staff in the officers' group (``pace.core.roles``)."""
    return factories.officer()


def signed_in_pages(prefix: str = "scale") -> dict[str, str]:
    """{page type: address}: the public pages first, then those behind sign-in, the
    member's own on ``deep_body(prefix)``."""
    pages = {name: address for name, address in public_pages().items() if name not in DOCUMENTS}
    body = deep_body(prefix)
    plan = _first(ActionPlan.objects.filter(body=body, status=PlanStatus.ADOPTED).order_by("pk"))
    # Its busiest action, private if it has one: the page a member opens to report.
    action = _first(
        Action.objects.filter(plan=plan)
        .annotate(n=Count("updates"))
        .order_by("is_public", "-n", "pk")
    )
    meeting = _first(Meeting.objects.filter(body=body).order_by("-starts_at", "pk"))
    # The first open exception report and referral (a confidential one if any): an
    # officer may answer both; a member only those of their own body.
    exception = _first(ExceptionReport.objects.filter(status=ExceptionStatus.OPEN).order_by("pk"))
    referral = _first(
        Referral.objects.filter(status=ReferralStatus.OPEN).order_by("is_public", "pk")
    )
    indicator = _first(Indicator.objects.order_by("pk"))
    return {
        **pages,
        "dashboard": "/dashboard/",
        "own body": body.get_absolute_url(),
        "own plan": plan.get_absolute_url(),
        "own action": action.get_absolute_url(),
        "post an update": f"/actions/{action.pk}/update/",
        "own meeting": meeting.get_absolute_url(),
        "resolve an exception": f"/exceptions/{exception.pk}/resolve/",
        "open referral": referral.get_absolute_url(),
        "raise a referral": "/referrals/new/",
        "cases": "/complaints/cases/",
        "indicators": "/indicators/",
        "indicator": indicator.get_absolute_url(),
        "enter a value": f"/indicators/{indicator.slug}/values/new/",
        "notifications": "/account/notifications/",
        "gaps": "/dashboard/gaps/",
        "area assemblies": "/meetings/area-assemblies/",
        "governance checks": "/partnerships/checks/",
        "funding checks": "/funding/checks/",
        "consultation checks": "/consultations/officers/",
    }
