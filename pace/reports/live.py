"""The live PDFs: a body's annual report for the year so far and an action plan,
drawn from today's records (the published and presented ones are kept versions,
``pace.core.publication``).

Each is rendered once for each state of what it shows (``pace.core.pdf.cached_pdf``,
keyed by its HTML). So that the public does not wait for WeasyPrint after every
change, the worker keeps current the public copy of each one a visitor has asked
for: a committed change to the records they show queues one refresh
(``live_pdfs_refresh``, once however many changes come before it starts), which
renders again those whose content changed, and the refresh runs each night too, as
the year so far moves with the day. Only the first visitor ever to ask for one waits
for its render; members and officers, who see the private actions too, get theirs
rendered when they ask, once for them all.
"""

import datetime
import re

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django_tasks import task

from pace.core.pdf import cached_pdf, kept_copies, render_html
from pace.core.queueing import enqueue_once, queued_started
from pace.documents.services import migrating
from pace.notifications.schedule import duty
from partnerships.access import BodyAccess
from partnerships.models import Body

from . import selectors

#: The apps whose records the live PDFs show.
READS = frozenset({"partnerships", "strategy", "indicators", "reports"})
QUEUED_KEY = "live-pdfs"
ANNUAL_REPORTS = "annual-reports"
PLANS = "plans"
#: The stem of a record's public copy (``_rendered``'s name, less its folder).
PUBLIC_STEM = re.compile(r"^(\d+)-public$")


def _rendered(doc, *, template: str, folder: str, pk: int):
    """``doc`` and its PDF, kept under ``folder`` by record and audience (a copy
    holding private actions is never the public one)."""
    html = render_html(
        template=template, context={"doc": doc}, title=doc.title, author=doc.council_name
    )
    audience = "full" if doc.full else "public"
    return doc, cached_pdf(html=html, name=f"{folder}/{pk}-{audience}")


def body_annual_report(body: Body, *, access: BodyAccess):
    """A body's annual report for the year so far as ``access`` may see it: the
    document and its PDF."""
    doc = selectors.body_annual_report_document(body, access=access)
    return _rendered(doc, template="pdf/body_annual_report.html", folder=ANNUAL_REPORTS, pk=body.pk)


def action_plan(plan, *, access: BodyAccess):
    """An action plan as ``access`` may see it: the document and its PDF."""
    doc = selectors.action_plan_document(plan, access=access)
    return _rendered(doc, template="pdf/action_plan.html", folder=PLANS, pk=plan.pk)


def _asked_for(folder: str) -> list[int]:
    """The records whose public copy in ``folder`` a visitor has asked for."""
    return sorted(int(m[1]) for stem in kept_copies(folder) if (m := PUBLIC_STEM.match(stem)))


def live_pdfs_refresh_now() -> int:
    """Render again each public live PDF that was asked for and whose content has
    changed; how many were looked at. One that is no longer public is left alone
    (a visitor now gets a 404 for it, and never its old copy)."""
    public = BodyAccess(AnonymousUser())
    looked = 0
    for body in Body.objects.filter(pk__in=_asked_for(ANNUAL_REPORTS)):
        body_annual_report(body, access=public)
        looked += 1
    for pk in _asked_for(PLANS):
        try:
            plan = selectors.action_plan_get(pk, access=public)
        except Http404:
            continue
        action_plan(plan, access=public)
        looked += 1
    return looked


@task()
def live_pdfs_refresh() -> str:
    queued_started(QUEUED_KEY)
    return f"looked at {live_pdfs_refresh_now()} live PDFs"


def live_pdfs_refresh_queue() -> bool:
    """Queue a refresh unless one is queued and not started; whether queued."""
    return enqueue_once(QUEUED_KEY, live_pdfs_refresh)


def records_changed(sender, *, apps: frozenset[str], **kwargs) -> None:
    """``records_committed``'s receiver: a change to what the live PDFs show."""
    if migrating() or not ("*" in apps or READS & apps):
        return
    live_pdfs_refresh_queue()


@duty(
    "live_pdfs_daily",
    at=datetime.time(0, 20),
    description="Renders again the public PDFs of the annual reports for the year so far "
    "and of the action plans that visitors have asked for, where the day changed them.",
)
def live_pdfs_daily(on: datetime.date) -> str:
    queued = live_pdfs_refresh_queue()
    return "Queued the live PDFs' refresh." if queued else "A refresh was already queued."
