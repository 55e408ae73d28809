"""The public side of the protocols, and the members' cases page.

- ``/complaints/``: how complaints, whistle-blowing and disputes are handled, from
  the partnership agreement; it lists nothing.
- ``/complaints/new/`` and ``/whistleblowing/new/``: the forms, for anyone, with no
  account; then a "received" page that shows nothing of what was sent.
- ``/complaints/cases/``: signed in, the complaints routed to the bodies the user is
  a member of today, and the disputes their bodies are party to or decide
  (``access``); officers see every one. Never a whistle-blowing report.

No page is kept in the page cache: the forms carry a CSRF token and the cases page is
one person's. Templates: protocols/*.html."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pace.core.clients import client_address
from pace.core.forms import add_errors
from partnerships.access import body_access
from partnerships.kept_pages import kept_for_scope

from . import access, services
from .forms import ComplaintForm, WhistleblowingForm
from .models import Complaint, Dispute, keep_days

INDEX = ("Complaints and whistle-blowing", "/complaints/")


def index(request):
    """``/complaints/``. Template: protocols/index.html."""
    return render(
        request,
        "protocols/index.html",
        {"keep_days": keep_days(), "breadcrumbs": [("Home", "/"), (INDEX[0], None)]},
    )


def _form_view(request, *, form_class, receive, template: str, received: str, title: str):
    form = form_class(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_spam():  # answered as if it worked, and dropped
            return redirect(reverse(received))
        data = form.cleaned_data
        try:
            receive(
                about_body=data["about_body"],
                summary=data["summary"],
                details=data["details"],
                name=data["name"],
                email=data["email"],
                client=client_address(request) or "unknown",
            )
        except ValidationError as error:
            add_errors(form, error)
            codes = [e.code for messages in error.error_dict.values() for e in messages]
            if "rate_limited" in codes:
                status = 429
        else:
            return redirect(reverse(received))
    if form.errors and status == 200:
        status = 400
    context = {
        "form": form,
        "keep_days": keep_days(),
        "breadcrumbs": [("Home", "/"), INDEX, (title, None)],
    }
    return render(request, template, context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    """``/complaints/new/``. Template: protocols/complaint_form.html."""
    return _form_view(
        request,
        form_class=ComplaintForm,
        receive=services.complaint_receive,
        template="protocols/complaint_form.html",
        received="protocols:complaint-received",
        title="Make a complaint",
    )


@never_cache
@require_http_methods(["GET", "POST"])
def whistleblowing_new(request):
    """``/whistleblowing/new/``. Template: protocols/whistleblowing_form.html."""
    return _form_view(
        request,
        form_class=WhistleblowingForm,
        receive=services.whistleblowing_receive,
        template="protocols/whistleblowing_form.html",
        received="protocols:whistleblowing-received",
        title="Report a concern in confidence",
    )


def _received(request, what: str):
    return render(
        request,
        "protocols/received.html",
        {"what": what, "breadcrumbs": [("Home", "/"), INDEX, ("Received", None)]},
    )


@never_cache
def complaint_received(request):
    """``/complaints/received/``: the same for everyone; nothing of what was sent."""
    return _received(request, "complaint")


@never_cache
def whistleblowing_received(request):
    """``/whistleblowing/received/``: the same for everyone; nothing of what was sent."""
    return _received(request, "report")


@never_cache
@login_required
@kept_for_scope
def cases(request):
    """``/complaints/cases/``: three queries for a member (their bodies, the
    complaints, the disputes), however many there are. Template: protocols/cases.html."""
    here = body_access(request)
    complaints = Complaint.objects.defer("name", "email").select_related("about_body", "routed_to")
    disputes = Dispute.objects.select_related("body_a", "body_b", "referred_to")
    complaints_q, disputes_q = access.complaints_q(here), access.disputes_q(here)
    if complaints_q is not None:
        complaints = complaints.filter(complaints_q)
    if disputes_q is not None:
        disputes = disputes.filter(disputes_q)
    return render(
        request,
        "protocols/cases.html",
        {
            "complaints": list(complaints),
            "disputes": list(disputes),
            "breadcrumbs": [("Home", "/"), INDEX, ("Your cases", None)],
        },
    )
