"""The kinds of appendix a cabinet report can have, drawn from live data.

Each kind is a provider registered here with an order: given the report and the
day the data is drawn on, it returns the appendices it contributes (none if the
report did not choose it). ``report_appendices`` asks every kind in order and
numbers what they return, so the text can refer to "Appendix 3" as the seed does.

To add a kind (the grants table for chosen funds, say), write a provider and
register it::

    @register_appendix_kind("grants", order=25)
    def grants(report, *, on):
        funds = list(Fund.objects.filter(cabinet_reports=report))   # one query
        if not funds:
            return []
        return [Appendix("Grants", (AppendixPart("reports/appendices/grants.html",
                                                  {"funds": funds}),))]

A provider must run a fixed number of queries, whatever the size of the data, and
show only what anyone may see: a published report is public.
The part templates are included by both the web page and the PDF
(``reports/_appendix.html``), so they use GOV.UK classes that ``pdf.css`` knows.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from funding import selectors as funding_selectors
from pace.reports.models import CabinetReport
from partnerships import structure_chart
from partnerships.chart_relations import relations_list
from partnerships.selectors import TreeNode, structure_relations, structure_tree
from strategy.models import Action, PlanStatus
from strategy.selectors import body_rollups, rollup_actions


@dataclass(frozen=True)
class AppendixPart:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    heading: str = ""


@dataclass(frozen=True)
class Appendix:
    title: str
    parts: tuple[AppendixPart, ...]
    number: int = 0  # set by report_appendices

    @property
    def label(self) -> str:
        return f"Appendix {self.number}"


Provider = Callable[..., list[Appendix]]


@dataclass(frozen=True)
class AppendixKind:
    key: str
    order: int
    provider: Provider


_kinds: dict[str, AppendixKind] = {}


def register_appendix_kind(key: str, *, order: int) -> Callable[[Provider], Provider]:
    def register(provider: Provider) -> Provider:
        _kinds[key] = AppendixKind(key=key, order=order, provider=provider)
        return provider

    return register


def appendix_kinds() -> list[AppendixKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def report_appendices(report: CabinetReport, *, on: datetime.date) -> list[Appendix]:
    appendices: list[Appendix] = []
    for kind in appendix_kinds():
        appendices.extend(kind.provider(report, on=on))
    return [replace(appendix, number=i) for i, appendix in enumerate(appendices, 1)]


# The kinds built in ---------------------------------------------------------------


@register_appendix_kind("structure", order=10)
def structure(report: CabinetReport, *, on: datetime.date) -> list[Appendix]:
    """The seed's appendices 1 and 2: the partnership at the top, then the bodies
    accountable to each board, as charts with the same structure as a list, and the
    typed relations between the bodies each part shows drawn and listed."""
    if not report.include_structure_chart:
        return []
    roots = structure_tree(on=on)
    relations = structure_relations(on=on)
    top = [TreeNode(root.body, [TreeNode(child.body) for child in root.children]) for root in roots]
    overview = AppendixPart(
        "reports/appendices/structure.html",
        {
            "charts": structure_chart.overview_charts(roots, relations),
            "nodes": top,
            "tree_list": structure_chart.tree_list(top),
            "relations_list": relations_list(relations, structure_chart.names_in(top)),
        },
    )
    appendices = [Appendix("Partnership structure", (overview,))]
    branches = [child for root in roots for child in root.children if child.children]
    if branches:
        parts = tuple(
            AppendixPart(
                "reports/appendices/structure.html",
                {
                    "charts": structure_chart.branch_charts(branch, relations),
                    "nodes": [branch],
                    "tree_list": structure_chart.tree_list([branch]),
                    "relations_list": relations_list(relations, structure_chart.names_in([branch])),
                },
                heading=branch.body.name,
            )
            for branch in branches
        )
        appendices.append(Appendix("Bodies accountable to the boards", parts))
    return appendices


@register_appendix_kind("project_plan_and_risk_log", order=20)
def project_plan_and_risk_log(report: CabinetReport, *, on: datetime.date) -> list[Appendix]:
    """The seed's appendix 3: the chosen strategy's milestones and risk log."""
    strategy = report.appendix_strategy
    if strategy is None or not (report.include_project_plan or report.include_risk_log):
        return []
    parts = []
    if report.include_project_plan:
        parts.append(
            AppendixPart(
                "reports/appendices/project_plan.html",
                {"strategy": strategy, "milestones": list(strategy.milestones.all()), "on": on},
                heading="Project plan",
            )
        )
    if report.include_risk_log:
        parts.append(
            AppendixPart(
                "reports/appendices/risk_log.html",
                {"strategy": strategy, "risks": list(strategy.risks.all()), "on": on},
                heading="Risk log",
            )
        )
    title = " and ".join(part.heading for part in parts).capitalize()
    return [Appendix(title, tuple(parts))]


@register_appendix_kind("action_plan_summaries", order=30)
def action_plan_summaries(report: CabinetReport, *, on: datetime.date) -> list[Appendix]:
    """For each chosen body: how its actions and those of the bodies below it are
    rated, and its adopted plans' public actions. Three queries."""
    bodies = list(report.summary_bodies.order_by("tree_id", "lft"))
    if not bodies:
        return []
    rollups = body_rollups(bodies, actions=rollup_actions(public_only=True), on=on)
    actions = (
        Action.objects.public()
        .filter(plan__body__in=bodies, plan__status=PlanStatus.ADOPTED)
        .select_related("plan", "priority", "owner")
        .order_by("plan__starts_on", "plan__pk", "due_on", "pk")
    )
    plans: dict[int, dict[int, dict]] = {body.pk: {} for body in bodies}
    for action in actions:
        entry = plans[action.plan.body_id].setdefault(
            action.plan_id, {"plan": action.plan, "actions": []}
        )
        entry["actions"].append(action)
    parts = tuple(
        AppendixPart(
            "reports/appendices/action_plan_summary.html",
            {"rollup": rollup, "plans": list(plans[rollup.body.pk].values()), "on": on},
            heading=rollup.body.name,
        )
        for rollup in rollups
    )
    return [Appendix("Action plan summaries", parts)]


@register_appendix_kind("grants", order=25)
def grants(report: CabinetReport, *, on: datetime.date) -> list[Appendix]:
    """A table of each chosen fund's public grants with its total: the awards as
    /funding/ and the 360Giving data show them. Two queries."""
    funds = list(report.grant_funds.order_by("financial_year", "name"))
    if not funds:
        return []
    by_fund: dict[int, list] = {fund.pk: [] for fund in funds}
    for award in (
        funding_selectors.public_awards().filter(fund__in=funds).order_by("award_date", "pk")
    ):
        by_fund[award.fund_id].append(award)
    parts = tuple(
        AppendixPart(
            "reports/appendices/grants.html",
            {
                "fund": fund,
                "awards": by_fund[fund.pk],
                "total": sum((a.amount for a in by_fund[fund.pk]), Decimal("0")),
            },
            heading=f"{fund.name} ({fund.get_mechanism_display().lower()})",
        )
        for fund in funds
    )
    return [Appendix("Grants", parts)]
