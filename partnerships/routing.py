"""Where reports go: the one place that reads it from the tree and the typed relations.

- ``report_recipients(body)``: the bodies a body's reports go to (an annual report is
  presented to one of them; an exception report is raised to the first and the others
  are told). The body it is accountable to (its parent) first, then each current body
  it ``reports_to`` (every relation kind whose rule ``carries_reports``), once each.
- ``escalation_next(body)``: where an unresolved exception report addressed to
  ``body`` rises: the body above it, or at the top of the tree the body it reports to,
  but never to an assembly. The agreement gives exception reports to the Executive
  (now Leaders) Board: it receives "annual progress reports and more frequent
  'exception reports' from the Thematic Partnerships and Local Area Partnerships" and
  acts on them (Executive Board role 5). The Assembly meets once a year and the Area
  Assemblies four times: they take reports and give guidance (agreement 2 and 5.5)
  but do not act on an exception, so the Leaders Board, which reports to the
  Assembly, is where exception reports stop.
- ``escalate_after_days(body)``: how long a report addressed to ``body`` may stay
  unresolved before it rises, from its terms of reference, else
  ``DEFAULT_ESCALATE_AFTER_DAYS``.

Each function costs a query or two for a body loaded plainly (its parent, its
relations or terms) and none for bodies loaded with ``select_related("parent")`` and
``routing_prefetch()``: a list of them, as the escalation duty reads, costs two
queries beside its own, whatever its length."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone

from .models import (
    RELATION_RULES,
    AccountabilityLink,
    Body,
    BodyKind,
    TermsOfReference,
)
from .models.terms import DEFAULT_ESCALATE_AFTER_DAYS

#: The relation kinds reports go along (``RelationRule.carries_reports``).
REPORTING_KINDS = frozenset(kind for kind, rule in RELATION_RULES.items() if rule.carries_reports)

#: Kinds of body that receive reports but never have an exception escalated to
#: them: gatherings that meet a few times a year (see the module's docstring).
NOT_ESCALATED_TO = frozenset({BodyKind.ASSEMBLY, BodyKind.AREA_ASSEMBLY})

_LINKS = "_routing_links"
_TERMS = "_routing_terms"


def routing_prefetch(prefix: str = "") -> list[Prefetch]:
    """Prefetches for ``queryset.prefetch_related(*routing_prefetch(...))`` so the
    functions here make no query for the bodies reached through ``prefix`` (e.g.
    ``"addressed_to__"``); pair it with ``select_related(f"{prefix}parent")``."""
    return [
        Prefetch(
            f"{prefix}links_out",
            queryset=AccountabilityLink.objects.filter(kind__in=REPORTING_KINDS)
            .select_related("to_body")
            .order_by("to_body__name", "pk"),
            to_attr=_LINKS,
        ),
        Prefetch(f"{prefix}terms", queryset=TermsOfReference.objects.all(), to_attr=_TERMS),
    ]


def _reports_to(body: Body, on: datetime.date) -> list[Body]:
    links = getattr(body, _LINKS, None)
    if links is None:
        links = list(
            AccountabilityLink.objects.filter(from_body=body, kind__in=REPORTING_KINDS)
            .select_related("to_body")
            .order_by("to_body__name", "pk")
        )
    return [link.to_body for link in links if link.to_body.is_current(on)]


def report_recipients(body: Body, on: datetime.date | None = None) -> list[Body]:
    """The bodies ``body`` reports to on ``on`` (today): its parent first (the tree's
    "accountable to", whether or not a relation repeats it), then each body it
    currently reports to by relation, by name; none twice, never itself."""
    on = on or timezone.localdate()
    recipients: list[Body] = []
    seen = {body.pk}
    parent = body.parent if body.parent_id else None
    for candidate in ([parent] if parent is not None else []) + _reports_to(body, on):
        if candidate.pk not in seen:
            seen.add(candidate.pk)
            recipients.append(candidate)
    return recipients


def escalation_next(body: Body, on: datetime.date | None = None) -> Body | None:
    """Where an exception report addressed to ``body`` rises when it is left
    unresolved: the body above it; at the top of the tree, the first body it reports
    to by relation; ``None`` where there is none that acts on exception reports (the
    Leaders Board, which reports only to the Assembly)."""
    on = on or timezone.localdate()
    if body.parent_id:
        parent = body.parent
        return None if parent.kind in NOT_ESCALATED_TO else parent
    for candidate in _reports_to(body, on):
        if candidate.kind not in NOT_ESCALATED_TO:
            return candidate
    return None


def exception_addressee(body: Body, on: datetime.date | None = None) -> Body:
    """The body a red action of ``body`` raises its exception report to: the next
    body up (``escalation_next``), or ``body`` itself at the top, which answers for
    its own exceptions."""
    return escalation_next(body, on) or body


def escalate_after_days(body: Body) -> int:
    """Days an exception report addressed to ``body`` waits, unresolved, before it
    rises: its terms of reference say, else ``DEFAULT_ESCALATE_AFTER_DAYS``."""
    terms = getattr(body, _TERMS, None)
    if terms is None:
        terms = list(TermsOfReference.objects.filter(body=body)[:1])
    return terms[0].escalate_after_days if terms else DEFAULT_ESCALATE_AFTER_DAYS
