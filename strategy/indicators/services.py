"""Writing indicators, their targets and values, and turn-the-curve reports: every
door (the members' value form, the admin and its inlines, the CSV import) comes
through here, so a value is checked by the same rules wherever it is entered.

A value is refused, with a message on the field that is wrong, when:
- its date does not end one of the indicator's periods (a yearly indicator's values
  are for financial years ending 31 March), or that period has not ended yet;
- its place is not the indicator's, or within it;
- it does not fit the unit (a percentage over 100, a count with a fraction, a
  negative number where none can be), or has more decimal places than the
  indicator is given to;
- the indicator already has a value for that period and place.

A CSV file of values (``indicator_values_import``, read by ``value_csv``) is checked
whole by the same rules before anything is saved: a row for a period and place
that has a provisional value replaces it (the figure that follows a provisional
one); a final value is not replaced by an import, and a period and place given
twice in the file is refused on the second row. One row with a problem and nothing
is saved.

One module past the usual length: the value rules and the two doors that apply
them to many values at once (the admin's rows, the CSV file) are read together;
reading the file itself is ``value_csv``'s.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pace.core.access import is_officer

from . import value_csv
from .models import (
    UNITS,
    CurveReport,
    Geography,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    IndicatorValue,
    ValueStatus,
)
from .models.indicators import next_period_end, period_ends


def can_enter_values(user, indicator: Indicator, access=None) -> bool:
    """Officers who may add values, and the current members of the body that owns
    the indicator (``access`` is the request's ``BodyAccess``, if it has one)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_officer(user, "indicators.add_indicatorvalue"):
        return True
    if access is None:
        from partnerships.access import BodyAccess

        access = BodyAccess(user)
    return indicator.owner_id in access.managed_body_ids


def _first_lower(text: str) -> str:
    """A frequency's label within a sentence ("is yearly (financial years, ending
    31 March)"): only its first letter is lowered, so the month keeps its capital."""
    return text[:1].lower() + text[1:]


def _places() -> dict[int, Geography]:
    return {g.pk: g for g in Geography.objects.all()}


def value_problems(
    *,
    indicator: Indicator,
    geography: Geography | None,
    period_end: datetime.date | None,
    value: Decimal | None,
    today: datetime.date | None = None,
    places: dict[int, Geography] | None = None,
) -> dict[str, ValidationError]:
    """What is wrong with a value for ``indicator``, by field (empty if nothing)."""
    today = today or timezone.localdate()
    errors: dict[str, ValidationError] = {}
    if period_end is not None:
        if not period_ends(indicator.frequency, period_end):
            suggestion = next_period_end(indicator.frequency, period_end)
            errors["period_end"] = ValidationError(
                "%(indicator)s is %(frequency)s: enter a date that ends one of its periods, "
                "such as %(suggestion)s",
                code="not_a_period_end",
                params={
                    "indicator": indicator.title,
                    "frequency": _first_lower(indicator.get_frequency_display()),
                    "suggestion": f"{suggestion:%-d %B %Y}",
                },
            )
        elif period_end > today:
            errors["period_end"] = ValidationError(
                "The period ending %(date)s has not ended yet",
                code="period_not_ended",
                params={"date": f"{period_end:%-d %B %Y}"},
            )
    if geography is not None:
        places = places if places is not None else _places()
        home = places.get(indicator.geography_id) or indicator.geography
        if not geography.within(home, places):
            errors["geography"] = ValidationError(
                "%(indicator)s is for %(home)s: choose %(home)s or a place within it",
                code="outside_geography",
                params={"indicator": indicator.title, "home": home.name},
            )
    if value is not None:
        spec = UNITS[indicator.unit]
        unit = indicator.unit_label
        if spec.low is not None and value < spec.low:
            errors["value"] = ValidationError(
                "The value cannot be below %(low)s %(unit)s",
                code="below_unit",
                params={"low": spec.low, "unit": unit},
            )
        elif spec.high is not None and value > spec.high:
            errors["value"] = ValidationError(
                "The value cannot be above %(high)s %(unit)s",
                code="above_unit",
                params={"high": spec.high, "unit": unit},
            )
        elif spec.whole and value != value.to_integral_value():
            errors["value"] = ValidationError("The value must be a whole number", code="not_whole")
        elif -value.as_tuple().exponent > indicator.decimal_places and value != round(
            value, indicator.decimal_places
        ):
            errors["value"] = ValidationError(
                "Give the value to %(places)s decimal places or fewer",
                code="too_many_places",
                params={"places": indicator.decimal_places},
            )
    return errors


def _duplicate(value: IndicatorValue) -> ValidationError:
    return ValidationError(
        "There is already a value for %(place)s for the period ending %(date)s",
        code="duplicate",
        params={"place": value.geography.name, "date": f"{value.period_end:%-d %B %Y}"},
    )


def indicator_value_problems(
    *,
    value: IndicatorValue,
    today: datetime.date | None = None,
    places: dict[int, Geography] | None = None,
    check_stored: bool = True,
) -> dict[str, ValidationError]:
    """Everything that would stop ``value`` being saved, by field: the rules above
    (``value_problems``), the model's own (a required field left empty, a note too
    long) and, unless the caller has looked already (``check_stored=False``: the
    import, which reads every stored value of its file at once), a value already
    stored for the same period and place."""
    errors = value_problems(
        indicator=value.indicator,
        geography=value.geography if value.geography_id else None,
        period_end=value.period_end,
        value=value.value,
        today=today,
        places=places,
    )
    exclude = list(errors)
    if value.indicator.pk is None:
        exclude.append("indicator")  # to be saved with it (the admin's inline rows)
    try:
        # The one constraint (a value once a period and place) is checked below, with
        # a message on the date that names the place and the period.
        value.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, ValidationError(messages))
    if check_stored and not errors and value.geography_id and value.period_end:
        clash = IndicatorValue.objects.filter(
            indicator=value.indicator,
            geography=value.geography,
            period_end=value.period_end,
        ).exclude(pk=value.pk)
        if clash.exists():
            errors["period_end"] = _duplicate(value)
    return errors


