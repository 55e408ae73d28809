"""Presentation helpers for progress: RAG is shown by text and shape as well as
colour (WCAG 1.4.1), never by colour alone."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from pace.core.rag import rag_display

register = template.Library()
OVERDUE = mark_safe('<strong class="govuk-tag govuk-tag--red">Overdue</strong>')  # a constant


@register.simple_tag
def rag_tag(rating: str | None, short: bool = False):
    """A rating as a tag: its words, its shape and its colour (``pace.core.rag``), on
    the web pages and in the PDFs alike."""
    shown = rag_display(rating)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{} pace-rag">'
        '<span aria-hidden="true">{} </span>{}</strong>',
        shown.colour,
        shown.shape,
        shown.short if short else shown.label,
    )


@register.simple_tag
def action_status_tag(action, today=None):
    """The action's status in plain words, with "Overdue" where it is."""
    if action.is_overdue(today):
        return OVERDUE
    colour = {"complete": "green", "cancelled": "grey", "in_progress": "blue"}.get(
        action.status, "grey"
    )
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, action.get_status_display()
    )


@register.filter
def overdue_on(action, on):
    """Whether ``action`` is overdue on the day ``on`` (``Action.is_overdue``)."""
    return action.is_overdue(on)
