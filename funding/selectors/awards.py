"""Reads of funds and awards, with their joins applied. The public pages, the body
panel, the open-data exports, the officers' checks and the admin call these, so
they cannot disagree about what is public or what is flagged."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, ExtractYear

from pace.core.access import is_officer
from pace.core.dates import financial_year_label
from partnerships.models import Body, Declaration, Membership

from ..models import (
    COMPETITIVE_MECHANISMS,
    AwardStatus,
    Fund,
    GrantAward,
    Mechanism,
)

MONEY = DecimalField(max_digits=14, decimal_places=2)


def is_funding_officer(user) -> bool:
    """Officers see proposed and withdrawn awards and the checks: staff holding the
    permission to view awards (through the officers' group)."""
    return is_officer(user, "funding.view_grantaward")


def mfa_threshold() -> Decimal:
    """The Minimal Financial Assistance threshold (``PACE_SUBSIDY_MFA_THRESHOLD``)."""
    return Decimal(settings.PACE_SUBSIDY_MFA_THRESHOLD)


def _financial_year_start(field: str = "award_date"):
    """The year the financial year of ``field`` starts in (April to March), in SQL."""
    return ExtractYear(field) - Case(
        When(**{f"{field}__month__lt": 4}, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _in_force_on_award_date(prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_on__lte": OuterRef("award_date")}) & (
        Q(**{f"{prefix}ends_on__isnull": True})
        | Q(**{f"{prefix}ends_on__gte": OuterRef("award_date")})
    )


def _deciding_body():
    """The body that decided an award, in SQL: the round's Area Board for a
    participatory budgeting project, otherwise the body that decides the fund's
    awards."""
    return Coalesce("budgeting_project__round__area_board_id", "fund__decided_by_id")


def with_checks(awards: QuerySet[GrantAward]) -> QuerySet[GrantAward]:
    """Awards annotated with the subsidy-control and conflict-of-interest checks, in
    the same single query:

    - ``recipient_window_total``: what the recipient has had in approved and paid
      awards over the financial year of the award date (up to that date) and the two
      years before, with this award added (Subsidy Control Act 2022, s.36-37);
    - ``needs_subsidy_review``: the award is not from a competitive process, is not
      withdrawn, and that total is over ``PACE_SUBSIDY_MFA_THRESHOLD`` (exactly the
      threshold passes);
    - ``deciding_body_id``: the round's Area Board for a participatory budgeting
      project, otherwise the body that decides the fund's awards;
    - ``has_conflict``: on the award date, a member of the deciding body represented
      the recipient organisation, or has declared an interest in it, or also sat on
      the recipient body.
    """
    earlier = (
        GrantAward.objects.counting()
        .annotate(year_start=_financial_year_start())
        .filter(year_start__gte=OuterRef("year_start") - 2, award_date__lte=OuterRef("award_date"))
        .filter(
            Q(recipient_body=OuterRef("recipient_body"))
            | Q(recipient_organisation=OuterRef("recipient_organisation"))
        )
        .exclude(pk=OuterRef("pk"))
        .order_by()
        .values(total=Func(F("amount"), function="SUM", output_field=MONEY))
    )
    represents = Membership.objects.filter(
        Q(body=OuterRef("deciding_body_id"), organisation=OuterRef("recipient_organisation"))
        & _in_force_on_award_date()
    )
    declared = Declaration.objects.filter(
        Q(
            organisation=OuterRef("recipient_organisation"),
            person__memberships__body=OuterRef("deciding_body_id"),
        )
        & _in_force_on_award_date("person__memberships__")
    )
    sits_on_recipient = Membership.objects.filter(
        Q(body=OuterRef("recipient_body"), person__memberships__body=OuterRef("deciding_body_id"))
        & _in_force_on_award_date()
        & _in_force_on_award_date("person__memberships__")
    )
    threshold = mfa_threshold()
    return (
        awards.annotate(
            year_start=_financial_year_start(),
            recipient_earlier_total=Coalesce(
                Subquery(earlier, output_field=MONEY), Value(Decimal("0")), output_field=MONEY
            ),
            deciding_body_id=_deciding_body(),
        )
        .annotate(
            recipient_window_total=ExpressionWrapper(
                F("recipient_earlier_total") + F("amount"), output_field=MONEY
            )
        )
        .annotate(
            needs_subsidy_review=Case(
                When(
                    Q(recipient_window_total__gt=Value(threshold, output_field=MONEY))
                    & ~Q(status=AwardStatus.WITHDRAWN)
                    & ~Q(fund__mechanism__in=COMPETITIVE_MECHANISMS),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
            has_conflict=Exists(represents) | Exists(declared) | Exists(sits_on_recipient),
        )
    )


def subsidy_window_label(award: GrantAward) -> str:
    """The three financial years an annotated award's total covers: "2014/15 to 2016/17"."""
    return (
        f"{financial_year_label(award.year_start - 2)} to {financial_year_label(award.year_start)}"
    )


@dataclass(frozen=True)
class Conflict:
    person_name: str
    reason: str


def conflicts_for(awards: list[GrantAward]) -> dict[int, list[Conflict]]:
    """Who on the deciding body has an interest in each award's recipient, and why:
    three queries however many awards. ``awards`` must come from ``with_checks``."""
    body_ids = {a.deciding_body_id for a in awards}
    members = list(
        Membership.objects.filter(body_id__in=body_ids).select_related(
            "person", "organisation", "body"
        )
    )
    person_ids = {m.person_id for m in members}
    org_ids = {a.recipient_organisation_id for a in awards} - {None}
    declarations = list(
        Declaration.objects.filter(person_id__in=person_ids, organisation_id__in=org_ids)
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )
    recipient_body_ids = {a.recipient_body_id for a in awards} - {None}
    seats = list(
        Membership.objects.filter(
            person_id__in=person_ids, body_id__in=recipient_body_ids
        ).select_related("body")
    )
    result: dict[int, list[Conflict]] = {}
    for award in awards:
        found: list[Conflict] = []
        for m in members:
            if m.body_id != award.deciding_body_id or not m.is_current(award.award_date):
                continue
            role = f"{m.get_role_display().lower()} of {m.body.name}"
            name = m.person.name
            if (
                award.recipient_organisation_id
                and m.organisation_id == award.recipient_organisation_id
            ):
                found.append(Conflict(name, f"{role}, represents {m.organisation.name}"))
            for d in declarations:
                if (
                    d.person_id == m.person_id
                    and d.organisation_id == award.recipient_organisation_id
                ):
                    found.append(
                        Conflict(
                            name,
                            f"{role}, declared a {d.get_interest_type_display().lower()} "
                            f"interest in the recipient ({d.meeting.title})",
                        )
                    )
            for seat in seats:
                if (
                    seat.person_id == m.person_id
                    and seat.body_id == award.recipient_body_id
                    and seat.is_current(award.award_date)
                ):
                    found.append(Conflict(name, f"{role}, also a member of {seat.body.name}"))
        result[award.pk] = found
    return result


def public_awards() -> QuerySet[GrantAward]:
    """Approved and paid awards, with what their pages, lists and exports show."""
    return (
        GrantAward.objects.public()
        .select_related("fund", "recipient_body", "recipient_organisation")
        .order_by("-award_date", "title", "pk")
    )


def award_for_viewer(user, pk: int) -> GrantAward | None:
    """One award as ``user`` may see it, with its checks: officers see every award,
    anyone else only approved and paid ones. ``None`` if there is nothing to show."""
    awards = with_checks(
        GrantAward.objects.select_related(
            "fund",
            "fund__decided_by",
            "recipient_body",
            "recipient_organisation",
            "budgeting_project__round__area_board",
        )
    )
    if not is_funding_officer(user):
        awards = awards.public()
    return awards.filter(pk=pk).first()


@dataclass(frozen=True)
class Totals:
    by_year: list[dict]
    by_fund: list[dict]
    by_mechanism: list[dict]
    grand_total: Decimal
    count: int


def funding_totals(awards: QuerySet[GrantAward]) -> Totals:
    """Totals of ``awards`` by financial year, fund and mechanism: three queries."""
    plain = awards.order_by()
    by_year = list(
        plain.values("fund__financial_year")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("-fund__financial_year")
    )
    by_fund = list(
        plain.values(
            "fund_id", "fund__name", "fund__financial_year", "fund__amount", "fund__mechanism"
        )
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("-fund__financial_year", "fund__name")
    )
    by_mechanism = list(
        plain.values("fund__mechanism")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("fund__mechanism")
    )
    labels = dict(Mechanism.choices)
    for row in by_fund + by_mechanism:
        row["mechanism_label"] = labels.get(row["fund__mechanism"], "")
    return Totals(
        by_year=by_year,
        by_fund=by_fund,
        by_mechanism=by_mechanism,
        grand_total=sum((row["total"] for row in by_year), Decimal("0")),
        count=sum(row["count"] for row in by_year),
    )


def filtered_awards(
    *,
    area: Body | None = None,
    year: str | None = None,
    fund: str | None = None,
    mechanism: str | None = None,
    status: str | None = None,
    ward=None,
) -> QuerySet[GrantAward]:
    """The public awards ``/funding/`` lists, filtered by what is given. A ward is one
    the grant names (``GrantAward.wards``). An area is
    an Area Board: the grants it decided and those to the bodies in its part of the
    tree (its town partnerships, say)."""
    awards = public_awards()
    if area is not None:
        awards = awards.annotate(deciding_body_id=_deciding_body()).filter(
            Q(deciding_body_id=area.pk)
            | Q(
                recipient_body__tree_id=area.tree_id,
                recipient_body__lft__gte=area.lft,
                recipient_body__rght__lte=area.rght,
            )
        )
    if ward is not None:
        awards = awards.filter(wards=ward)
    lookups = {
        "fund__financial_year": year,
        "fund_id": fund,
        "fund__mechanism": mechanism,
        "status": status,
    }
    return awards.filter(**{key: value for key, value in lookups.items() if value})


#: How many of the grants a body decided its page lists; the rest are on /funding/.
DECIDED_SHOWN = 20


@dataclass(frozen=True)
class Decided:
    grants: list[GrantAward]
    count: int
    total: Decimal


def body_decided_grants(body: Body) -> Decided:
    """The latest public grants ``body`` decided (``DECIDED_SHOWN`` of them), with
    how many there are and what they add up to: one query (the count and total are
    window aggregates over every row, computed before the limit)."""
    grants = list(
        public_awards()
        .annotate(deciding_body_id=_deciding_body())
        .filter(deciding_body_id=body.pk)
        .annotate(
            decided_count=Window(Count("pk")),
            decided_total=Window(Sum("amount"), output_field=MONEY),
        )[:DECIDED_SHOWN]
    )
    if not grants:
        return Decided(grants=[], count=0, total=Decimal("0"))
    return Decided(grants=grants, count=grants[0].decided_count, total=grants[0].decided_total)


def body_grants(body) -> list[GrantAward]:
    """The public grants a body of the partnership received: one query."""
    return list(public_awards().filter(recipient_body=body))


def fund_with_spend(pk: int) -> Fund | None:
    """A fund with what its approved and paid awards add up to."""
    return Fund.objects.select_related("decided_by").with_spent().filter(pk=pk).first()
