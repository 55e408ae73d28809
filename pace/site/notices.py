"""The officers' daily digest: what the checks flag, in one e-mail each morning to
every officer who has not turned it off on their account page. The figures come
from the same selectors as the officers' pages, and each line links to its page."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from funding.models import AwardStatus, GrantAward
from funding.selectors import with_checks
from pace.core.access import officers_holding
from pace.notifications.audiences import OFFICER_PERMISSION
from pace.notifications.models import (
    Duty,
    DutyStatus,
    Frequency,
    Kind,
    Message,
    MessageStatus,
    Preference,
)
from pace.notifications.schedule import duty
from pace.notifications.services import message_queue, site_url
from pace.reports.annual_checks import annual_reports_check
from partnerships.assemblies import area_assemblies_check
from partnerships.governance_checks import governance_checks
from strategy.gaps import accountability_gaps
from strategy.models import ExceptionReport, ExceptionStatus

from .governance import governance_counts


def officer_digest_lines(on: datetime.date) -> list[tuple[str, str]]:
    """(line, address of the page to act on) for each check that flags something."""
    awards = with_checks(GrantAward.objects.exclude(status=AwardStatus.WITHDRAWN))
    subsidy = awards.filter(needs_subsidy_review=True).count()
    conflicts = awards.filter(has_conflict=True).count()
    missing = sum(len(row.missing) for row in area_assemblies_check(year=on.year))
    gaps = accountability_gaps()
    open_reports = ExceptionReport.objects.filter(status=ExceptionStatus.OPEN).count()
    failed_mail = Message.objects.filter(status=MessageStatus.FAILED).count()
    failed_duties = Duty.objects.filter(last_status=DutyStatus.FAILED).count()
    day_ago = timezone.now() - datetime.timedelta(days=1)
    failed_tasks = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, finished_at__gte=day_ago
    ).count()
    checks = reverse("funding:checks")
    gaps_page = reverse("strategy:gaps")
    candidates = [
        (subsidy, "awards flagged for a subsidy-control check", checks),
        (conflicts, "awards with a possible conflict of interest", checks),
        (
            missing,
            f"Area Assemblies not yet arranged for {on.year}",
            reverse("partnerships:area-assemblies"),
        ),
        (len(gaps["unowned"]), "open actions with no owner", gaps_page),
        (len(gaps["owner_left"]), "actions whose owner has left the body", gaps_page),
        (len(gaps["no_chair"]), "bodies with no chair", gaps_page),
        (len(gaps["no_measures"]), "action plans with no measure", gaps_page),
        (len(gaps["red_without_report"]), "red actions with no open exception report", gaps_page),
        (open_reports, "exception reports open", gaps_page),
        (
            failed_mail,
            "messages that could not be sent",
            reverse("admin:notifications_message_changelist") + "?status__exact=failed",
        ),
        (
            failed_duties,
            "scheduled duties that failed on their last run",
            reverse("admin:notifications_duty_changelist"),
        ),
        (
            failed_tasks,
            "background tasks that failed in the last day",
            reverse("admin:django_tasks_database_dbtaskresult_changelist")
            + "?status__exact=FAILED",
        ),
    ]
    # The governance checks (terms of reference, meetings, the annual cycle): the
    # page's own summary, each line linking to it.
    governance = reverse("governance-checks")
    candidates += [
        (count, label, governance)
        for count, label in governance_counts(governance_checks(on=on), annual_reports_check(on=on))
    ]
    return [(f"{count} {label}", url) for count, label, url in candidates if count]


@duty(
    "officers' digest",
    at=datetime.time(7, 30),
    description="Sends each officer one e-mail of what the checks flag (subsidy control, "
    "conflicts, missing Area Assemblies, accountability gaps, governance checks, failed "
    "messages and duties).",
)
def officers_digest(on: datetime.date) -> str:
    lines = officer_digest_lines(on)
    if not lines:
        return "nothing flagged: no digest sent"
    off = Preference.objects.filter(kind=Kind.OFFICER_DIGEST, frequency=Frequency.NEVER)
    to = officers_holding(OFFICER_PERMISSION).exclude(pk__in=off.values("user")).exclude(email="")
    sent = message_queue(
        to=to.values_list("email", flat=True),
        topic=f"officers-digest:{on:%Y-%m-%d}",
        subject=f"PACE checks, {on:%-d %B %Y}: {len(lines)} to look at",
        template="notifications/officers_digest",
        context={
            "lines": lines,
            "on": on,
            "account_url": site_url(reverse("notification-choices")),
        },
        audience="officer",
    )
    return f"{len(lines)} checks flagged; {len(sent)} officers sent the digest"
