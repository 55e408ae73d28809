"""Pages of the strategy and its plans, for residents and board members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from pace.core import fragments
from pace.core.cache import cache_params
from partnerships.access import body_access
from partnerships.kept_pages import kept_for_scope
from partnerships.models import Body
from strategy.models import (
    ExceptionReport,
    ExceptionStatus,
    Measure,
    Priority,
    ProgressUpdate,
    StrategyStatus,
)

from . import charts, gaps, selectors, services, trends
from .forms import ProgressUpdateForm, ResolveExceptionForm


def _chain(body: Body, ancestors: list[Body] | None = None) -> list[tuple[str, str | None]]:
    """Breadcrumbs down to ``body`` (``ancestors``: its chain from the top, itself
    included, when the caller has it already)."""
    if ancestors is None:
        ancestors = list(body.get_ancestors(include_self=True))
    crumbs = [(b.name, b.get_absolute_url()) for b in ancestors]
    return [("Partnerships", "/partnerships/"), *crumbs]


@kept_for_scope
def strategy_detail(request, slug: str):
    """A strategy: vision, outcomes, priorities with roll-ups, risk log and project
    plan. Template: strategy/strategy_detail.html."""
    strategy = get_object_or_404(
        selectors.strategies_visible(request.user).select_related(
            "owner", "replaces", "replaced_by"
        ),
        slug=slug,
    )
    access = body_access(request)
    rollups = selectors.visible_priority_rollups(strategy, access)
    priorities = [(p, rollups.get(p.pk)) for p in selectors.strategy_priorities(strategy)]
    milestones = list(strategy.milestones.all())
    today = timezone.localdate()
    # The strategy that replaced this one, unless it is a draft the reader may not see.
    successor = getattr(strategy, "replaced_by", None)
    if successor is not None and successor.status == StrategyStatus.DRAFT:
        successor = successor if selectors.can_see_draft_strategies(request.user) else None
    return render(
        request,
        "strategy/strategy_detail.html",
        {
            "strategy": strategy,
            "outcomes": list(strategy.outcomes.all()),
            "priorities": priorities,
            "risks": list(strategy.risks.all()),
            "milestones": milestones,
            "timeline": charts.strategy_timeline(
                strategy,
                milestones=milestones,
                # Read through the reverse relation: the consultations app sits
                # above this one. Only published ones, as its selectors show them.
                consultations=list(strategy.consultations.filter(is_published=True)),
                today=today,
            ),
            "today": timezone.localdate(),
            "has_ended": strategy.has_ended(timezone.localdate()),
            "standing": strategy.standing(timezone.localdate()),
            "successor": successor,
            # The risk log and project plan of a strategy that has ended are read
            # as they stood when it ended: a review due after that is nobody's.
            "as_of": min(timezone.localdate(), strategy.ends_on),
            "nav_section": "strategy",
            "breadcrumbs": [("Strategy", "/"), (strategy.title, None)],
        },
    )


@kept_for_scope
def strategy_list(request):
    """Every published strategy, current and past, with its period and where it
    stands (officers see drafts too). Template: strategy/strategy_list.html."""
    today = timezone.localdate()
    strategies = list(selectors.strategy_record(request.user))
    return render(
        request,
        "strategy/strategy_list.html",
        {
            "strategies": [(s, s.standing(today)) for s in strategies],
            "nav_section": "strategy",
            "breadcrumbs": [("Strategy", "/"), ("Strategies, current and previous", None)],
        },
    )


#: Actions a page of a priority lists.
PRIORITY_PAGE_SIZE = 50


@cache_params("page")
@kept_for_scope
def priority_detail(request, strategy_slug: str, slug: str):
    """A priority's actions across all bodies, a page at a time (``?page=``; a page
    number that is not one shows the first page, one past the end the last).
    Template: strategy/priority_detail.html."""
    priority = get_object_or_404(
        Priority.objects.select_related("strategy", "lead_body").filter(
            strategy__in=selectors.strategies_visible(request.user)
        ),
        strategy__slug=strategy_slug,
        slug=slug,
    )
    access = body_access(request)
    actions = selectors.visible_actions(access).filter(priority=priority)

    def progress():
        # The roll-up of this priority's actions alone: of the whole strategy's, it
        # took four times as long at county scale.
        rollup = selectors.priority_rollups(priority.strategy, actions=actions).get(priority.pk)
        return rollup or selectors.Rollup(), trends.rating_history(actions)

    # The same for everyone who may see the same actions (pace.core.fragments).
    rollup, history = fragments.cached(
        "priority-progress", reader=access, key=(priority.pk,), build=progress
    )
    page = selectors.action_table_page(
        actions, number=request.GET.get("page"), per_page=PRIORITY_PAGE_SIZE
    )
    return render(
        request,
        "strategy/priority_detail.html",
        {
            "priority": priority,
            "rollup": rollup,
            "trend": charts.rating_history_chart(
                f"trend-priority-{priority.pk}",
                f"{priority.title}: actions by rating at each quarter end",
                history,
            ),
            "page": page,
            "today": timezone.localdate(),
            "nav_section": "strategy",
            "breadcrumbs": [
                ("Strategy", "/"),
                (priority.strategy.title, priority.strategy.get_absolute_url()),
                (priority.title, None),
            ],
        },
    )


@kept_for_scope
def plan_detail(request, pk: int):
    """A body's action plan. Template: strategy/plan_detail.html."""
    access = body_access(request)
    plan = get_object_or_404(selectors.visible_plans(access), pk=pk)
    actions = selectors.visible_actions(access).filter(plan=plan)
    return render(
        request,
        "strategy/plan_detail.html",
        {
            "plan": plan,
            "wards": list(plan.wards.all()),
            "actions": list(selectors.action_list(actions)),
            "rollup": selectors.body_rollup(plan.body, actions=actions).own,
            "can_manage": access.can_manage(plan.body),
            "today": timezone.localdate(),
            "nav_section": "strategy",
            "breadcrumbs": [*_chain(plan.body), (plan.title, None)],
        },
    )


