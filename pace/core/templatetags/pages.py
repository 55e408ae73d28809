"""``{% page_query param number %}``: the current query string with one parameter
set to a page number, the others kept. Django's own ``{% querystring %}`` takes
only literal names, and a page with several paged lists (the dashboard's, the
meetings list's) names each list's parameter."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number: int) -> str:
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
