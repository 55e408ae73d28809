"""Reads of referrals, shared by the pages and search: what a reader may see
(``access.visible_q``), with the joins their rows need."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from partnerships.access import BodyAccess
from partnerships.models import Body, Ward
from strategy.models import Action, ActionPlan, PlanStatus

from .access import visible_q
from .models import RECEIVING_KINDS, Referral, ReferralMessage, ReferralStatus

ROW_JOINS = ("from_body", "to_body")
DETAIL_JOINS = (
    "from_body",
    "to_body",
    "raised_by",
    "answered_by",
    "passed_to",
    "plan__body",
    "action__plan",
)


def visible_referrals(access: BodyAccess | None) -> QuerySet[Referral]:
    """Referrals the reader may see: the public ones, and the confidential ones of
    their bodies (and the bodies below theirs); every one for an officer."""
    q = visible_q(access)
    return Referral.objects.all() if q is None else Referral.objects.filter(q)


def public_referrals() -> QuerySet[Referral]:
    """What an anonymous visitor sees, and what search looks through."""
    return visible_referrals(None).select_related(*ROW_JOINS)


def referral_list(
    access: BodyAccess | None,
    *,
    status: str | None = None,
    from_body: Body | None = None,
    to_body: Body | None = None,
    ward: Ward | None = None,
) -> QuerySet[Referral]:
    """The referrals the reader may see, newest first, filtered. Rows only: page it
    with ``pace.core.pagination.page_by_key`` and ``referral_rows``."""
    referrals = visible_referrals(access)
    if status:
        referrals = referrals.filter(status=status)
    if from_body is not None:
        referrals = referrals.filter(from_body=from_body)
    if to_body is not None:
        referrals = referrals.filter(to_body=to_body)
    if ward is not None:
        referrals = referrals.filter(wards=ward)
    return referrals.order_by("-raised_on", "-pk")


def referral_rows() -> QuerySet[Referral]:
    return Referral.objects.select_related(*ROW_JOINS)


def referrals_for_body(body: Body, access: BodyAccess | None) -> QuerySet[Referral]:
    """The referrals ``body`` raised or received that the reader may see, newest
    first: for the body's page (one query; take the first few with
    ``pace.core.pagination.first_rows``)."""
    return (
        visible_referrals(access)
        .filter(Q(from_body=body) | Q(to_body=body))
        .select_related(*ROW_JOINS)
        .order_by("-raised_on", "-pk")
    )


def referral_detail(access: BodyAccess | None, pk: int) -> Referral | None:
    """Referral ``pk`` with what its page shows, or None when the reader may not see
    it (exactly as when it does not exist)."""
    return visible_referrals(access).select_related(*DETAIL_JOINS).filter(pk=pk).first()


def referral_messages(referral: Referral) -> list[ReferralMessage]:
    return list(referral.messages.select_related("author", "speaks_for"))


@dataclass(frozen=True)
class Chain:
    """Where a referral passed on came from, and where it went: the referrals before
    it (first first) and after it, those the reader may see."""

    before: list[Referral]
    after: list[Referral]


def referral_chain(referral: Referral, access: BodyAccess | None) -> Chain:
    """The referrals this one continues and those that continue it. One query for
    each referral in the chain (a chain is as long as the bodies it passed through:
    a handful), none for one never passed on."""
    before = []
    earlier_id = referral.passed_from_id
    while earlier_id is not None:
        earlier = Referral.objects.select_related("to_body").get(pk=earlier_id)
        before.insert(0, earlier)
        earlier_id = earlier.passed_from_id
    after = []
    current = referral
    while current.status == ReferralStatus.PASSED_ON:
        following = Referral.objects.select_related("to_body").filter(passed_from=current).first()
        if following is None:
            break
        after.append(following)
        current = following
    ids = [r.pk for r in before + after]
    seen = (
        set(visible_referrals(access).filter(pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )
    return Chain(
        before=[r for r in before if r.pk in seen], after=[r for r in after if r.pk in seen]
    )


@dataclass(frozen=True)
class Accepted:
    """What an accepted referral links to, as far as the reader may see it."""

    plan: ActionPlan | None
    action: Action | None


def accepted_into(referral: Referral, access: BodyAccess | None) -> Accepted:
    """The plan and action an accepted referral went into, each only if the reader
    may see it: by the rule of ``strategy.selectors.visible_plans`` and
    ``visible_actions`` (published plans and their public actions; members of the
    plan's body and the bodies above it see the rest), applied to the rows in
    hand."""
    plan, action = referral.plan, referral.action
    if plan is None:
        return Accepted(None, None)
    members = access is not None and access.can_see_confidential(plan.body)
    return Accepted(
        plan if (plan.is_published or members) else None,
        action
        if action is not None and ((plan.is_published and action.is_public) or members)
        else None,
    )


def receiving_bodies() -> QuerySet[Body]:
    """The bodies a referral may be raised or passed on to, in the structure's order."""
    return Body.objects.current().filter(kind__in=RECEIVING_KINDS).order_by("tree_id", "lft")


def answer_plans(referral: Referral) -> QuerySet[ActionPlan]:
    """The plans of the receiving body a referral may be accepted into: not closed."""
    return (
        ActionPlan.objects.filter(body=referral.to_body)
        .exclude(status=PlanStatus.CLOSED)
        .order_by("-starts_on", "title")
    )


def answer_actions(referral: Referral) -> QuerySet[Action]:
    return (
        Action.objects.filter(plan__in=answer_plans(referral))
        .select_related("plan")
        .order_by("plan__title", "title")
    )