@kept_for_scope
def action_detail(request, pk: int):
    """An action: its chain of accountability, progress history and measures.
    Template: strategy/action_detail.html."""
    access = body_access(request)
    action = get_object_or_404(selectors.action_list(selectors.visible_actions(access)), pk=pk)
    body = action.plan.body
    measures = list(Measure.objects.filter(action=action).prefetch_related("values"))
    ancestors = list(body.get_ancestors(include_self=True))  # the chain and the crumbs
    return render(
        request,
        "strategy/action_detail.html",
        {
            "action": action,
            "chain": ancestors[::-1],
            "updates": list(action.updates.all()),
            "open_exception": action.exception_reports.filter(status=ExceptionStatus.OPEN)
            .select_related("addressed_to")
            .prefetch_related(selectors.exception_steps())
            .first(),
            "measures": [(m, charts.measure_chart(m, list(m.values.all()))) for m in measures],
            "can_manage": access.can_manage(body),
            "is_overdue": action.is_overdue(),
            "nav_section": "strategy",
            "breadcrumbs": [
                *_chain(body, ancestors),
                (action.plan.title, action.plan.get_absolute_url()),
                (action.title, None),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@kept_for_scope
def progress_update_create(request, pk: int):
    """Post a progress update on an action of one's own body. Template:
    strategy/progress_update_form.html."""
    access = body_access(request)
    action = get_object_or_404(selectors.action_list(selectors.visible_actions(access)), pk=pk)
    if not access.can_manage(action.plan.body):
        raise PermissionDenied("Only members of the body can post progress on its actions.")
    form = ProgressUpdateForm(
        request.POST or None,
        action=action,
        measures=Measure.objects.filter(action=action),
        instance=ProgressUpdate(action=action),
    )
    if request.method == "POST" and form.is_valid():
        was = action.get_status_display()
        try:
            update = services.progress_update_post(
                action=action,
                by=request.user,
                submission_key=form.cleaned_data["submission_key"],
                **{
                    k: form.cleaned_data[k]
                    for k in (
                        "rag",
                        "narrative",
                        "reported_on",
                        "measured_value",
                        "measure",
                        "status",
                    )
                },
            )
        except ValidationError as error:
            # A rule checked under the action's lock (another member changed its
            # status meanwhile, say): on the field it is about, nothing saved.
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _update_posted_text(update, was))
            return redirect(action)
    return render(
        request,
        "strategy/progress_update_form.html",
        {
            "action": action,
            "form": form,
            "nav_section": "strategy",
            "breadcrumbs": [
                *_chain(action.plan.body),
                (action.title, action.get_absolute_url()),
                ("Post an update", None),
            ],
        },
    )


def _update_posted_text(update: ProgressUpdate, was: str) -> str:
    action = update.action
    text = "Your progress update has been posted."
    if action.get_status_display() != was:
        text += f" The action is now {action.get_status_display().lower()}."
    if update.measure_id is not None:
        text += f" {update.measured_value.normalize():f} is on the chart of “{update.measure}”."
    if hasattr(update, "exception_report"):
        text += f" An exception report has gone to {update.exception_report.addressed_to}."
    return text


@login_required
@require_http_methods(["GET", "POST"])
@kept_for_scope
def exception_resolve(request, pk: int):
    """Resolve an exception report addressed to one's body. Template:
    strategy/exception_resolve.html."""
    access = body_access(request)
    # Only exception reports on actions the reader may see exist for them: anyone
    # else gets a 404, as for the action itself.
    report = get_object_or_404(
        ExceptionReport.objects.select_related(
            "action__plan__body", "addressed_to", "opened_by_update"
        )
        .prefetch_related(selectors.exception_steps())
        .filter(action__in=selectors.visible_actions(access)),
        pk=pk,
    )
    if not access.can_manage(report.addressed_to):
        raise PermissionDenied("Only members of the body it is addressed to can resolve it.")
    if report.status != ExceptionStatus.OPEN:
        messages.info(request, "This exception report has already been resolved.")
        return redirect("dashboard")
    form = ResolveExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.exception_report_resolve(
            report=report, resolution=form.cleaned_data["resolution"], by=request.user
        )
        messages.success(request, f"The exception report on “{report.action}” has been resolved.")
        return redirect("dashboard")
    return render(
        request,
        "strategy/exception_resolve.html",
        {"report": report, "form": form, "nav_section": "dashboard"},
    )


@kept_for_scope
@login_required
def accountability_gaps(request):
    """Officers' list of gaps in ownership and delivery. Template: strategy/gaps.html."""
    if not body_access(request).is_officer:
        raise PermissionDenied("Only partnership officers can see this page.")
    return render(
        request, "strategy/gaps.html", {**gaps.accountability_gaps(), "nav_section": "dashboard"}
    )
