"""The decision log and the forward plan (agreement 3.1b, 3.5f): every body's
decisions in one place, found by words, body, priority and date, and the decisions
coming, published ahead. Who sees a decision is ``partnerships.selectors.
visible_decisions``; the strategy's priorities come from here, the layer that knows
both (README, "Layout")."""

import datetime

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from pace.core.cache import cache_params
from partnerships.access import body_access
from partnerships.forms import valid_choices
from partnerships.kept_pages import kept_for_scope
from partnerships.models import Declaration, ForwardPlanEntry
from partnerships.selectors import visible_decisions, vote_label

from .forms import DecisionFilterForm, ForwardPlanFilterForm

PAGE_SIZE = 25


def _matching(decisions, words: str):
    """Decisions whose title or text holds every word."""
    for word in words.split():
        decisions = decisions.filter(Q(title__icontains=word) | Q(text__icontains=word))
    return decisions


@cache_params(DecisionFilterForm, "page")
@kept_for_scope
def decision_log(request):
    """``/decisions/``: the decisions of every body, the latest first. Template:
    site/decision_log.html."""
    form = DecisionFilterForm(request.GET or None)
    chosen = valid_choices(form)
    decisions = visible_decisions(body_access(request))
    if chosen.get("q"):
        decisions = _matching(decisions, chosen["q"])
    if chosen.get("body"):
        decisions = decisions.filter(meeting__body=chosen["body"])
    if chosen.get("priority"):
        decisions = decisions.filter(priorities=chosen["priority"])
    if chosen.get("since"):
        decisions = decisions.filter(decided_on__gte=chosen["since"])
    if chosen.get("until"):
        decisions = decisions.filter(decided_on__lte=chosen["until"])
    page = Paginator(decisions.order_by("-decided_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "site/decision_log.html",
        {
            "form": form,
            "filtered": any(chosen.values()),
            "page": page,
            "breadcrumbs": [("Decisions", None)],
            "nav_section": "decisions",
        },
    )


@kept_for_scope
def decision_detail(request, pk: int):
    """A decision: what, by whom, when, the vote, the report it was taken on, the
    declarations made on its item, the priorities it serves and the forward plan
    entry that announced it. Template: site/decision_detail.html."""
    decision = (
        visible_decisions(body_access(request))
        .select_related("report__content_type")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404("No decision found")
    item = decision.agenda_item
    declarations = (
        Declaration.objects.filter(agenda_item=item).select_related("person", "organisation")
        if item is not None
        else Declaration.objects.none()
    )
    return render(
        request,
        "site/decision_detail.html",
        {
            "decision": decision,
            "vote": vote_label(decision),
            "declarations": list(declarations),
            "priorities": list(decision.priorities.select_related("strategy")),
            "announced": ForwardPlanEntry.objects.filter(decision=decision).first(),
            "report": decision.report,
            "report_url": _version_url(decision.report),
            "breadcrumbs": [("Decisions", "/decisions/"), (decision.title, None)],
            "nav_section": "decisions",
        },
    )


def _version_url(version) -> str | None:
    """Where the public read a published version (a report as it was laid)."""
    if version is None:
        return None
    model = version.content_type.model
    if model == "cabinetreport":
        return reverse("reports:report-version", args=[version.object_id, version.number])
    if model == "meeting":
        return reverse(
            "partnerships:meeting-minutes-version", args=[version.object_id, version.number]
        )
    return None


@cache_params(ForwardPlanFilterForm)
@kept_for_scope
def forward_plan(request):
    """``/decisions/forward-plan/``: the decisions coming, soonest first, each with
    whether it will be taken in private and why; and those taken in the last three
    months, linked to their decisions. Template: site/forward_plan.html."""
    form = ForwardPlanFilterForm(request.GET or None)
    body = valid_choices(form).get("body")
    entries = ForwardPlanEntry.objects.select_related("body", "meeting", "decision").filter(
        is_withdrawn=False
    )
    if body is not None:
        entries = entries.filter(body=body)
    today = timezone.localdate()
    taken = list(
        entries.filter(
            decision__isnull=False,
            decision__decided_on__gte=today - datetime.timedelta(days=92),
        ).order_by("-decision__decided_on", "pk")
    )
    # An entry is public; its decision is linked only where the reader may see it.
    seen = set(
        visible_decisions(body_access(request))
        .filter(pk__in=[entry.decision_id for entry in taken])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "site/forward_plan.html",
        {
            "form": form,
            "body": body,
            "coming": list(entries.filter(decision__isnull=True).order_by("expected_on", "pk")),
            "taken": [(entry, entry.decision_id in seen) for entry in taken],
            "today": today,
            "breadcrumbs": [("Decisions", "/decisions/"), ("Forward plan", None)],
            "nav_section": "decisions",
        },
    )
