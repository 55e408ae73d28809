"""Filters for the indicators' pages: a figure in its unit, a period in words, and
the sentences of where an indicator stands (``strategy.indicators.wording``)."""

from django import template

from .. import wording

register = template.Library()


@register.filter
def in_unit(value, indicator) -> str:
    """``{{ value|in_unit:indicator }}``: "21.3%", "£1,250", "4.2 per 1,000 people"."""
    return wording.format_value(indicator, value)


@register.filter
def period(on, indicator) -> str:
    """``{{ date|period:indicator }}``: "the year to 31 March 2026"."""
    return wording.period_label(indicator, on) if on else ""


@register.filter
def status_sentence(card) -> str:
    return wording.status_sentence(card)


@register.filter
def travel_sentence(card) -> str:
    return wording.travel_sentence(card)
