"""What the site search looks through: each source is the public queryset of its
kind of record, from the selectors the public pages use, read as an anonymous
visitor reads them. The order here is the order of the type filter, and of hits
that score the same."""

import html

from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from funding import selectors as funding_selectors
from funding.models import Fund
from pace.core.models import PublishedVersion
from pace.referrals.selectors import public_referrals
from pace.reports.models import CabinetReport, ReportParagraph
from pace.site.search import Hit, Related, Source, register
from partnerships.models import AgendaItem, Body, Decision, Meeting, Membership, Person
from partnerships.services.meetings import MINUTES
from strategy import selectors as strategy_selectors
from strategy.consultations.models import Consultation
from strategy.models import Outcome, Priority


def _summary(text: str) -> str:
    return Truncator(text or "").words(30)


def _day(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return f"{value:%-d %B %Y}"


def _strategies():
    """Strategies as an anonymous visitor may read them: no drafts."""
    return strategy_selectors.strategies_visible(AnonymousUser())


register(
    Source(
        kind="bodies",
        label="Partnership bodies",
        queryset=lambda: Body.objects.current(),
        fields=("name", "remit", "area_name"),
        body="pk",
        hit=lambda b: Hit("Body", b.name, b.get_absolute_url(), b.remit, b.get_kind_display()),
    )
)


def _roles(person: Person) -> str:
    roles = [f"{m.get_role_display()}, {m.body.name}" for m in person.search_roles]
    return "; ".join(roles[:3]) + ("; …" if len(roles) > 3 else "")


register(
    Source(
        kind="people",
        label="People",
        # People in their public roles: those who sit or sat on a body. Their
        # contact details are never searched, nor shown.
        queryset=lambda: Person.objects.filter(pk__in=Membership.objects.values("person")),
        fields=("name", "public_title"),
        rows=lambda people: people.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current()
                .select_related("body")
                .order_by("body__name", "pk"),
                to_attr="search_roles",
            )
        ),
        hit=lambda p: Hit("Person", p.name, p.get_absolute_url(), p.public_title, _roles(p)),
    )
)
register(
    Source(
        kind="meetings",
        label="Meetings",
        # Meetings open to the public: the others are listed to members only.
        queryset=lambda: Meeting.objects.public().select_related("body"),
        fields=("title",),
        body="body_id",
        date="starts_at",
        hit=lambda m: Hit(
            "Meeting",
            m.title,
            m.get_absolute_url(),
            m.location,
            f"{m.body.name}, {_day(m.starts_at)}",
        ),
    )
)
register(
    Source(
        kind="agenda-items",
        label="Agenda items",
        # Public items of public meetings only: a confidential item's title is
        # itself confidential.
        queryset=lambda: AgendaItem.objects.filter(
            is_confidential=False, meeting__is_public=True
        ).select_related("meeting__body"),
        fields=("title", "papers"),
        related=(Related("meeting", ("title",)),),
        body="meeting__body_id",
        date="meeting__starts_at",
        hit=lambda i: Hit(
            "Agenda item",
            f"{i.meeting.title}: {i.title}",
            i.meeting.get_absolute_url(),
            i.papers,
            f"{i.meeting.body.name}, {_day(i.meeting.starts_at)}",
        ),
    )
)


def _minutes_hit(version: PublishedVersion) -> Hit:
    return Hit(
        "Minutes",
        version.title,
        reverse("partnerships:meeting-minutes-version", args=[version.object_id, version.number]),
        " ".join(html.unescape(strip_tags(version.html)).split()),
        f"Version {version.number}, published {_day(version.published_at)}",
    )


