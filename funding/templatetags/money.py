"""``{{ value|money }}``: "£72,000" for whole pounds, "£8,000.50" otherwise."""

from decimal import Decimal, InvalidOperation

from django import template

from ..models.money import format_money

register = template.Library()


@register.filter
def money(value) -> str:
    if value is None or value == "":
        return ""
    try:
        return format_money(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return ""
