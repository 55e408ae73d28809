"""The wards (cabinet report 6, "wards affected"): for each, what the partnership does
there, so residents can find what touches their own area. The bodies covering it,
its meetings, the plans and the grants that name it, each through the selector
every other page reads it by; this layer is the one that knows all four apps."""

from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import render

from funding.selectors import public_awards
from partnerships.access import body_access
from partnerships.kept_pages import kept_for_scope
from partnerships.models import Body, Ward
from partnerships.selectors import meetings_for
from strategy.models import ActionPlan

#: How many of each list a ward's page shows; the lists link to the rest.
SHOWN = 10


@kept_for_scope
def ward_list(request):
    """``/wards/``: every ward, by Area Board. Template: site/ward_list.html."""
    wards = Ward.objects.select_related("area_board").order_by("area_board__name", "name")
    return render(
        request,
        "site/ward_list.html",
        {"wards": list(wards), "breadcrumbs": [("Wards", None)]},
    )


@kept_for_scope
def ward_detail(request, slug: str):
    """``/wards/<slug>/``: the bodies covering the ward and, naming it, the meetings
    coming and held, the published action plans and the public grants. Template:
    site/ward_detail.html."""
    ward = Ward.objects.select_related("area_board").filter(slug=slug).first()
    if ward is None:
        raise Http404("No ward found")
    meetings = meetings_for(body_access(request)).filter(wards=ward)
    grants = public_awards().filter(wards=ward)
    grant_totals = grants.order_by().aggregate(count=Count("pk"), total=Sum("amount"))
    return render(
        request,
        "site/ward_detail.html",
        {
            "ward": ward,
            "bodies": list(Body.objects.current().filter(wards=ward).order_by("name")),
            "upcoming": list(meetings.upcoming()[:SHOWN]),
            "past": list(meetings.past()[:SHOWN]),
            "plans": list(
                ActionPlan.objects.published()
                .filter(wards=ward)
                .select_related("body")
                .order_by("-starts_on", "title")
            ),
            "grants": list(grants[:SHOWN]),
            "grant_count": grant_totals["count"],
            "grant_total": grant_totals["total"],
            "breadcrumbs": [("Wards", "/wards/"), (ward.name, None)],
        },
    )
