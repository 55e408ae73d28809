"""Builders for strategy records; consultations go through the services so the
rules apply."""

import datetime
import itertools

from django.utils import timezone

from partnerships.models import Body
from strategy.consultations import services as services
from strategy.consultations.models import Audience, Consultation, ProposalStage
from strategy.models import ActionPlan, PlanStatus, Strategy, StrategyStatus

_seq = itertools.count(1)


def strategy(status=StrategyStatus.DRAFT, **fields) -> Strategy:
    n = next(_seq)
    return Strategy.objects.create(
        title=fields.pop("title", f"Strategy {n}"),
        slug=f"strategy-{n}",
        starts_on=datetime.date(2017, 4, 1),
        ends_on=datetime.date(2020, 3, 31),
        status=status,
        **fields,
    )


def plan(body: Body, strategy_: Strategy | None = None) -> ActionPlan:
    return ActionPlan.objects.create(
        body=body,
        strategy=strategy_ or strategy(),
        title=f"{body.name} action plan {next(_seq)}",
        starts_on=datetime.date(2017, 4, 1),
        ends_on=datetime.date(2018, 3, 31),
        status=PlanStatus.ADOPTED,
    )


def audiences(*slugs: str) -> list[Audience]:
    return list(Audience.objects.filter(slug__in=slugs or ["general-public", "stakeholders"]))


def consultation_unsaved(
    *, opens_in: int = -10, days: int = 42, subject: Strategy | None = None, **fields
) -> Consultation:
    """A consultation (not saved) opening ``opens_in`` days from today, open for
    ``days`` days counting both ends, on a strategy unless another subject is given."""
    n = next(_seq)
    today = timezone.localdate()
    opens_on = today + datetime.timedelta(days=opens_in)
    if not {"strategy", "action_plan", "area_board"} & set(fields):
        fields["strategy"] = subject or strategy()
    defaults = {
        "title": f"Consultation {n}",
        "slug": f"consultation-{n}",
        "purpose": "To hear what people think.",
        "stage": ProposalStage.FORMATIVE,
        "reasons": "Because the current arrangements are not effective.",
        "decision_criteria": "What communities need, and what partners will resource.",
        "opens_on": opens_on,
        "closes_on": opens_on + datetime.timedelta(days=days - 1),
        "is_published": True,
    }
    return Consultation(**(defaults | fields))


def consultation(*, by=None, **kwargs) -> Consultation:
    return services.consultation_save(
        consultation=consultation_unsaved(**kwargs), audiences=audiences(), by=by
    )


def closed_with_outcome(**kwargs) -> Consultation:
    """A consultation that has closed with everything the fourth principle needs."""
    kwargs.setdefault("opens_in", -60)
    c = consultation(
        response_count=kwargs.pop("response_count", 12),
        responses_summary="Most supported the proposal.",
        outcome="The proposal was adopted with changes.",
        **kwargs,
    )
    services.consultation_feedback_add(
        consultation=c, you_said="Bus routes matter.", we_did="We added rural transport."
    )
    return c
