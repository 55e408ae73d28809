"""Reading a CSV file of indicator values (``services.indicator_values_import``
checks and saves what is read here): its columns, one row a value, dates written
two ways, numbers with or without thousands separators, units by label or code.
Only the reading: the rules a value must meet are the services'.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .models import Geography, Indicator, IndicatorValue, Unit, ValueStatus

#: The columns, in the order of the template file.
COLUMNS = ["indicator", "area", "period_end", "value", "unit", "status", "note"]
REQUIRED = {"indicator", "area", "period_end", "value", "unit"}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")

#: Where a problem the services report on a field is shown: its column.
FIELD_COLUMNS = {
    "indicator": "indicator",
    "geography": "area",
    "period_end": "period_end",
    "value": "value",
    "status": "status",
    "note": "note",
}


@dataclass
class ImportRow:
    #: The row's line in the file, counting the row of column names as 1 (as a
    #: spreadsheet numbers it).
    number: int
    cells: dict[str, str]
    value: IndicatorValue | None = None
    #: The provisional value this row replaces, as it was (value and status).
    replaces: tuple[Decimal, str] | None = None
    #: (column, message) pairs; the column is "" for the row as a whole.
    problems: list[tuple[str, str]] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        self.problems.append((column, message))

    @property
    def messages(self) -> list[str]:
        """Each problem written out with its row and column."""
        return [
            f"Row {self.number}, {column}: {message}" if column else f"Row {self.number}: {message}"
            for column, message in self.problems
        ]


@dataclass
class ValuesImport:
    rows: list[ImportRow] = field(default_factory=list)
    #: Problems of the file as a whole (no column of a required name, no rows).
    problems: list[str] = field(default_factory=list)
    saved: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not any(row.problems for row in self.rows)

    @property
    def messages(self) -> list[str]:
        return [*self.problems, *(m for row in self.rows for m in row.messages)]

    @property
    def rows_with_problems(self) -> list[ImportRow]:
        return [row for row in self.rows if row.problems]

    @property
    def new_count(self) -> int:
        return sum(1 for row in self.rows if row.value is not None and row.replaces is None)

    @property
    def replaced_count(self) -> int:
        return sum(1 for row in self.rows if row.replaces is not None)


def template_csv() -> str:
    """An empty file with the columns the import reads, to fill in."""
    return ",".join(COLUMNS) + "\r\n"


def read(text: str) -> ValuesImport:
    result = ValuesImport()
    text = text.removeprefix("\ufeff")
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        lines = list(enumerate(reader, start=1))
    except csv.Error as error:
        result.problems.append(f"The file could not be read as CSV ({error}).")
        return result
    lines = [(n, cells) for n, cells in lines if any(c.strip() for c in cells)]
    if not lines:
        result.problems.append("The file is empty: the first row names the columns.")
        return result
    _, header = lines[0]
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c in REQUIRED and c not in names]
    unknown = [h for h, n in zip(header, names, strict=True) if n and n not in COLUMNS]
    if missing:
        result.problems.append(
            "The file has no column " + ", ".join(f"“{c}”" for c in missing) + "."
        )
    if unknown:
        result.problems.append(
            "The file has a column PACE does not read: "
            + ", ".join(f"“{c.strip()}”" for c in unknown)
            + f". The columns are {', '.join(COLUMNS)}."
        )
    repeated = sorted({n for n in names if n and names.count(n) > 1})
    if repeated:
        result.problems.append(
            "The file has more than one column " + ", ".join(f"“{c}”" for c in repeated) + "."
        )
    if result.problems:
        return result
    for number, cells in lines[1:]:
        padded = cells + [""] * (len(names) - len(cells))
        row = ImportRow(
            number=number,
            cells={c: "" for c in COLUMNS}
            | {n: v.strip() for n, v in zip(names, padded, strict=False) if n},
        )
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
            row.problem("", "The row has more cells than the file has columns.")
        result.rows.append(row)
    if not result.rows:
        result.problems.append("The file has no rows of values under its column names.")
    return result


def read_indicator(row: ImportRow, indicators: dict[str, Indicator]) -> Indicator | None:
    slug = row.cells["indicator"]
    if not slug:
        row.problem("indicator", "Enter the indicator: the last part of its page's address.")
        return None
    if slug not in indicators:
        row.problem(
            "indicator",
            f"There is no indicator “{slug}”: give the last part of its page's address.",
        )
        return None
    return indicators[slug]


def read_place(row: ImportRow, by_slug: dict, by_name: dict) -> Geography | None:
    text = row.cells["area"]
    if not text:
        row.problem("area", "Enter the area: its name, or the last part of its address.")
        return None
    place = by_slug.get(text) or by_name.get(text.casefold())
    if place is None:
        row.problem("area", f"There is no area “{text}”: give its name as PACE shows it.")
    return place


def read_date(row: ImportRow) -> datetime.date | None:
    text = row.cells["period_end"]
    if not text:
        row.problem("period_end", "Enter the date the period ends, like 2026-03-31 or 31/03/2026.")
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    row.problem("period_end", f"“{text}” is not a date: write it like 2026-03-31 or 31/03/2026.")
    return None


def read_number(row: ImportRow) -> Decimal | None:
    text = row.cells["value"].replace(",", "").replace("£", "").removesuffix("%").strip()
    if not text:
        row.problem("value", "Enter the value.")
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        row.problem("value", f"“{row.cells['value']}” is not a number: write it like 12.5.")
        return None
    return amount


def read_status(row: ImportRow) -> str:
    text = row.cells["status"].casefold()
    if not text:
        return ValueStatus.FINAL
    for status in ValueStatus:
        if text in (status.value, status.label.casefold()):
            return status
    row.problem("status", f"“{row.cells['status']}” is not a status: write provisional or final.")
    return ValueStatus.FINAL


def read_unit(row: ImportRow, indicator: Indicator) -> None:
    text = row.cells["unit"]
    unit = Unit(indicator.unit)
    if not text:
        row.problem("unit", f"Enter the unit: {indicator.title} is in “{unit.label}”.")
    elif text.casefold() not in (unit.value.casefold(), unit.label.casefold()):
        row.problem(
            "unit",
            f"“{text}” is not the unit of {indicator.title}: its values are in "
            f"“{unit.label}” ({unit.value}).",
        )


__all__ = [
    "COLUMNS",
    "FIELD_COLUMNS",
    "ImportRow",
    "ValuesImport",
    "read",
    "read_date",
    "read_indicator",
    "read_number",
    "read_place",
    "read_status",
    "read_unit",
    "template_csv",
]
