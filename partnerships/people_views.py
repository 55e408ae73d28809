"""A person's public page: the roles they hold or held, the bodies and
organisations they represent, their attendance at meetings and their declarations
of interest. Nothing private about them is read (``records``)."""

from django.shortcuts import get_object_or_404, render

from pace.core.cache import cache_params

from . import records, selectors
from .access import body_access
from .forms import PeriodForm
from .models import Person

#: Attendance rows shown at once; the period narrows the list.
ATTENDANCE_ROWS = 100


@cache_params(PeriodForm)
def person_detail(request, slug: str):
    """``/people/<slug>/``. Template: partnerships/person_detail.html."""
    person = get_object_or_404(Person, slug=slug)
    access = body_access(request)
    form = PeriodForm(request.GET or None)
    period = form.cleaned_data if form.is_bound and form.is_valid() else {}
    attendance = list(
        records.person_attendance(
            person, access, since=period.get("since"), until=period.get("until")
        )[: ATTENDANCE_ROWS + 1]
    )
    declarations = selectors.declarations_register(access=access, person=person)[:50]
    return render(
        request,
        "partnerships/person_detail.html",
        {
            "person": person,
            "memberships": list(records.person_memberships(person)),
            "interests": records.person_interests(person),
            "form": form,
            "attendance": attendance[:ATTENDANCE_ROWS],
            "more_attendance": len(attendance) > ATTENDANCE_ROWS,
            "present": sum(a.status == "present" for a in attendance[:ATTENDANCE_ROWS]),
            "declarations": selectors.register_entries(list(declarations), access),
            "nav_section": "partnerships",
        },
        status=400 if form.errors else 200,
    )