register(
    Source(
        kind="minutes",
        label="Minutes",
        # The minutes as approved and published, of meetings open to the public:
        # what their pages show everyone (confidential items only by number). The
        # items' own minutes may hold a draft or a correction not yet published.
        queryset=lambda: PublishedVersion.objects.filter(
            content_type__app_label="partnerships",
            content_type__model="meeting",
            document=MINUTES,
            object_id__in=Meeting.objects.public().values("pk"),
        ),
        fields=("html",),
        body=lambda: Subquery(
            Meeting.objects.filter(pk=OuterRef("object_id")).values("body_id")[:1]
        ),
        date="published_at",
        titled=False,
        hit=_minutes_hit,
    )
)
register(
    Source(
        kind="decisions",
        label="Decisions",
        # The public decisions only: one on a confidential item is as confidential
        # as the item (``DecisionQuerySet.public``).
        queryset=lambda: Decision.objects.public().select_related("meeting__body"),
        fields=("title", "text"),
        body="meeting__body_id",
        date="decided_on",
        hit=lambda d: Hit(
            "Decision",
            d.title,
            d.get_absolute_url(),
            d.text,
            f"{d.decided_by}, {_day(d.decided_on)}",
        ),
    )
)
register(
    Source(
        kind="strategies",
        label="Strategies",
        queryset=lambda: _strategies(),
        fields=("title", "vision", "summary"),
        body="owner_id",
        date="starts_on",
        hit=lambda s: Hit(
            "Strategy",
            s.title,
            s.get_absolute_url(),
            s.summary or s.vision,
            f"{s.get_status_display()}, {s.starts_on:%Y} to {s.ends_on:%Y}",
        ),
    )
)
register(
    Source(
        kind="outcomes",
        label="Outcomes",
        queryset=lambda: Outcome.objects.filter(strategy__in=_strategies()).select_related(
            "strategy"
        ),
        fields=("title", "description"),
        hit=lambda o: Hit(
            "Outcome", o.title, o.strategy.get_absolute_url(), o.description, o.strategy.title
        ),
    )
)
register(
    Source(
        kind="priorities",
        label="Priorities",
        queryset=lambda: Priority.objects.filter(strategy__in=_strategies()).select_related(
            "strategy"
        ),
        fields=("title", "description"),
        hit=lambda p: Hit(
            "Priority", p.title, p.get_absolute_url(), p.description, p.strategy.title
        ),
    )
)
register(
    Source(
        kind="plans",
        label="Action plans",
        queryset=lambda: strategy_selectors.visible_plans(None),
        fields=("title", "summary"),
        body="body_id",
        date="starts_on",
        hit=lambda p: Hit(
            "Action plan",
            p.title,
            p.get_absolute_url(),
            p.summary,
            f"{p.body.name}, {_day(p.starts_on)} to {_day(p.ends_on)}",
        ),
    )
)
register(
    Source(
        kind="actions",
        label="Actions",
        # What a hit shows needs only the plan's body: the joins of a full action
        # list would cost more to plan than the search costs to run.
        queryset=lambda: strategy_selectors.visible_actions(None).select_related("plan__body"),
        fields=("title", "description", "measure_of_success", "target"),
        body="plan__body_id",
        date="due_on",
        hit=lambda a: Hit(
            "Action",
            a.title,
            a.get_absolute_url(),
            a.description,
            f"{a.plan.body.name}, due {_day(a.due_on)}",
        ),
    )
)
register(
    Source(
        kind="funds",
        label="Funds",
        queryset=lambda: Fund.objects.select_related("decided_by"),
        fields=("name", "description", "budget_holder"),
        body="decided_by_id",
        date="approved_on",
        hit=lambda f: Hit(
            "Fund",
            f.name,
            f.get_absolute_url(),
            f.description,
            f"{f.get_mechanism_display()}, {f.financial_year}",
        ),
    )
)
register(
    Source(
        kind="grants",
        label="Grants",
        queryset=funding_selectors.public_awards,
        fields=("title", "description"),
        related=(
            Related("recipient_body", ("name",)),
            Related("recipient_organisation", ("name",)),
        ),
        body="recipient_body_id",
        date="award_date",
        hit=lambda g: Hit(
            "Grant",
            g.title,
            g.get_absolute_url(),
            g.description,
            f"{g.recipient}, {g.fund.name}, {_day(g.award_date)}",
        ),
    )
)
register(
    Source(
        kind="consultations",
        label="Consultations",
        # Only what a published consultation's page always shows: responses and the
        # outcome appear on its page only once the outcome is published.
        queryset=lambda: Consultation.objects.published(),
        fields=("title", "purpose", "local_issue"),
        body="area_board_id",
        date="opens_on",
        hit=lambda c: Hit(
            "Consultation",
            c.title,
            c.get_absolute_url(),
            c.purpose,
            f"Open {_day(c.opens_on)} to {_day(c.closes_on)}",
        ),
    )
)
register(
    Source(
        kind="reports",
        label="Reports",
        queryset=lambda: CabinetReport.objects.published(),
        fields=("title", "committee", "report_of", "portfolio_holder"),
        date="meeting_on",
        hit=lambda r: Hit(
            "Report", r.title, r.get_absolute_url(), "", f"{r.committee}, {_day(r.meeting_on)}"
        ),
    )
)


def _paragraph_hit(paragraph: ReportParagraph) -> Hit:
    section = paragraph.get_section_display()  # "5. Background", "7.2. Legal Implications"
    number = section.split(" ", 1)[0].rstrip(".")
    return Hit(
        "Report paragraph",
        f"{paragraph.report.title}: {section}",
        f"{paragraph.report.get_absolute_url()}#section-{number}",
        paragraph.text,
        f"{paragraph.report.committee}, {_day(paragraph.report.meeting_on)}",
    )


register(
    Source(
        kind="report-paragraphs",
        label="Report paragraphs",
        queryset=lambda: ReportParagraph.objects.filter(
            report__in=CabinetReport.objects.published()
        ).select_related("report"),
        fields=("text",),
        date="report__meeting_on",
        titled=False,
        hit=_paragraph_hit,
    )
)
register(
    Source(
        kind="referrals",
        label="Referrals of local needs",
        # The public referrals only: a confidential one's title is itself confidential.
        # The fields are the stored document's (referrals migration 0002).
        queryset=public_referrals,
        fields=("title", "need"),
        body="from_body_id",
        date="raised_on",
        hit=lambda r: Hit(
            "Referral",
            r.title,
            r.get_absolute_url(),
            r.need,
            f"{r.from_body.name} to {r.to_body.name}, {_day(r.raised_on)}",
        ),
    )
)
