"""The example's terms of reference and annual cycle (issue 21): the core terms every
body inherits, drawn from the agreement's core terms for the Thematic Groups, with
the agreement's review date; each current body's own terms, reviewed every three
years since it was set up (each review a version in their history), meeting as
often as its calendar (``meeting_schedule``) has it meet; the Assembly's yearly
meeting recorded as its Annual Assembly; and the annual reports of the latest year
whose reports have fallen due, presented as the agreement asks (5.5).

Two gaps are left on purpose, for the officers' checks to find: Learning and
Skills missed its last review of its terms, and the Congleton Area Board has not
presented its annual report. Idempotent: what exists is left as it is.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from pace.reports import services as report_services
from pace.reports.annual_checks import annual_reports_check, reports_due_on
from pace.reports.models import AnnualReport
from partnerships import services
from partnerships.models import (
    Body,
    BodyKind,
    CoreTerms,
    Meeting,
    MeetingFrequency,
    MeetingKind,
    TermsOfReference,
)
from partnerships.models.meetings import MeetingStatus
from partnerships.routing import report_recipients

K = BodyKind
F = MeetingFrequency

#: The core terms of reference for the Thematic Groups (agreement, Thematic Groups),
#: in plain text, a paragraph each.
CORE_TERMS = "\n\n".join(
    [
        "Each body of Partnerships for Action in Cheshire East works to these core terms "
        "of reference, and may add detailed terms of its own according to its needs. Its "
        "own terms should not conflict with the core terms; where a conflict is thought "
        "to exist, the matter is referred to the Leaders Board (formerly the Executive "
        "Board) for further consideration.",
        "1. Develop and deliver action plans that support and contribute to the overall "
        "vision for the communities of Cheshire East, reflecting diversity and local "
        "variation across the borough.",
        "2. Monitor and manage the overall performance of the partnership and its "
        "projects, applying programme and project management principles.",
        "3. Provide annual progress reports and, when necessary, exception reports to the "
        "Leaders Board and the Assembly.",
        "4. Identify to the Leaders Board, as necessary, cross-cutting issues for further "
        "consideration and co-ordination by the Board.",
        "5. Commission, as necessary, jointly designed services and actions to address "
        "local needs and priorities, reflecting community empowerment principles.",
        "6. Deliver the appropriate block of the Local Area Agreement as agreed with the "
        "Leaders Board.",
        "7. Commission research and consultation to seek community views on priorities, "
        "encourage involvement in identifying solutions and underpin the action plans.",
    ]
)
#: When the core terms and each body's terms were first adopted: the day the
#: structure took effect (it was agreed on 12 July 2016).
FIRST_ADOPTED = datetime.date(2016, 9, 1)
#: Terms are reviewed every three years.
REVIEW_YEARS = 3
#: The gaps left for the checks to find.
REVIEW_MISSED = "learning-and-skills"
REPORT_MISSING = "congleton-area-board"

#: How often each kind of body meets, as ``meeting_schedule`` has it.
FREQUENCY = {
    K.LEADERS_BOARD: F.QUARTERLY,
    K.ASSEMBLY: F.YEARLY,
    K.THEMATIC_BOARD: F.QUARTERLY,
    K.THEMATIC_GROUP: F.QUARTERLY,
    K.AREA_BOARD: F.QUARTERLY,
    K.AREA_ASSEMBLY: F.QUARTERLY,
    K.AREA_MANAGEMENT_GROUP: F.QUARTERLY,
    K.TOWN_PARTNERSHIP: F.THREE_TIMES_A_YEAR,
    K.WORKING_GROUP: F.EVERY_TWO_MONTHS,
}
#: (membership, chair, how it reports) by kind.
TERMS = {
    K.LEADERS_BOARD: (
        "The leaders of the partner organisations: the Leader and Chief Executive of the "
        "council, the police, fire and rescue, health, business, housing, education and "
        "the voluntary and community sector.",
        "The Leader of Cheshire East Council.",
        "Reports progress every year to the Assembly at its Annual Assembly (agreement "
        "5.5). Receives the annual progress reports and exception reports of the thematic "
        "partnerships and the Area Boards.",
    ),
    K.ASSEMBLY: (
        "Open to representatives from across the community: partners, residents, "
        "businesses and voluntary, community and faith groups.",
        "The chair of the Leaders Board.",
        "Gives the Leaders Board its overall direction and receives its annual report.",
    ),
    K.THEMATIC_BOARD: (
        "Partners responsible for the theme's outcomes, appointed by their organisations.",
        "Chosen by the members each year.",
        "Annual progress report to the Leaders Board and the Assembly; exception reports "
        "to the Leaders Board when an action goes red.",
    ),
    K.THEMATIC_GROUP: (
        "Partners responsible for the theme's outcomes, appointed by their organisations.",
        "Chosen by the members each year.",
        "Annual progress report to the Leaders Board and the Assembly; exception reports "
        "to the Leaders Board when an action goes red.",
    ),
    K.AREA_BOARD: (
        "Ward councillors for the area and the partners working in it.",
        "A ward councillor, elected by the board each year.",
        "Annual progress report to the Leaders Board; exception reports to it when an "
        "action goes red; the area's needs to the thematic boards.",
    ),
    K.AREA_ASSEMBLY: (
        "Open to anyone with an interest in making the area better.",
        "The Local Area Partnership's chairman, a Cheshire East councillor (agreement, "
        "Area Assemblies).",
        "Guides the Area Management Group's Area Plan and reports through the Area Board.",
    ),
    K.AREA_MANAGEMENT_GROUP: (
        "At most ten members: the local Police Inspector, Fire Station Manager, Assembly "
        "chairman, Local Area Partnership Manager, a health representative, registered "
        "social landlords, a town or parish council and other local partners.",
        "A partner organisation, not the council, chosen by the group each year.",
        "Reports on the Area Plan to the Area Board and to each Area Assembly.",
    ),
    K.TOWN_PARTNERSHIP: (
        "Partners and community groups working in the town.",
        "Elected by the partnership each year.",
        "Reports on its grant and the town's priorities to the Area Board each year.",
    ),
    K.WORKING_GROUP: (
        "Officers and partners named by the body that set it up, for its life.",
        "A lead named by the body that set it up.",
        "Reports to the body that set it up at each of its meetings, and finally when it ends.",
    ),
}
#: The agreement's review: every three years from April 2017, the refreshed
#: strategy's start.
AGREEMENT_REVIEWED_FROM = datetime.date(2017, 4, 1)


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _adoptions(first: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The first adoption and each three-yearly review since, up to today."""
    out, day = [], first
    while day <= today:
        out.append(day)
        day = _years_later(day, REVIEW_YEARS)
    return out


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@transaction.atomic
def load() -> dict[str, int]:
    today = timezone.localdate()
    _core_terms(today)
    for body in Body.objects.current(today).order_by("tree_id", "lft"):
        if not TermsOfReference.objects.filter(body=body).exists():
            _body_terms(body, today)
    _annual_assemblies()
    _annual_reports(today)
    return {
        "terms of reference": TermsOfReference.objects.count(),
        "annual reports": AnnualReport.objects.count(),
    }


