"""The four Gunning principles of lawful consultation (cabinet report 7.2.1; R v Brent
LBC ex parte Gunning, 1985), checked against a consultation record.

Each check says, in plain language, why a principle is met or not. The fourth
principle cannot be met before the consultation has closed and its outcome is
recorded; until the outcome is published it shows as awaited, not failed. A
consultation cannot be published as complete while any principle is not met.

The fourth principle counts from the records (``Consideration``): the responses
received, the themes officers drew from the written answers, and the "you said, we
did" points that answer them; never from a number typed in.
"""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from .models import Consultation


class Principle(models.TextChoices):
    FORMATIVE = "formative", "Consulted while the proposal is at a formative stage"
    REASONS = "reasons", "Sufficient reasons and the criteria for the decision given"
    TIME = "time", "Adequate time to consider and respond"
    CONSIDERATION = "consideration", "Responses conscientiously taken into account"


@dataclass(frozen=True)
class Consideration:
    """What the fourth principle counts, from the records."""

    #: Counted responses (and any counted before responses were kept as records).
    responses: int = 0
    #: Held for moderation: neither counted nor rejected yet.
    held: int = 0
    #: "You said, we did" points.
    feedback: int = 0
    #: Themes tagged on at least one written answer, and those of them that no
    #: "you said, we did" point answers yet.
    themes: int = 0
    unanswered_themes: int = 0
    #: Written answers in the counted responses.
    text_answers: int = 0


@dataclass(frozen=True)
class GunningCheck:
    principle: Principle
    number: int
    passed: bool
    reason: str
    awaiting: bool = False

    @property
    def title(self) -> str:
        return Principle(self.principle).label

    @property
    def state(self) -> str:
        if self.passed:
            return "Met"
        return "Not yet" if self.awaiting else "Not met"


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def gunning_checklist(
    consultation: "Consultation",
    *,
    on: datetime.date,
    counts: Consideration,
    min_days: int,
    public: bool = False,
) -> list[GunningCheck]:
    """Each principle, met or not, with the reason. ``public``: as anyone may read it,
    which says nothing of the responses until the outcome is published."""
    c = consultation
    consideration = _consideration(c, on=on, counts=counts)
    if public and not c.outcome_published and not (c.closes_on and on <= c.closes_on):
        consideration = GunningCheck(
            Principle.CONSIDERATION,
            4,
            False,
            "The consultation has closed: how the responses were taken into account is "
            "published with the outcome.",
            awaiting=True,
        )
    return [_formative(c), _reasons(c), _time(c, min_days), consideration]


def _formative(c: "Consultation") -> GunningCheck:
    from .models import ProposalStage

    if c.stage == ProposalStage.FORMATIVE:
        return GunningCheck(
            Principle.FORMATIVE,
            1,
            True,
            "No decision has been taken: the proposal is at a formative stage and the options "
            "are open.",
        )
    if c.stage == ProposalStage.REFINING:
        return GunningCheck(
            Principle.FORMATIVE,
            1,
            True,
            "The options have been narrowed, but no decision has been taken and the proposal "
            "can still change.",
        )
    return GunningCheck(
        Principle.FORMATIVE,
        1,
        False,
        "The decision had already been taken, so the responses could not change it.",
    )


def _reasons(c: "Consultation") -> GunningCheck:
    missing = []
    if not c.reasons.strip():
        missing.append("the reasons for the proposal")
    if not c.decision_criteria.strip():
        missing.append("the criteria that will decide it")
    if missing:
        return GunningCheck(
            Principle.REASONS, 2, False, f"The record does not give {' or '.join(missing)}."
        )
    return GunningCheck(
        Principle.REASONS,
        2,
        True,
        "The reasons for the proposal and the criteria that will decide it are published "
        "with the consultation.",
    )


def _time(c: "Consultation", min_days: int) -> GunningCheck:
    if not (c.opens_on and c.closes_on) or c.closes_on < c.opens_on:
        return GunningCheck(
            Principle.TIME, 3, False, "The opening and closing dates are not recorded properly."
        )
    days = c.open_days
    period = f"Open for {_days(days)} ({_day(c.opens_on)} to {_day(c.closes_on)})"
    if days >= min_days:
        return GunningCheck(
            Principle.TIME, 3, True, f"{period}, at least the minimum of {_days(min_days)}."
        )
    if c.short_period_confirmed and c.short_period_reason.strip():
        when = (
            f" on {_day(c.short_period_confirmed_at.date())}" if c.short_period_confirmed_at else ""
        )
        return GunningCheck(
            Principle.TIME,
            3,
            True,
            f"{period}, shorter than the usual minimum of {_days(min_days)}. An officer "
            f"confirmed{when} that this is adequate because: {c.short_period_reason.strip()}",
        )
    return GunningCheck(
        Principle.TIME,
        3,
        False,
        f"{period}, shorter than the minimum of {_days(min_days)}, and no officer has "
        "confirmed that the shorter period is adequate.",
    )


def _plural(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n} {many}"


def _consideration(c: "Consultation", *, on: datetime.date, counts: Consideration) -> GunningCheck:
    if c.closes_on and on <= c.closes_on:
        where = (
            f"The consultation is open until {_day(c.closes_on)}"
            if c.opens_on and on >= c.opens_on
            else "The consultation has not opened yet"
        )
        return GunningCheck(
            Principle.CONSIDERATION,
            4,
            False,
            f"{where}: the responses are taken into account after it closes.",
            awaiting=not c.outcome_published,
        )
    missing = []
    if counts.held:
        missing.append(
            "a decision on the "
            + _plural(counts.held, "response held", "responses held")
            + " for moderation (count or reject)"
        )
    if not c.responses_summary.strip():
        missing.append("a summary of the responses")
    if not c.outcome.strip():
        missing.append("the decision taken")
    if counts.responses and not counts.feedback:
        missing.append('how the responses were taken into account ("you said, we did")')
    if counts.text_answers and not counts.themes:
        missing.append("the themes drawn from the written answers (tag the answers with them)")
    if counts.unanswered_themes:
        missing.append(
            _plural(counts.unanswered_themes, "theme", "themes")
            + ' not yet answered in "you said, we did"'
        )
    if missing:
        return GunningCheck(
            Principle.CONSIDERATION,
            4,
            False,
            "The consultation has closed. Still to be recorded: " + "; ".join(missing) + ".",
            awaiting=not c.outcome_published,
        )
    if not counts.responses:
        reason = "No responses were received; the decision taken is recorded."
    else:
        responses = (
            "1 response was" if counts.responses == 1 else f"{counts.responses} responses were"
        )
        themes = (
            f"; the written answers were read and tagged with "
            f"{_plural(counts.themes, 'theme', 'themes')}, each answered"
            if counts.themes
            else ""
        )
        points = "1 point records" if counts.feedback == 1 else f"{counts.feedback} points record"
        reason = (
            f"{responses} received and summarised{themes}, and {points} how they were taken "
            'into account in the decision ("you said, we did").'
        )
    return GunningCheck(Principle.CONSIDERATION, 4, True, reason)
