"""Financial years: 1 April to 31 March, written "2016/17"."""

import datetime
import re

from django.core.exceptions import ValidationError

_PATTERN = re.compile(r"^(\d{4})/(\d{2})$")


def parse_financial_year(text: str) -> int:
    """The year a financial year written like ``2016/17`` starts in.

    Raises ``ValidationError`` (codes ``financial_year_format`` and
    ``financial_year_sequence``) for anything else, such as ``2016/18``."""
    match = _PATTERN.match((text or "").strip())
    if not match:
        raise ValidationError(
            "Write the financial year like 2016/17: the year it starts, a slash, and the "
            "last two digits of the year after.",
            code="financial_year_format",
        )
    start, end = int(match[1]), int(match[2])
    if (start + 1) % 100 != end:
        raise ValidationError(
            "%(value)s is not a financial year: one runs from 1 April to 31 March, so the "
            "year after %(start)s ends it. Write %(expected)s.",
            code="financial_year_sequence",
            params={"value": text, "start": start, "expected": financial_year_label(start)},
        )
    return start


def validate_financial_year(value: str) -> None:
    parse_financial_year(value)


def financial_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def financial_year_of(day: datetime.date) -> int:
    """The start year of the financial year ``day`` falls in."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_bounds(start_year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


def format_date(day: datetime.date) -> str:
    """UK style for messages: 12 July 2016."""
    return f"{day.day} {day:%B %Y}"