def indicator_values_problems(
    *,
    indicator: Indicator,
    values: list[IndicatorValue],
    deleted: list[IndicatorValue] = (),
    today: datetime.date | None = None,
) -> list[dict[str, ValidationError]]:
    """The problems of each of ``values`` of ``indicator`` sent together (the rows of
    the admin's inline, new or changed), in their order: each as
    ``indicator_value_problems``, and a value for a period and place that a row
    above it has, or that a stored value keeps (one not among ``deleted``; a stored
    value moving away in the same form still holds its place until it is saved, so
    that the rows can be saved in any order)."""
    places = _places()
    leaving = {v.pk for v in deleted if v.pk}
    stored: dict[tuple, int] = {}
    if indicator.pk:
        for pk, geography_id, period_end in IndicatorValue.objects.filter(
            indicator=indicator
        ).values_list("pk", "geography_id", "period_end"):
            if pk not in leaving:
                stored[(geography_id, period_end)] = pk
    seen: set[tuple] = set()
    found = []
    for value in values:
        value.indicator = indicator
        errors = indicator_value_problems(
            value=value, today=today, places=places, check_stored=False
        )
        key = (value.geography_id, value.period_end)
        if "period_end" not in errors and value.geography_id and value.period_end:
            if key in seen or stored.get(key, value.pk) != value.pk:
                errors["period_end"] = _duplicate(value)
            seen.add(key)
        found.append(errors)
    return found


def indicator_value_save(
    *, value: IndicatorValue, by=None, today: datetime.date | None = None
) -> IndicatorValue:
    """Add or change a value, checked by the rules above; nothing is saved if any
    is broken. ``by`` is recorded as who entered a new value."""
    errors = indicator_value_problems(value=value, today=today)
    if errors:
        raise ValidationError(errors)
    if by is not None and getattr(by, "pk", None) and value.pk is None:
        value.entered_by = by
    try:
        with transaction.atomic():
            value.save()
    except IntegrityError:
        # Another value for the same period and place was saved in the moment since
        # the check (two members at once): the same message as if it had been first.
        raise ValidationError({"period_end": _duplicate(value)}) from None
    return value


