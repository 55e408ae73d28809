"""Presentation helpers for progress: RAG is shown by text and shape as well as
colour (WCAG 1.4.1), never by colour alone."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()
OVERDUE = mark_safe('<strong class="govuk-tag govuk-tag--red">Overdue</strong>')  # a constant

# rating: (label, shape, GOV.UK tag colour)
RAG_DISPLAY = {
    "red": ("Red: off track", "▲", "red"),
    "amber": ("Amber: at risk", "◆", "orange"),
    "green": ("Green: on track", "●", "green"),
    "": ("No update yet", "○", "grey"),
}


@register.simple_tag
def rag_tag(rating: str | None, short: bool = False):
    label, shape, colour = RAG_DISPLAY.get(rating or "", RAG_DISPLAY[""])
    text = label.split(":")[0] if short else label
    return format_html(
        '<strong class="govuk-tag govuk-tag--{} pace-rag">'
        '<span aria-hidden="true">{} </span>{}</strong>',
        colour,
        shape,
        text,
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
