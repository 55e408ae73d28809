"""One address of every public page type, for the tests that pin query counts across
data sizes and for the benchmark (tests/bench/run.py).

Each address picks a record the scale data made (``pace.exampledata.scale_data``) where there is
one, the busiest of its kind, and the example data's otherwise (consultations,
cabinet reports and referrals, which the scale data does not make)."""

from django.db.models import Count
from django.utils import timezone

from funding.models import BudgetingRound, Fund, GrantAward, Phase
from pace.referrals.models import Referral
from pace.reports.models import CabinetReport
from partnerships.models import Body, BodyKind, Meeting, Ward
from strategy import selectors
from strategy.consultations.models import Consultation
from strategy.models import Action, ActionPlan, PlanStatus

#: Addresses that give a whole data set in one document (open data, feeds, PDFs)
#: rather than a page of it.
DOCUMENTS = frozenset(
    {
        "popolo.json",
        "meetings.ics",
        "body meetings.ics",
        "360giving.json",
        "360giving.csv",
        "transparency.csv",
        "report pdf",
        "annual report pdf",
        "plan pdf",
    }
)


def _first(queryset):
    found = queryset.first()
    if found is None:
        raise LookupError(f"No {queryset.model._meta.verbose_name} to show: load the data first.")
    return found


def public_pages() -> dict[str, str]:
    """{page type: address}, in the order the site's navigation has them."""
    strategy = selectors.current_strategy()
    priority = _first(strategy.priorities.order_by("position"))
    area_board = _first(
        Body.objects.filter(kind=BodyKind.AREA_BOARD)
        .annotate(below=Count("children"))
        .order_by("-below", "pk")
    )
    plan = _first(
        ActionPlan.objects.filter(status=PlanStatus.ADOPTED, body__kind=BodyKind.AREA_BOARD)
        .annotate(n=Count("actions"))
        .order_by("-n", "pk")
    )
    action = _first(Action.objects.public().annotate(n=Count("updates")).order_by("-n", "pk"))
    meeting = _first(
        Meeting.objects.public()
        .filter(minutes_published=True)
        .annotate(n=Count("declarations"))
        .order_by("-n", "-starts_at", "pk")
    )
    fund = _first(Fund.objects.annotate(n=Count("awards")).order_by("-n", "pk"))
    ward = _first(Ward.objects.annotate(n=Count("meetings")).order_by("-n", "pk"))
    award = _first(GrantAward.objects.public().order_by("pk"))
    referral = _first(Referral.objects.filter(is_public=True).order_by("pk"))
    consultation = _first(Consultation.objects.filter(is_published=True).order_by("pk"))
    report = _first(CabinetReport.objects.published().order_by("meeting_on", "pk"))
    today = timezone.localdate()
    rounds = {r.phase(today): r for r in BudgetingRound.objects.order_by("pk")}
    return {
        "home": "/",
        "strategy": strategy.get_absolute_url(),
        "priority": priority.get_absolute_url(),
        "plan": plan.get_absolute_url(),
        "action": action.get_absolute_url(),
        "structure": "/partnerships/",
        "body": area_board.get_absolute_url(),
        "terms": "/partnerships/terms/",
        "body terms": f"/partnerships/{area_board.slug}/terms/",
        "popolo.json": "/partnerships/popolo.json",
        "meetings": "/meetings/",
        "meeting": meeting.get_absolute_url(),
        "declarations": "/meetings/declarations/",
        "meetings.ics": "/meetings.ics",
        "body meetings.ics": f"/partnerships/{area_board.slug}/meetings.ics",
        "funding": "/funding/",
        "funding by ward": f"/funding/?ward={ward.slug}",
        "resources": "/funding/resources/",
        "wards": "/wards/",
        "open data": "/open-data/",
        "ward": f"/wards/{ward.slug}/",
        "fund": fund.get_absolute_url(),
        "award": award.get_absolute_url(),
        "360giving.json": "/funding/360giving.json",
        "360giving.csv": "/funding/360giving.csv",
        "transparency.csv": "/funding/transparency.csv",
        "consultations": "/consultations/",
        "consultation": consultation.get_absolute_url(),
        "reports": "/reports/",
        "report": report.get_absolute_url(),
        "report pdf": report.get_pdf_url(),
        "annual report pdf": f"/partnerships/{area_board.slug}/annual-report.pdf",
        "plan pdf": f"/plans/{plan.pk}.pdf",
        "referrals": "/referrals/",
        "referral": referral.get_absolute_url(),
        "complaints": "/complaints/",
        "decisions": "/decisions/",
        "forward plan": "/decisions/forward-plan/",
        "budgeting": "/funding/budgeting/",
        "budgeting round": rounds[Phase.VOTING].get_absolute_url(),
        "budgeting results": f"/funding/budgeting/{rounds[Phase.RESULTS].pk}/results/",
        "search": "/search/?q=health",
    }