def _core_terms(today: datetime.date) -> None:
    if CoreTerms.objects.exists():
        return
    terms = CoreTerms(title="Core terms of reference", text=CORE_TERMS)
    # Adopted when the structure took effect, and confirmed every three years since:
    # a version each, each naming the agreement's next review; the one in force names
    # a review at least four months ahead.
    adoptions = _adoptions(FIRST_ADOPTED, today)
    for adopted in adoptions:
        after = today + datetime.timedelta(days=120) if adopted == adoptions[-1] else adopted
        review = AGREEMENT_REVIEWED_FROM
        while review <= after:
            review = _years_later(review, REVIEW_YEARS)
        terms.adopted_on = adopted
        terms.agreement_review_on = review
        terms._history_date = _at(adopted)
        services.core_terms_save(terms=terms)


def _body_terms(body: Body, today: datetime.date) -> None:
    membership, chair, reporting = TERMS[body.kind]
    first = max(body.starts_on or FIRST_ADOPTED, FIRST_ADOPTED)
    adoptions = _adoptions(first, today)
    if body.slug == REVIEW_MISSED and len(adoptions) > 1:
        adoptions = adoptions[:-1]  # its last review did not happen
    is_leaders = body.kind == K.LEADERS_BOARD
    terms = TermsOfReference(
        body=body,
        purpose=body.remit or f"The {body.get_kind_display()} of the partnership.",
        membership=membership,
        chair=chair,
        meeting_frequency=FREQUENCY[body.kind],
        reporting=reporting,
        # Complaints and whistle-blowing reports go to the Leaders Board (agreement
        # 3.2d, 3.5g-h, 7), which also waits longer before an exception rises.
        escalate_after_days=42 if is_leaders else 28,
        receives_complaints=is_leaders,
        receives_whistleblowing=is_leaders,
    )
    for adopted in adoptions:
        terms.adopted_on = adopted
        # A time-limited group's terms last its life; the others', three years.
        due = _years_later(adopted, REVIEW_YEARS) - datetime.timedelta(days=1)
        terms.review_on = body.ends_on if body.ends_on and body.ends_on > adopted else due
        terms._history_date = _at(adopted)
        services.terms_save(terms=terms)


def _annual_assemblies() -> None:
    """The Assembly's yearly meeting in the example's calendar is its Annual Assembly
    (agreement 2): one a year, held each October and the next one scheduled."""
    for meeting in Meeting.objects.filter(body__kind=K.ASSEMBLY).exclude(
        kind=MeetingKind.ANNUAL_ASSEMBLY
    ):
        meeting.kind = MeetingKind.ANNUAL_ASSEMBLY
        meeting.full_clean()
        meeting.save()


def _annual_reports(today: datetime.date) -> None:
    """The annual reports of the latest year whose reports have fallen due, each
    presented at the first meeting after the year ended of the body it reports to
    (the Leaders Board's, at the Annual Assembly), but the one left missing."""
    check = annual_reports_check(on=today)
    after = datetime.date(check.year + 1, 4, 1)
    for row in check.rows:
        body = row.body
        if row.report is not None or body.slug == REPORT_MISSING:
            continue
        # The body it reports to (partnerships.routing): its parent, or for the
        # Leaders Board, at the top, the Assembly it reports to (agreement 5.5).
        recipients = report_recipients(body, on=after)
        if not recipients:
            continue
        to = recipients[0]
        meeting = (
            Meeting.objects.filter(
                body=to,
                status=MeetingStatus.HELD,
                starts_at__gte=_at(after),
                starts_at__lt=_at(reports_due_on(check.year)),
            )
            .order_by("starts_at")
            .first()
        )
        if meeting is None:
            continue
        report_services.annual_report_present(
            report=AnnualReport(
                body=body,
                year=check.year,
                presented_to=to,
                presented_on=timezone.localdate(meeting.starts_at),
            )
        )
