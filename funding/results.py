"""The published rule that turns a round's votes into its results, as the page
``/funding/budgeting/rule/`` states it, so anyone can recompute the results from the
published ballots:

1. Count each project's votes: the ballots that chose it (plus, for a round counted
   before PACE kept ballots, the totals recorded then).
2. Put the projects in order: most votes first; equal votes, the cheaper first;
   equal cost too, the lower project number first.
3. Start with the round's money. Go down the list: a project with at least one vote
   whose cost is no more than the money left is selected, and its cost comes off
   the money left; a project that costs more than is left is skipped, and the next
   one is looked at. A project without votes is not selected.

This is the rule CONSUL uses for its budgets (most supported first, skipping what
no longer fits), with the order of equal votes made explicit. Nothing here touches
the database: the selector counts, this decides.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

SELECTED = "selected"
SKIPPED = "skipped"  # it had votes, but cost more than was left
NO_VOTES = "no_votes"


@dataclass(frozen=True)
class Entry:
    project_id: int
    cost: Decimal
    votes: int


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    rank: int
    outcome: str
    #: The money left when the project was looked at, and after it.
    left_before: Decimal
    left_after: Decimal

    @property
    def selected(self) -> bool:
        return self.outcome == SELECTED


def order(entries: Iterable[Entry]) -> list[Entry]:
    """Most votes first; then the cheaper; then the lower project number."""
    return sorted(entries, key=lambda e: (-e.votes, e.cost, e.project_id))


def apply_rule(entries: Iterable[Entry], money: Decimal) -> list[Outcome]:
    """Each project in the rule's order with what the rule decided."""
    left = Decimal(money)
    outcomes = []
    for rank, entry in enumerate(order(entries), start=1):
        before = left
        if entry.votes <= 0:
            outcome = NO_VOTES
        elif entry.cost <= left:
            outcome = SELECTED
            left -= entry.cost
        else:
            outcome = SKIPPED
        outcomes.append(Outcome(entry, rank, outcome, before, left))
    return outcomes