def indicator_value_delete(*, value: IndicatorValue) -> None:
    value.delete()


def indicator_save(*, indicator: Indicator) -> Indicator:
    """Add or change an indicator. A performance measure belongs to its plan's
    body unless another owner is chosen."""
    if indicator.kind == IndicatorKind.PERFORMANCE and indicator.plan_id and not indicator.owner_id:
        indicator.owner_id = indicator.plan.body_id
    indicator.full_clean()
    indicator.save()
    return indicator


def indicator_target_save(*, target: IndicatorTarget) -> IndicatorTarget:
    target.full_clean()
    target.save()
    return target


def indicator_target_delete(*, target: IndicatorTarget) -> None:
    target.delete()


def curve_report_save(*, report: CurveReport) -> CurveReport:
    """Add or change a turn-the-curve report's text (publishing is its own service)."""
    report.full_clean()
    report.save()
    return report


def geography_problems(*, geography: Geography) -> dict[str, ValidationError]:
    """A place cannot be within itself or a place within it."""
    if geography.pk and geography.parent_id:
        places = _places()
        places[geography.pk] = geography
        parent = places.get(geography.parent_id)
        if parent is not None and parent.within(geography, places):
            return {
                "parent": ValidationError(
                    "A place cannot be within itself or a place within it",
                    code="parent_cycle",
                )
            }
    return {}


def geography_save(*, geography: Geography) -> Geography:
    """Add or change a place (``geography_problems``)."""
    errors = geography_problems(geography=geography)
    if errors:
        raise ValidationError(errors)
    geography.full_clean()
    geography.save()
    return geography


def indicator_values_import(
    *, text: str, by=None, save: bool, today: datetime.date | None = None
) -> value_csv.ValuesImport:
    """Check every row of ``text`` (CSV with a first row of column names) and, if
    ``save`` and no row has a problem, save them all in one transaction. Nothing is
    saved otherwise; the result says what each row would do or what is wrong."""
    result = value_csv.read(text)
    if result.problems:
        return result
    _import_check(result, today=today)
    if save and result.ok and result.rows:
        try:
            with transaction.atomic():
                for row in result.rows:
                    if row.replaces is not None and by is not None and getattr(by, "pk", None):
                        row.value.entered_by = by
                    _import_save(row, by=by, today=today)
        except _RowRefused:
            return result
        result.saved = True
    return result


class _RowRefused(Exception):
    """A row refused at the save (the data changed since its check): the transaction
    is rolled back, and the row says why."""


def _import_save(row: value_csv.ImportRow, *, by, today) -> None:
    try:
        indicator_value_save(value=row.value, by=by, today=today)
    except ValidationError as error:
        _row_errors(row, error)
        raise _RowRefused from error


def _row_errors(row: value_csv.ImportRow, error: ValidationError) -> None:
    for name, messages in error.message_dict.items():
        for message in messages:
            row.problem(value_csv.FIELD_COLUMNS.get(name, ""), message)


