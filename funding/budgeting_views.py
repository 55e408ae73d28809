"""Participatory budgeting online: the rounds and their timelines, residents' ideas,
voting by an e-mailed link, the results by the published rule, and the anonymised
ballots as open data.

The pages with a form (an idea, asking for a voting link, the ballot) are never
kept in the page cache: they carry a CSRF token, and the ballot is one resident's.
The rest are the same for every reader, and are kept for signed-in readers too
(``partnerships.kept_pages``).
Each form shows its errors with the GOV.UK error summary; a form whose honeypot is
filled is answered as if it worked and dropped."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pace.core.clients import client_address
from pace.core.dates import format_date
from partnerships.kept_pages import kept_for_scope

from . import ballot_data, selectors, services
from .budgeting_forms import BallotForm, ProposalForm, VoteRequestForm, add_errors
from .models import BudgetingRound, Phase

NAV = {"nav_section": "funding"}


def _round_or_404(pk: int) -> BudgetingRound:
    budgeting_round = selectors.round_get(pk)
    if budgeting_round is None:
        raise Http404("No participatory budgeting round found")
    return budgeting_round


def _crumbs(budgeting_round: BudgetingRound | None = None, here: str | None = None):
    crumbs = [("Funding", "/funding/"), ("Participatory budgeting", "/funding/budgeting/")]
    if budgeting_round is not None:
        crumbs.append((budgeting_round.name, budgeting_round.get_absolute_url()))
    if here:
        crumbs.append((here, None))
    else:
        crumbs[-1] = (crumbs[-1][0], None)
    return crumbs


def _client(request) -> str:
    return client_address(request) or "unknown"


@kept_for_scope
def round_list(request):
    """``/funding/budgeting/``: every round with its phase today.
    Template: funding/budgeting/round_list.html."""
    today = timezone.localdate()
    rounds = [(r, r.phase(today)) for r in selectors.rounds_listed()]
    return render(
        request,
        "funding/budgeting/round_list.html",
        {
            "open": [(r, p) for r, p in rounds if p in (Phase.PROPOSALS, Phase.VOTING)],
            "others": [(r, p) for r, p in rounds if p not in (Phase.PROPOSALS, Phase.VOTING)],
            "breadcrumbs": _crumbs(),
            **NAV,
        },
    )


@kept_for_scope
def rule(request):
    """``/funding/budgeting/rule/``: how the results are worked out, so anyone can
    check them. Template: funding/budgeting/rule.html."""
    return render(
        request,
        "funding/budgeting/rule.html",
        {"breadcrumbs": _crumbs(here="How the results are worked out"), **NAV},
    )


@kept_for_scope
def round_detail(request, pk: int):
    """A round: its timeline, what residents can do now, and its checked projects
    (those not on the ballot with the officers' public reason).
    Template: funding/budgeting/round_detail.html."""
    budgeting_round = _round_or_404(pk)
    today = timezone.localdate()
    projects = selectors.round_projects(budgeting_round)
    return render(
        request,
        "funding/budgeting/round_detail.html",
        {
            "round": budgeting_round,
            "phase": budgeting_round.phase(today),
            "timeline": budgeting_round.timeline(today),
            "on_ballot": [p for p in projects if p.status == "feasible"],
            "not_on_ballot": [p for p in projects if p.status == "rejected"],
            "districts": selectors.round_districts(budgeting_round),
            "breadcrumbs": _crumbs(budgeting_round),
            **NAV,
        },
    )


@kept_for_scope
def project_detail(request, pk: int):
    """A checked project: what it would do, its cost as proposed and as checked, and
    the officers' reason. An idea waiting for its check is nobody's to see yet.
    Template: funding/budgeting/project_detail.html."""
    project = selectors.project_public(pk)
    if project is None:
        raise Http404("No project found")
    return render(
        request,
        "funding/budgeting/project_detail.html",
        {"project": project, "breadcrumbs": _crumbs(project.round, project.title), **NAV},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def propose(request, pk: int):
    """Send an idea, while the round takes them. Template: funding/budgeting/propose.html
    (and proposal_sent.html)."""
    budgeting_round = _round_or_404(pk)
    today = timezone.localdate()
    form = ProposalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return _sent(request, budgeting_round)
        data = form.cleaned_data
        try:
            services.project_propose(
                budgeting_round=budgeting_round,
                title=data["title"],
                description=data["description"],
                cost=data["cost"],
                group_name=data["group_name"],
                email=data["email"],
                postcode=data["postcode"],
                client=_client(request),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _sent(request, budgeting_round)
    return render(
        request,
        "funding/budgeting/propose.html",
        {
            "round": budgeting_round,
            "form": form,
            "open": budgeting_round.phase(today) == Phase.PROPOSALS,
            "breadcrumbs": _crumbs(budgeting_round, "Send an idea"),
            **NAV,
        },
        status=400 if form.errors else 200,
    )


def _sent(request, budgeting_round):
    return render(
        request,
        "funding/budgeting/proposal_sent.html",
        {"round": budgeting_round, "breadcrumbs": _crumbs(budgeting_round, "Idea sent"), **NAV},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request, pk: int):
    """Ask for a voting link: e-mail address and postcode. The same answer whether or
    not the resident has voted, so the page tells nobody who has.
    Template: funding/budgeting/vote.html (and check_email.html)."""
    budgeting_round = _round_or_404(pk)
    today = timezone.localdate()
    form = VoteRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return _check_email(request, budgeting_round)
        try:
            services.ballot_link_request(
                budgeting_round=budgeting_round,
                email=form.cleaned_data["email"],
                postcode=form.cleaned_data["postcode"],
                client=_client(request),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _check_email(request, budgeting_round)
    return render(
        request,
        "funding/budgeting/vote.html",
        {
            "round": budgeting_round,
            "form": form,
            "open": budgeting_round.phase(today) == Phase.VOTING,
            "breadcrumbs": _crumbs(budgeting_round, "Vote"),
            **NAV,
        },
        status=400 if form.errors else 200,
    )


def _check_email(request, budgeting_round):
    return render(
        request,
        "funding/budgeting/check_email.html",
        {
            "round": budgeting_round,
            "closes": format_date(budgeting_round.voting_closes_on),
            "breadcrumbs": _crumbs(budgeting_round, "Check your e-mail"),
            **NAV,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def ballot(request, token: str):
    """The ballot, reached by the e-mailed link (which proves the address). Opening
    the link changes nothing; sending the form votes, once.
    Template: funding/budgeting/ballot.html (and voted.html)."""
    try:
        link = services.ballot_link_read(token)
    except services.LinkError as error:
        return _link_error(request, str(error))
    budgeting_round = selectors.round_get(link.round_id)
    if budgeting_round is None:
        return _link_error(request, "This round no longer exists.")
    context = {"round": budgeting_round, **NAV}
    context["breadcrumbs"] = _crumbs(budgeting_round, "Your ballot")
    if services.has_voted(link):
        return render(request, "funding/budgeting/voted.html", {**context, "again": True})
    if budgeting_round.phase(timezone.localdate()) != Phase.VOTING:
        context["closed"] = True
    projects = selectors.ballot_projects(budgeting_round)
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        budgeting_round=budgeting_round,
        projects=projects,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast_from_link(link=link, project_ids=form.project_ids())
        except services.AlreadyVoted:
            return render(request, "funding/budgeting/voted.html", {**context, "again": True})
        except ValidationError as error:
            add_errors(form, error)
        else:
            return render(request, "funding/budgeting/voted.html", context)
    return render(
        request,
        "funding/budgeting/ballot.html",
        {**context, "form": form, "projects": projects},
        status=400 if form.errors else 200,
    )


def _link_error(request, message: str):
    return render(
        request,
        "funding/budgeting/link_error.html",
        {"message": message, **NAV},
        status=404,
    )


@kept_for_scope
def results(request, pk: int):
    """The results by the published rule, with each project's votes, once voting
    has closed. Template: funding/budgeting/results.html."""
    budgeting_round = _round_or_404(pk)
    found = selectors.round_results(budgeting_round)
    return render(
        request,
        "funding/budgeting/results.html",
        {
            "round": budgeting_round,
            "results": found,
            "breadcrumbs": _crumbs(budgeting_round, "Results"),
            **NAV,
        },
    )


def _published(pk: int):
    budgeting_round = _round_or_404(pk)
    found = selectors.round_results(budgeting_round)
    if not found.published:
        raise Http404(
            f"The ballots are published when voting closes on "
            f"{format_date(budgeting_round.voting_closes_on)}."
        )
    return found, selectors.round_ballots(budgeting_round)


def ballots_json(request, pk: int):
    """The round's anonymised ballots, its projects and the rule, as JSON."""
    found, ballots = _published(pk)
    site = request.build_absolute_uri("/").rstrip("/")
    response = JsonResponse(
        ballot_data.ballots_package(found, ballots, site), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def ballots_csv(request, pk: int):
    """The same ballots as CSV, one row a choice."""
    found, ballots = _published(pk)
    response = HttpResponse(
        ballot_data.ballots_csv(found, ballots), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="ballots-round-{pk}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
