"""An indicator's figures in words, as the pages write them: a value in its unit
("21.3%", "£1,250", "4.2 per 1,000 people"), a period ("the year to 31 March
2026"), and sentences saying where it stands and which way it is moving, from the
selectors' assessment (``status.assess``), so the words cannot disagree with the
tags beside them."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from strategy.models import Direction

from .models import Frequency, Indicator, Unit, ValueStatus
from .selectors import IndicatorCard
from .status import Status, Travel


def format_value(indicator: Indicator, value: Decimal | None) -> str:
    """``value`` to the indicator's decimal places, with its unit."""
    if value is None:
        return ""
    places = indicator.decimal_places if indicator.unit != Unit.NUMBER else 0
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    figure = f"{rounded:,.{places}f}"
    if indicator.unit == Unit.PERCENT:
        return f"{figure}%"
    if indicator.unit == Unit.GBP:
        return f"£{figure}" if not figure.startswith("-") else f"-£{figure[1:]}"
    if indicator.unit in (Unit.NUMBER, Unit.SCORE):
        return figure
    return f"{figure} {Unit(indicator.unit).label}"


def period_label(indicator: Indicator, on: datetime.date) -> str:
    """The period a value ending ``on`` is for."""
    if indicator.frequency == Frequency.ANNUAL:
        return f"the year to {on:%-d %B %Y}"
    if indicator.frequency == Frequency.QUARTERLY:
        return f"the quarter to {on:%-d %B %Y}"
    return f"{on:%B %Y}"


def polarity_words(indicator: Indicator) -> str:
    return Direction(indicator.polarity).label


def _latest_words(card: IndicatorCard) -> str:
    latest = card.values[-1]
    provisional = " (provisional)" if latest.status == ValueStatus.PROVISIONAL else ""
    return (
        f"{format_value(card.indicator, latest.value)} for "
        f"{period_label(card.indicator, latest.period_end)}{provisional}"
    )


def status_sentence(card: IndicatorCard) -> str:
    """Why the indicator has its status, in a sentence."""
    indicator, a = card.indicator, card.assessment
    if a.status == Status.NO_DATA:
        return f"There is no value for {indicator.geography.name} yet."
    latest = f"The latest value, {_latest_words(card)},"
    if a.status == Status.NO_TARGET:
        return f"{latest} has no target to be judged against."
    target = a.target
    target_words = f"the target of {format_value(indicator, target.value)}"
    expected = format_value(indicator, a.expected)
    shown = format_value(indicator, a.latest.value)
    if a.latest.value == a.expected:
        comparison = "is exactly"
    elif a.status == Status.ON_TRACK:
        comparison = "is just better than" if shown == expected else "is better than"
    else:
        comparison = "is just worse than" if shown == expected else "is worse than"
    if target.on <= a.latest.on:
        return f"{latest} {comparison} {target_words} for {target.on:%-d %B %Y}."
    return (
        f"{latest} {comparison} the {expected} expected on the way to {target_words} "
        f"by {target.on:%-d %B %Y}."
    )


def travel_sentence(card: IndicatorCard) -> str:
    """Which way the indicator is moving, in a sentence."""
    indicator, a = card.indicator, card.assessment
    if a.travel == Travel.TOO_FEW:
        if not card.values:
            return "With no values yet, there is no direction of travel."
        return "There is only one value so far: the direction of travel needs two."
    now = f"{format_value(indicator, a.latest.value)} for {period_label(indicator, a.latest.on)}"
    before = (
        f"{format_value(indicator, a.previous.value)} for {period_label(indicator, a.previous.on)}"
    )
    # The tag beside the sentence names the direction; the sentence gives the figures.
    if a.travel == Travel.NO_CHANGE:
        return f"{now[0].upper()}{now[1:]} is the same as {before}."
    higher = "higher" if a.latest.value > a.previous.value else "lower"
    better = polarity_words(indicator).lower()
    return f"{now[0].upper()}{now[1:]} is {higher} than {before} ({better})."
