"""Money fields: pounds and pence as ``Decimal``, never float."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

PENNY = Decimal("0.01")


def money_field(verbose_name: str, **kwargs) -> models.DecimalField:
    """A positive amount in pounds with two decimal places (up to £9,999,999,999.99).
    ``DecimalField`` refuses a third decimal place on its own, naming the field."""
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(PENNY, message="Enter an amount of more than £0.")],
        **kwargs,
    )


def format_money(value: Decimal) -> str:
    """``£72,000`` for whole pounds, ``£8,000.50`` otherwise, for messages."""
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value == value.to_integral_value():
        return f"{sign}£{value:,.0f}"
    return f"{sign}£{value:,.2f}"
