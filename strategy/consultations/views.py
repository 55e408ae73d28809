"""Public pages of consultations, and the officers' checks."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from pace.core.cache import cache_params
from partnerships.kept_pages import kept_for_scope

from . import selectors
from .models import CLOSING_SOON_DAYS, ConsultationStatus

OUTCOMES_PAGE_SIZE = 20


@cache_params("page")
@kept_for_scope
def consultation_list(request):
    """Open now (closing soon first), planned, closed and outcomes published.
    Template: consultations/consultation_list.html."""
    today = timezone.localdate()
    sections = selectors.consultation_sections(request.user, on=today)
    outcomes = Paginator(sections.outcomes, OUTCOMES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/consultation_list.html",
        {
            "sections": sections,
            "outcomes": outcomes,
            "today": today,
            "closing_soon_days": CLOSING_SOON_DAYS,
            "is_officer": selectors.can_preview_consultations(request.user),
            "nav_section": "consultations",
        },
    )


@kept_for_scope
def consultation_detail(request, slug: str):
    """A consultation, how to respond and whom to contact, its Gunning checklist, its
    equality impact assessment and "you said, we did" (with the themes each point
    answers). Template: consultations/consultation_detail.html."""
    consultation = selectors.consultation_for_page(request.user, slug)
    feedback = list(consultation.feedback.all())
    today = timezone.localdate()
    counts = consultation.consideration()
    status = consultation.status_on(today)
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "status": status,
            "days_left": consultation.days_left(today),
            "checklist": consultation.gunning_checklist(
                on=today,
                counts=counts,
                public=not selectors.can_preview_consultations(request.user),
            ),
            "responses": counts.responses,
            "by_channel": (
                selectors.responses_by_channel(consultation)
                if status == ConsultationStatus.OUTCOME_PUBLISHED
                else []
            ),
            "respond_url": (
                reverse("consultations:respond", args=[consultation.slug])
                if consultation.is_taking_responses_online(today)
                else None
            ),
            "feedback": feedback,
            "documents": list(consultation.documents.all()),
            "audiences": list(consultation.audiences.all()),
            "earlier_round": selectors.earlier_round_visible(consultation, request.user),
            "later_rounds": consultation.visible_later_rounds,
            "assessment": selectors.assessment_for_page(consultation),
            "breadcrumbs": [("Consultations", "/consultations/"), (consultation.title, None)],
            "nav_section": "consultations",
        },
    )


@kept_for_scope
def consultation_officers(request):
    """Officers only: adopted strategies without an equality impact assessment, and
    consultations whose Gunning checklist is not yet met. Template:
    consultations/consultation_officers.html."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not selectors.can_preview_consultations(request.user):
        raise PermissionDenied("Only partnership officers can see this page.")
    today = timezone.localdate()
    return render(
        request,
        "consultations/consultation_officers.html",
        {
            **selectors.officers_overview(on=today),
            "today": today,
            "breadcrumbs": [("Consultations", "/consultations/"), ("Checks for officers", None)],
            "nav_section": "consultations",
        },
    )


def privacy(request):
    """``/consultations/privacy/``: what is kept about a resident who responds, who
    sees it and for how long. Template: consultations/privacy.html."""
    from django.conf import settings

    return render(
        request,
        "consultations/privacy.html",
        {
            "draft_days": settings.PACE_CONSULTATION_DRAFT_DAYS,
            "outbox_days": settings.PACE_OUTBOX_KEEP_DAYS,
            "breadcrumbs": [("Consultations", "/consultations/"), ("Privacy notice", None)],
            "nav_section": "consultations",
        },
    )
