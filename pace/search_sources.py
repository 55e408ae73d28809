"""What the site search looks through: each source is the public queryset of its
kind of record, from the selectors the public pages use."""

from django.utils.text import Truncator

from funding import selectors as funding_selectors
from partnerships.models import AgendaItem, Body
from strategy import selectors as strategy_selectors

from .search import Hit, Source, register


def _summary(text: str) -> str:
    return Truncator(text or "").words(30)


register(
    Source(
        kind="Partnership bodies",
        queryset=lambda: Body.objects.current(),
        fields=("name", "remit", "area_name"),
        hit=lambda b: Hit("Body", b.name, b.get_absolute_url(), _summary(b.remit)),
    )
)
register(
    Source(
        kind="Actions",
        queryset=lambda: strategy_selectors.action_list(strategy_selectors.visible_actions(None)),
        fields=("title", "description", "measure_of_success", "target"),
        hit=lambda a: Hit(
            "Action",
            a.title,
            a.get_absolute_url(),
            f"{a.plan.body.name}. {_summary(a.description)}",
        ),
    )
)
register(
    Source(
        kind="Meeting agenda items",
        # Public items of public meetings only: a confidential item's title is
        # itself confidential.
        queryset=lambda: AgendaItem.objects.filter(
            is_confidential=False, meeting__is_public=True
        ).select_related("meeting__body"),
        fields=("title", "papers", "meeting__title"),
        hit=lambda i: Hit(
            "Meeting",
            f"{i.meeting.title}: {i.title}",
            i.meeting.get_absolute_url(),
            f"{i.meeting.body.name}, {i.meeting.starts_at:%-d %B %Y}",
        ),
    )
)
register(
    Source(
        kind="Grants",
        queryset=funding_selectors.public_awards,
        fields=("title", "description", "recipient_body__name", "recipient_organisation__name"),
        hit=lambda g: Hit("Grant", g.title, g.get_absolute_url(), f"{g.recipient}, {g.fund.name}"),
    )
)
