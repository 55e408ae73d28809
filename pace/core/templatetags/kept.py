"""``{% keep "name" %}...{% endkeep %}``: a part of ``base.html`` that a page kept for
its readers' scope can send again without rendering it (``pace.core.fragments``).

While a page is rendered for keeping (``start_keeping``), each part's output is
noted on the request as well as written; when a kept page is sent, ``base.html`` is
rendered with ``kept_parts`` in its context, and each part is written from there.
Everything outside the parts (who is signed in, the sign-out form and its token,
messages, the session's timeout) is rendered for each request."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class KeepNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, nodelist: template.NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context) -> str:
        kept = context.get("kept_parts")
        if kept is not None:
            return mark_safe(kept.get(self.name, ""))  # noqa: S308 (rendered by this tag, escaped then)
        output = self.nodelist.render(context)
        request = context.get("request")
        noting = getattr(request, "_pace_keeping", None)
        if noting is not None:
            noting[self.name] = str(output)
            noting.setdefault("nav_section", context.get("nav_section"))
        return output


@register.tag
def keep(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "'\"" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("{% keep %} takes one quoted name")
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(bits[1][1:-1], nodelist)
