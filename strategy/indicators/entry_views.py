"""A board member enters a value of an indicator their body keeps (officers may
too): ``value_create``. The form reads what was typed; the services decide
whether it may be saved and say why not, on the field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from partnerships.access import body_access
from partnerships.kept_pages import kept_for_scope

from . import selectors, services
from .forms import ValueForm
from .models import Geography, GeographyKind, Indicator, IndicatorValue, Unit

_KIND_ORDER = {GeographyKind.AUTHORITY: 0, GeographyKind.AREA: 1, GeographyKind.WARD: 2}


def places_for(indicator: Indicator) -> list[Geography]:
    """The indicator's place and the places within it, its own first, then the
    areas and the wards, each by name (one query: the table is small)."""
    places = {g.pk: g for g in Geography.objects.all()}
    home = places.get(indicator.geography_id, indicator.geography)
    within = [g for g in places.values() if g.pk != home.pk and g.within(home, places)]
    within.sort(key=lambda g: (_KIND_ORDER.get(g.kind, 9), g.name))
    return [home, *within]


@login_required
@require_http_methods(["GET", "POST"])
@kept_for_scope
def value_create(request, slug: str):
    """Enter a value of an indicator. Template: indicators/value_form.html."""
    access = body_access(request)
    indicator = get_object_or_404(selectors.indicators_visible(access), slug=slug)
    if not services.can_enter_values(request.user, indicator, access):
        raise PermissionDenied(
            "Only officers and members of the body that keeps the indicator can enter its values."
        )
    form = ValueForm(request.POST or None, indicator=indicator, places=places_for(indicator))
    if request.method == "POST" and form.is_valid():
        value = IndicatorValue(
            indicator=indicator,
            geography=form.place,
            period_end=form.cleaned_data["period_end"],
            value=form.cleaned_data["value"],
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
        try:
            services.indicator_value_save(value=value, by=request.user)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _saved_text(value))
            return redirect(indicator)
    return render(
        request,
        "indicators/value_form.html",
        {
            "indicator": indicator,
            "form": form,
            "nav_section": "strategy",
            "breadcrumbs": [
                ("Strategy", "/"),
                ("Indicators", "/indicators/"),
                (indicator.title, indicator.get_absolute_url()),
                ("Enter a value", None),
            ],
        },
    )


def _saved_text(value: IndicatorValue) -> str:
    amount = f"{value.value.normalize():f}"
    unit = value.indicator.unit_label
    if value.indicator.unit == Unit.GBP:
        shown = f"£{amount}"
    elif value.indicator.unit == Unit.PERCENT:
        shown = f"{amount}%"
    else:
        shown = f"{amount} {unit}"
    return (
        f"{shown} for {value.geography.name}, for the period ending "
        f"{value.period_end:%-d %B %Y}, has been saved as {value.get_status_display().lower()}."
    )
