"""The Service navigation of ``base.html`` (GOV.UK Frontend's pattern), written here
rather than by an included template for each item: on every page, signed-in pages
kept whole among them, seven includes were about half of what ``base.html`` cost."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

#: (the page's ``nav_section``, the address, the label) of each item, in order.
SECTIONS = (
    ("strategy", "/", "Strategy"),
    ("partnerships", "/partnerships/", "Partnerships"),
    ("meetings", "/meetings/", "Meetings"),
    ("decisions", "/decisions/", "Decisions"),
    ("funding", "/funding/", "Funding"),
    ("consultations", "/consultations/", "Consultations"),
    ("reports", "/reports/", "Reports"),
)

_ITEM = (
    '<li class="govuk-service-navigation__item">\n'
    '<a class="govuk-service-navigation__link" href="{}">{}</a>\n</li>'
)
_ACTIVE = (
    '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">\n'
    '<a class="govuk-service-navigation__link" href="{}" aria-current="page">'
    '<strong class="govuk-service-navigation__active-fallback">{}</strong></a>\n</li>'
)


@register.simple_tag
def service_navigation_items(nav_section: str | None) -> str:
    """The items, the page's own section marked as the current one."""
    return format_html_join(
        "\n",
        "{}",
        (
            (format_html(_ACTIVE if key == nav_section else _ITEM, href, label),)
            for key, href, label in SECTIONS
        ),
    )
