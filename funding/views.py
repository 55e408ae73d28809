"""Public pages of funds and grants, the open-data exports, and the officers'
checks page."""

from decimal import Decimal

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from pace.core import fragments
from pace.core.cache import cache_params
from pace.documents.services import stored_document_response
from partnerships.forms import valid_choices
from partnerships.kept_pages import kept_for_scope
from partnerships.models import Organisation

from . import charts, selectors
from .forms import FundingFilterForm, ResourceFilterForm
from .models import Fund, GrantAward


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@cache_params(FundingFilterForm, "page")
@kept_for_scope
def funding_index(request):
    """Totals by year, fund and mechanism, and the awards, filtered by area, year,
    fund, mechanism and status; a filter in error filters nothing and says why.
    Template: funding/index.html."""
    funds = list(Fund.objects.order_by("-financial_year", "name"))
    form = FundingFilterForm(request.GET or None, funds=funds)
    chosen = valid_choices(form)
    awards = selectors.filtered_awards(**chosen)
    page = Paginator(awards, 50).get_page(request.GET.get("page"))
    # Public awards only, the same for every reader: kept until the data changes
    # (pace.core.fragments), by the filters chosen.
    summary = fragments.cached(
        "funding-summary",
        reader=fragments.EVERYONE,
        key=sorted((name, str(getattr(value, "pk", value))) for name, value in chosen.items()),
        build=lambda: {
            "totals": selectors.funding_totals(awards),
            # The same awards drawn: a query each (funding/charts.py).
            "year_chart": charts.by_year_chart(selectors.by_year_and_mechanism(awards)),
            "area_chart": charts.by_body_chart(selectors.by_deciding_body(awards)),
        },
    )
    return render(
        request,
        "funding/index.html",
        {
            "form": form,
            "filtered": any(chosen.values()),
            **summary,
            "page": page,
            "nav_section": "funding",
        },
    )


@kept_for_scope
def award_detail(request, pk: int):
    """One award. Proposed and withdrawn awards are officers' business: anyone else
    gets a 404. Template: funding/award_detail.html."""
    award = selectors.award_for_viewer(request.user, pk)
    if award is None:
        raise Http404("No grant found")
    is_officer = selectors.is_funding_officer(request.user)
    project = getattr(award, "budgeting_project", None)
    return render(
        request,
        "funding/award_detail.html",
        {
            "award": award,
            "project": project,
            "targets": list(award.outcome_targets.select_related("outcome")),
            "priorities": list(award.priorities.all()),
            "wards": list(award.wards.all()),
            "is_officer": is_officer,
            "evidence_overdue": award.evidence_is_overdue(timezone.localdate()),
            "conflicts": selectors.conflicts_for([award])[award.pk] if is_officer else [],
            "window": selectors.subsidy_window_label(award),
            "threshold": selectors.mfa_threshold(),
            "breadcrumbs": [
                ("Funding", "/funding/"),
                (award.fund.name, award.fund.get_absolute_url()),
                (award.title, None),
            ],
            "nav_section": "funding",
        },
    )


#: Commitments a page of /funding/resources/ lists.
RESOURCES_PAGE_SIZE = 50


@cache_params(ResourceFilterForm, "page")
@kept_for_scope
def resources(request):
    """What partners commit to the partnership (agreement 5.1): staff time, revenue
    and capital, to action plans and to funds, filtered by year, partner and kind,
    with the totals of what is filtered. Template: funding/resources.html."""
    shown = selectors.commitments()
    years = sorted(set(shown.values_list("financial_year", flat=True)), reverse=True)
    partners = Organisation.objects.filter(pk__in=shown.values("partner")).order_by("name")
    form = ResourceFilterForm(request.GET or None, years=years, partners=partners)
    chosen = valid_choices(form)
    rows = selectors.filtered_commitments(**chosen)
    return render(
        request,
        "funding/resources.html",
        {
            "form": form,
            "filtered": any(chosen.values()),
            "totals": selectors.resource_totals(rows),
            "page": Paginator(rows, RESOURCES_PAGE_SIZE).get_page(request.GET.get("page")),
            "breadcrumbs": [("Funding", "/funding/"), ("What partners commit", None)],
            "nav_section": "funding",
        },
    )


#: Awards a page of a fund lists.
FUND_PAGE_SIZE = 50


@cache_params("page")
@kept_for_scope
def fund_detail(request, pk: int):
    """A fund: its decision, what it serves, its public awards a page at a time
    (``?page=``) and, for participatory budgeting, its rounds and projects. What it
    has spent is over every award, not the page. Template: funding/fund_detail.html."""
    fund = selectors.fund_with_spend(pk)
    if fund is None:
        raise Http404("No fund found")
    awards = selectors.public_awards().filter(fund=fund)
    contributors = selectors.fund_contributors(fund)
    return render(
        request,
        "funding/fund_detail.html",
        {
            "fund": fund,
            "left": fund.amount - fund.spent,
            "page": Paginator(awards, FUND_PAGE_SIZE).get_page(request.GET.get("page")),
            "rounds": selectors.fund_rounds(fund),
            "contributors": contributors,
            "pledged": sum((row.amount for row in contributors), Decimal("0")),
            "priorities": list(fund.priorities.all()),
            "outcomes": list(fund.outcomes.all()),
            "breadcrumbs": [("Funding", "/funding/"), (fund.name, None)],
            "nav_section": "funding",
        },
    )


@require_safe
def grants_360_json(request):
    """The public awards as a 360Giving Data Standard package, as last built
    (``funding/documents.py``)."""
    return stored_document_response(request, "360giving.json")


@require_safe
def grants_360_csv(request):
    """The same awards as 360Giving's flat CSV."""
    return stored_document_response(request, "360giving.csv")


@require_safe
def transparency_csv(request):
    """Local Government Transparency Code 2015: grants to VCSE organisations."""
    return stored_document_response(request, "transparency.csv")


@kept_for_scope
def checks(request):
    """Officers' checks: awards flagged for subsidy-control review and conflicts of
    interest, with the figures and who. Template: funding/checks.html."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not selectors.is_funding_officer(request.user):
        raise PermissionDenied
    flagged = list(
        selectors.with_checks(
            GrantAward.objects.select_related("fund", "recipient_body", "recipient_organisation")
        )
        .filter(needs_subsidy_review=True)
        .order_by("-award_date", "pk")
    )
    conflicted = list(
        selectors.with_checks(
            GrantAward.objects.select_related("fund", "recipient_body", "recipient_organisation")
        )
        .filter(has_conflict=True)
        .order_by("-award_date", "pk")
    )
    conflicts = selectors.conflicts_for(conflicted)
    threshold = selectors.mfa_threshold()
    return render(
        request,
        "funding/checks.html",
        {
            "subsidy": [
                (a, selectors.subsidy_window_label(a), a.recipient_window_total - threshold)
                for a in flagged
            ],
            "conflicted": [(a, conflicts[a.pk]) for a in conflicted],
            "evidence_overdue": list(
                GrantAward.objects.evidence_overdue(timezone.localdate())
                .select_related("fund", "recipient_body", "recipient_organisation")
                .order_by("planned_end_on", "pk")
            ),
            "threshold": threshold,
            "breadcrumbs": [("Funding", "/funding/"), ("Checks", None)],
            "nav_section": "funding",
        },
    )
