"""Template filters of the partnership pages."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from pace.core.templatetags.choices import options_html

from ..selectors import StructureRow

register = template.Library()

_NESTED = '<ul class="govuk-list pace-tree pace-tree--nested">'


@register.filter
def structure_list(rows: list[StructureRow]) -> SafeString:
    """The structure as nested lists, one ``<li>`` per body. Written here rather than
    by a template loop: at 10,000 bodies the loop's variable look-ups were most of
    the page's time (tests/bench). Every value is escaped, by the standard library's
    ``html.escape`` (which Django's ``escape`` calls, without its lazy-string wrapper:
    a fifth of this filter's time at a thousand bodies)."""
    parts = ['<ul class="govuk-list pace-tree">']
    for row in rows:
        body = row.body
        illustrative = " (illustrative)" if body.is_illustrative else ""
        parts.append(
            f'<li><a class="govuk-link" href="{escape(row.url)}">{escape(body.name)}</a> '
            f'<span class="govuk-body-s pace-secondary">{escape(body.kind_label)}'
            f"{illustrative}</span>"
        )
        parts.append(_NESTED if row.has_children else "</li>")
        parts.append("</ul></li>" * row.closes)
    parts.append("</ul>")
    # Safe: the markup is fixed and every value went through escape().
    return mark_safe("\n".join(parts))  # noqa: S308


@register.simple_tag
def slug_options(field) -> SafeString:
    """The ``<option>``s of a ``SlugChoiceField`` (a bound field): its empty choice,
    then one per record, the chosen one selected. Written here for the reason
    ``structure_list`` is: a template loop over a county's 1,000 bodies took longer
    than the rest of the page. The standard library's ``html.escape`` rather than
    ``format_html``, which took a tenth of a millisecond per option."""
    empty_label = field.field.empty_label  # None for a required field
    empty = [] if empty_label is None else [("", empty_label)]
    return options_html([*empty, *field.field.options()], field.value())
