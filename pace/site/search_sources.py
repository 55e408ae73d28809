"""What the site search looks through: each source is the public queryset of its
kind of record, from the selectors the public pages use."""

from django.utils.text import Truncator

from funding import selectors as funding_selectors
from pace.reports.models import CabinetReport
from pace.site.search import Hit, Related, Source, register
from partnerships.models import AgendaItem, Body, Decision
from strategy import selectors as strategy_selectors
from strategy.consultations.models import Consultation


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
        # What a hit shows needs only the plan's body: the joins of a full action
        # list would cost more to plan than the search costs to run.
        queryset=lambda: strategy_selectors.visible_actions(None).select_related("plan__body"),
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
        fields=("title", "papers"),
        related=(Related("meeting", ("title",)),),
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
        kind="Decisions",
        # The public decisions only: one on a confidential item is as confidential
        # as the item (``DecisionQuerySet.public``).
        queryset=lambda: Decision.objects.public().select_related("meeting__body"),
        fields=("title", "text"),
        hit=lambda d: Hit(
            "Decision",
            d.title,
            d.get_absolute_url(),
            f"{d.decided_by}, {d.decided_on:%-d %B %Y}. {_summary(d.text)}",
        ),
    )
)
register(
    Source(
        kind="Grants",
        queryset=funding_selectors.public_awards,
        fields=("title", "description"),
        related=(
            Related("recipient_body", ("name",)),
            Related("recipient_organisation", ("name",)),
        ),
        hit=lambda g: Hit("Grant", g.title, g.get_absolute_url(), f"{g.recipient}, {g.fund.name}"),
    )
)
register(
    Source(
        kind="Consultations",
        # Only what a published consultation's page always shows: responses and the
        # outcome appear on its page only once the outcome is published.
        queryset=lambda: Consultation.objects.published(),
        fields=("title", "purpose", "local_issue"),
        hit=lambda c: Hit(
            "Consultation",
            c.title,
            c.get_absolute_url(),
            f"Open {c.opens_on:%-d %B %Y} to {c.closes_on:%-d %B %Y}. {_summary(c.purpose)}",
        ),
    )
)
register(
    Source(
        kind="Reports",
        queryset=lambda: CabinetReport.objects.published(),
        fields=("title", "committee", "report_of", "portfolio_holder"),
        hit=lambda r: Hit(
            "Report", r.title, r.get_absolute_url(), f"{r.committee}, {r.meeting_on:%-d %B %Y}"
        ),
    )
)