def _import_check(result: value_csv.ValuesImport, *, today: datetime.date | None) -> None:
    """Each row's problems, and the value it would save; three queries for the file
    (its indicators, the places, the values stored for those indicators) and the
    model's own checks."""
    slugs = {row.cells["indicator"] for row in result.rows}
    indicators = {
        i.slug: i for i in Indicator.objects.filter(slug__in=slugs).select_related("geography")
    }
    places = {g.pk: g for g in Geography.objects.all()}
    by_slug = {g.slug: g for g in places.values()}
    by_name = {g.name.casefold(): g for g in places.values()}
    stored = {
        (v.indicator_id, v.geography_id, v.period_end): v
        for v in IndicatorValue.objects.filter(indicator__in=indicators.values())
    }
    first_row: dict[tuple, int] = {}
    for row in result.rows:
        cells = row.cells
        indicator = value_csv.read_indicator(row, indicators)
        place = value_csv.read_place(row, by_slug, by_name)
        period_end = value_csv.read_date(row)
        amount = value_csv.read_number(row)
        status = value_csv.read_status(row)
        if indicator is not None:
            value_csv.read_unit(row, indicator)
        if row.problems or indicator is None:
            continue
        key = (indicator.pk, place.pk, period_end)
        if key in first_row:
            row.problem(
                "period_end",
                f"Row {first_row[key]} already has a value of {indicator.title} for "
                f"{place.name} for the period ending {period_end:%-d %B %Y}: give each "
                "period and place once.",
            )
            continue
        first_row[key] = row.number
        existing = stored.get(key)
        if existing is not None and existing.status == ValueStatus.FINAL:
            row.problem(
                "period_end",
                f"{indicator.title} has a final value for {place.name} for the period "
                f"ending {period_end:%-d %B %Y} ({existing.value.normalize():f}): an "
                "import does not replace a final value. Leave the row out, or correct "
                "the value in the admin.",
            )
            continue
        if existing is not None:
            row.replaces = (existing.value, existing.status)
            value = existing
        else:
            value = IndicatorValue(indicator=indicator, geography=place, period_end=period_end)
        value.indicator = indicator
        value.value = amount
        value.status = status
        value.note = cells["note"]
        errors = indicator_value_problems(
            value=value, today=today, places=places, check_stored=False
        )
        if errors:
            _row_errors(row, ValidationError(errors))
            row.replaces = None
            continue
        row.value = value


# Publishing turn-the-curve reports ---------------------------------------------------

#: The name of a turn-the-curve report's document among its published versions.
CURVE_REPORT = "turn-the-curve"


def curve_report_versions(report: CurveReport) -> list:
    """Every published version of the report, the first first (one query)."""
    from pace.core.publication import published_versions

    return published_versions(report, CURVE_REPORT)


def _curve_report_freeze(report: CurveReport, *, by=None, correction: str = ""):
    from django.template.loader import render_to_string

    from pace.core.publication import version_publish

    from .selectors import curve_report_document

    doc = curve_report_document(report)
    return version_publish(
        record=report,
        document=CURVE_REPORT,
        title=doc.title,
        author=doc.author,
        html=render_to_string("indicators/_curve_report_body.html", {"doc": doc}),
        by=by,
        correction=correction,
    )


def curve_report_publish(*, report: CurveReport, by=None, correction: str = ""):
    """Publish a turn-the-curve report as a record: its text with its indicator's
    figures, chart and status as they stand today are kept (``pace.core.
    publication``), and its page and PDF show that copy whatever changes later. A
    published report changes only by a correction (``correction`` says what it
    changed), published as a new version beside the earlier ones. Only a report
    on a published indicator can be published. Returns the version published."""
    from .models import CurveReportStatus

    with transaction.atomic():
        report = (
            CurveReport.objects.select_for_update(of=("self",))
            .select_related("indicator__geography", "indicator__owner", "body", "plan")
            .get(pk=report.pk)
        )
        if not report.indicator.is_public:
            raise ValidationError(
                "Publish the indicator before a report on it: its figures would be public "
                "in the report.",
                code="indicator_not_public",
            )
        first = report.status != CurveReportStatus.PUBLISHED
        if first and correction.strip():
            raise ValidationError(
                {"correction": "This report is a draft: publish it, there is nothing to correct."},
                code="not_published",
            )
        if first:
            report.status = CurveReportStatus.PUBLISHED
            report.published_on = timezone.localdate()
            report.full_clean()
            report.save(update_fields=["status", "published_on"])
            return _curve_report_freeze(report, by=by)
        if not curve_report_versions(report):
            # Marked published without being kept (loaded records): kept as it stands.
            kept = _curve_report_freeze(report, by=by)
            if not correction.strip():
                return kept
        return _curve_report_freeze(report, by=by, correction=correction)


def curve_report_freeze(*, report: CurveReport):
    """The first version of a report marked published but never kept (loaded
    records): kept as it stands now. Returns the latest version."""
    versions = curve_report_versions(report)
    return versions[-1] if versions else curve_report_publish(report=report)
