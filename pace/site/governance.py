"""``/partnerships/checks/``: the officers' governance checks on one page. The
partnership's own checks (``partnerships.governance_checks``: terms of reference,
their review, meeting frequency, quorum, the Annual Assembly, the agreement's
review) and the annual reports' (``pace.reports.annual_checks``), which the
partnerships app may not import: this app imports both (README, Layout). Nine
queries for the checks, however many bodies; the page is an officer's, never
stored in the page cache (it is signed in), but kept for the officers who hold the
same permissions until a table it read changes (``partnerships.kept_pages``)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from pace.reports.annual_checks import annual_reports_check
from partnerships.governance_checks import can_see_governance_checks, governance_checks
from partnerships.kept_pages import kept_for_scope


@kept_for_scope
def governance_checks_page(request):
    """Officers only: anonymous visitors are asked to sign in, anyone else refused.
    Template: site/governance_checks.html."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_see_governance_checks(request.user):
        raise PermissionDenied("Only partnership officers can see this page.")
    today = timezone.localdate()
    checks = governance_checks(on=today)
    reports = annual_reports_check(on=today)
    return render(
        request,
        "site/governance_checks.html",
        {
            "checks": checks,
            "reports": reports,
            "counts": governance_counts(checks, reports),
            "breadcrumbs": [("Partnerships", "/partnerships/"), ("Governance checks", None)],
            "nav_section": "partnerships",
        },
    )


def governance_counts(checks, reports) -> list[tuple[int, str]]:
    """(how many, what) for each check, in the page's order: the page's summary and
    the officers' daily digest (``notices``) say the same."""
    year = reports.year_label
    return [
        (checks.count("no_terms"), "bodies with no terms of reference"),
        (checks.count("review_overdue"), "bodies whose terms of reference are overdue for review"),
        (checks.count("frequency_not_met"), "bodies that met less often than their terms say"),
        (checks.count("inquorate"), "bodies with meetings held without a quorum this year"),
        (int(checks.annual_assembly_missing), f"Annual Assembly not arranged for {checks.on.year}"),
        (len(reports.missing), f"annual reports for {year} not presented"),
        (
            int(bool(checks.agreement_flag)),
            "partnership agreement review passed, due within 90 days or not recorded",
        ),
    ]
