"""Public pages of the partnership structure. Meetings: ``meeting_views``."""

import datetime

from django import forms
from django.shortcuts import get_object_or_404, render

from pace.core.cache import cache_params

from . import chart_relations, question_selectors, selectors, structure_chart
from .access import body_access
from .kept_pages import kept_for_scope
from .models import Body
from .models.meetings import MeetingStatus
from .panels import body_panels

#: The example the date field gives: the day the refreshed strategy went live, when
#: the structure Cabinet agreed on 12 July 2016 was in place (it took effect on
#: 1 September 2016, so the day of the decision itself shows no bodies).
ON_DATE_EXAMPLE = "01/04/2017"


class OnDateForm(forms.Form):
    on = forms.DateField(
        label="Show the structure as it was on",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=f"For example, {ON_DATE_EXAMPLE}",
        error_messages={"invalid": f"Enter a real date, like {ON_DATE_EXAMPLE}"},
    )


def _on_date(request) -> tuple[OnDateForm, datetime.date | None]:
    form = OnDateForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["on"]
    return form, None


@cache_params(OnDateForm)
@kept_for_scope
def structure(request):
    """The whole structure as a chart of each top body and those accountable to it
    (the cabinet report's), with the typed relations between them, and in full as a
    nested list and a list of relations: the charts' text twin. Template:
    partnerships/structure.html."""
    form, on = _on_date(request)
    tree = selectors.structure_tree(on=on)
    rows = selectors.structure_rows(tree)
    relations = selectors.structure_relations(on=on)
    return render(
        request,
        "partnerships/structure.html",
        {
            "rows": rows,
            "charts": structure_chart.overview_charts(tree, relations),
            # The relations the charts draw, and those below them, as sentences.
            "relations": chart_relations.relations_list(
                relations, {row.body.pk: row.body.name for row in rows}
            ),
            "form": form,
            "on": on,
            "nav_section": "partnerships",
        },
    )


@kept_for_scope
def body_detail(request, slug: str):
    """One body: its next meeting, remit, chain of accountability, bodies below,
    typed relations with other bodies both ways, wards, members and meetings.
    Template: partnerships/body_detail.html."""
    body = get_object_or_404(Body.objects.select_related("parent"), slug=slug)
    access = body_access(request)
    form, on = _on_date(request)
    meetings = selectors.meetings_visible(access, body)
    upcoming = list(meetings.upcoming()[:10])
    ancestors = list(body.get_ancestors())
    return render(
        request,
        "partnerships/body_detail.html",
        {
            "body": body,
            "ancestors": ancestors,
            "children": list(body.get_children().current(on)),
            "relations": selectors.body_relations(body, on=on),
            "wards": selectors.wards_of(body),
            "contact": selectors.body_contact(body, ancestors),
            "members": list(selectors.body_members(body, on=on)),
            "upcoming": upcoming,
            # An Area Assembly's meetings taking residents' questions now (no query).
            "asking": question_selectors.meetings_taking_questions(body, upcoming),
            # The first of those to come that is not cancelled, shown first: no query
            # of its own, and seen by whoever sees it in the list (``meetings_visible``).
            "next_meeting": next(
                (m for m in upcoming if m.status != MeetingStatus.CANCELLED), None
            ),
            "past": list(meetings.past()[:10]),
            "form": form,
            "on": on,
            "is_member_view": access.can_see_confidential(body),
            "panels": body_panels(request, body),
            "breadcrumbs": _body_breadcrumbs(ancestors, body),
            "nav_section": "partnerships",
        },
    )


def _body_breadcrumbs(ancestors: list[Body], body: Body | None, *, link_body: bool = False):
    crumbs = [("Partnerships", "/partnerships/")]
    crumbs += [(a.name, a.get_absolute_url()) for a in ancestors]
    if body is not None:
        crumbs.append((body.name, body.get_absolute_url() if link_body else None))
    return crumbs
