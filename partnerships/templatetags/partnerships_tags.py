"""Template filters of the partnership pages."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from ..selectors import StructureRow

register = template.Library()

_ITEM = (
    '<li><a class="govuk-link" href="{}">{}</a> '
    '<span class="govuk-body-s pace-secondary">{}{}</span>'
)
_NESTED = '<ul class="govuk-list pace-tree pace-tree--nested">'


@register.filter
def structure_list(rows: list[StructureRow]) -> SafeString:
    """The structure as nested lists, one ``<li>`` per body. Written here rather than
    by a template loop: at 10,000 bodies the loop's variable look-ups were most of
    the page's time (tests/bench). Every value is escaped by ``format_html``."""
    parts = ['<ul class="govuk-list pace-tree">']
    for row in rows:
        body = row.body
        parts.append(
            format_html(
                _ITEM,
                row.url,
                body.name,
                row.kind_label,
                " (illustrative)" if body.is_illustrative else "",
            )
        )
        parts.append(_NESTED if row.has_children else "</li>")
        parts.append("</ul></li>" * row.closes)
    parts.append("</ul>")
    # Safe: the markup is fixed and every value went through format_html's escaping.
    return mark_safe("\n".join(parts))  # noqa: S308
