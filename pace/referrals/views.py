"""Pages of referrals of local needs. Templates: referrals/*.html.

- ``/referrals/``: the referrals the reader may see, filtered, a page at a time;
- ``/referrals/<pk>/``: one referral, its thread, its answer and the referrals it
  was passed on from and to; "not found" to whoever may not see it;
- ``/referrals/new/``: an Area Board's member raises one;
- ``/referrals/<pk>/answer/`` and ``/referrals/<pk>/messages/``: the forms on the
  referral's page, sent there; a mistake shows the page again with the errors.

Access is ``access``'s, from the memberships valid today."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from pace.core.cache import cache_params
from pace.core.forms import add_errors
from pace.core.pagination import page_by_key
from partnerships.access import BodyAccess, body_access
from partnerships.forms import valid_choices
from partnerships.kept_pages import kept_for_scope

from . import access as rules
from . import selectors, services
from .forms import AnswerForm, MessageForm, RaiseForm, ReferralFilterForm
from .models import Referral, ReferralStatus

PER_PAGE = 20
LIST_CRUMBS = [("Partnerships", "/partnerships/"), ("Referrals of local needs", "/referrals/")]


@cache_params(ReferralFilterForm, "page")
@kept_for_scope
def referral_list(request):
    """The referrals the reader may see, newest first, with filters. Template:
    referrals/referral_list.html."""
    access = body_access(request)
    form = ReferralFilterForm(request.GET or None)
    chosen = valid_choices(form)
    page = page_by_key(
        selectors.referral_list(access, **chosen),
        rows=selectors.referral_rows(),
        number=request.GET.get("page"),
        per_page=PER_PAGE,
    )
    can_raise = request.user.is_authenticated and rules.raising_bodies(access).exists()
    return render(
        request,
        "referrals/referral_list.html",
        {
            "form": form,
            "page": page,
            "filtered": any(chosen.values()),
            "can_raise": can_raise,
            "nav_section": "partnerships",
            "breadcrumbs": [LIST_CRUMBS[0], (LIST_CRUMBS[1][0], None)],
        },
        status=400 if form.errors else 200,
    )


def _referral_or_404(access: BodyAccess, pk: int) -> Referral:
    referral = selectors.referral_detail(access, pk)
    if referral is None:
        raise Http404("No such referral")
    return referral


def _detail(request, referral: Referral, access: BodyAccess, *, status: int = 200, **forms):
    may_answer = rules.can_answer(access, referral)
    bodies = rules.speaks_for(access, referral)
    if may_answer and "answer_form" not in forms:
        forms["answer_form"] = AnswerForm(referral=referral)
    if bodies and "message_form" not in forms:
        forms["message_form"] = MessageForm(bodies=bodies, is_public=referral.is_public)
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "wards": list(referral.wards.all()),
            "thread": selectors.referral_messages(referral),
            "chain": selectors.referral_chain(referral, access),
            "accepted": selectors.accepted_into(referral, access),
            "may_answer": may_answer,
            "nav_section": "partnerships",
            "breadcrumbs": [*LIST_CRUMBS, (referral.title, None)],
            **forms,
        },
        status=status,
    )


@kept_for_scope
def referral_detail(request, pk: int):
    """One referral. Template: referrals/referral_detail.html."""
    access = body_access(request)
    return _detail(request, _referral_or_404(access, pk), access)


@login_required
@require_http_methods(["GET", "POST"])
@kept_for_scope
def referral_new(request):
    """Raise a referral for one of your Area Boards. Template: referrals/referral_form.html."""
    access = body_access(request)
    raising = rules.raising_bodies(access)
    if not raising.exists():
        raise PermissionDenied("Only the members of an Area Board can raise a referral.")
    form = RaiseForm(request.POST or None, raising=raising)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                referral = services.referral_raise(
                    from_body=data["from_body"],
                    to_body=data["to_body"],
                    title=data["title"],
                    need=data["need"],
                    evidence=data["evidence"],
                    evidence_url=data["evidence_url"],
                    wards=data["wards"],
                    is_public=data["visibility"] == "public",
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Your referral has gone to {referral.to_body.name}. "
                    "Its members have been told.",
                )
                return redirect(referral)
    return render(
        request,
        "referrals/referral_form.html",
        {
            "form": form,
            "nav_section": "partnerships",
            "breadcrumbs": [*LIST_CRUMBS, ("Raise a referral", None)],
        },
        status=status,
    )


ANSWERED_TEXT = {
    ReferralStatus.ACCEPTED: "You have accepted the referral into {plan}.",
    ReferralStatus.DECLINED: "You have declined the referral.",
    ReferralStatus.PASSED_ON: "You have passed the referral on to {passed_to}.",
}


@login_required
@require_POST
def referral_answer(request, pk: int):
    access = body_access(request)
    referral = _referral_or_404(access, pk)
    if not rules.can_answer(access, referral):
        if not referral.is_open:
            messages.info(request, "This referral has been answered already.")
            return redirect(referral)
        raise PermissionDenied("Only the members of the body it is raised to can answer it.")
    form = AnswerForm(request.POST, referral=referral)
    if form.is_valid():
        data = form.cleaned_data
        try:
            answered = services.referral_answer(
                referral=referral,
                decision=data["status"],
                outcome=data["outcome"],
                plan=data["plan"],
                action=data["action"],
                reasons=data["reasons"],
                passed_to=data["passed_to"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                ANSWERED_TEXT[answered.status].format(
                    plan=answered.plan, passed_to=answered.passed_to
                )
                + " The Area Board's members have been told.",
            )
            return redirect(answered)
    return _detail(request, referral, access, status=400, answer_form=form)


@login_required
@require_POST
def referral_message(request, pk: int):
    access = body_access(request)
    referral = _referral_or_404(access, pk)
    bodies = rules.speaks_for(access, referral)
    if not bodies:
        raise PermissionDenied("Only the members of the referral's two bodies can write to it.")
    form = MessageForm(request.POST, bodies=bodies, is_public=referral.is_public)
    if form.is_valid():
        try:
            services.referral_message_post(
                referral=referral,
                speaks_for=form.cleaned_data["speaks_for"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your message has been added to the thread.")
            return redirect(f"{referral.get_absolute_url()}#thread")
    return _detail(request, referral, access, status=400, message_form=form)
