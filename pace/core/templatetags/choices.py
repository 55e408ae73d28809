"""``{% choice_options field %}``: the ``<option>``s of a bound choice field, the one
sent (or first given) selected. Written in Python for the reason
``partnerships_tags.slug_options`` is: a template loop over a county's bodies or
wards costs a lookup chain for every option, and took most of a form page's time
(the referral form's three lists, for an officer, at 1,000 bodies)."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def options_html(choices, chosen: str | None) -> SafeString:
    """An ``<option>`` for each ``(value, label)`` of ``choices``, the one whose value
    is ``chosen`` selected (none when it is ``None``)."""
    chosen = None if chosen is None else str(chosen)
    parts = []
    for value, label in choices:
        value = "" if value is None else str(value)
        selected = " selected" if value == chosen else ""
        parts.append(f'<option value="{escape(value)}"{selected}>{escape(str(label))}</option>')
    # Safe: the markup is fixed and every value went through html.escape (quotes too).
    return mark_safe("\n".join(parts))  # noqa: S308


@register.simple_tag
def choice_options(field) -> SafeString:
    chosen = field.value()
    return options_html(field.field.choices, "" if chosen is None else chosen)


@register.simple_tag
def checkbox_items(field, options, chosen) -> SafeString:
    """GOV.UK checkbox items for a multiple choice ``field``, one for each of
    ``options`` (records with ``pk`` and ``name``), checked where the ``pk`` is in
    ``chosen`` (strings); the first carries the field's id, for its label and the
    error summary's link."""
    name = escape(field.html_name)
    first_id = escape(field.id_for_label)
    chosen = {str(value) for value in chosen or ()}
    parts = []
    for number, option in enumerate(options):
        pk = escape(str(option.pk))
        box = first_id if number == 0 else f"{first_id}-{pk}"
        checked = " checked" if str(option.pk) in chosen else ""
        parts.append(
            '<div class="govuk-checkboxes__item">'
            f'<input class="govuk-checkboxes__input" id="{box}" name="{name}" type="checkbox"'
            f' value="{pk}"{checked}>'
            f'<label class="govuk-label govuk-checkboxes__label" for="{box}">'
            f"{escape(str(option.name))}</label></div>"
        )
    # Safe: as choice_options.
    return mark_safe("\n".join(parts))  # noqa: S308
