"""Residents' alerts about reports: the topic ``"reports"``, told by the worker when
a cabinet report is published or a body's annual report is presented."""

from django_tasks import task

from pace.notifications.services import alert_send
from pace.notifications.topics import topic_register_single

from .models import AnnualReport, CabinetReport

TOPIC = "reports"
LABEL = "Reports: cabinet reports published, and bodies' annual reports"

topic_register_single(TOPIC, heading="Reports", label=LABEL)


@task()
def report_announce(kind: str, pk: int) -> str:
    """Tell the subscribers to reports that a report is out: ``kind`` is "cabinet"
    (a published cabinet report) or "annual" (a presented annual report)."""
    if kind == "cabinet":
        report = CabinetReport.objects.published().filter(pk=pk).first()
        if report is None:
            return "not published"
        subject = f"Report published: {report.title}"
        lead = (
            f"A report to {report.committee} on {report.meeting_on:%-d %B %Y} is published: "
            f"{report.title}."
        )
        url = report.get_absolute_url()
    else:
        report = AnnualReport.objects.select_related("body", "presented_to").get(pk=pk)
        subject = f"Annual report: {report.body.name}, {report.year}"
        lead = (
            f"{report.body.name} presented its annual report for {report.year} to "
            f"{report.presented_to.name} on {report.presented_on:%-d %B %Y}."
        )
        url = report.get_absolute_url()
    sent = alert_send(
        topic=TOPIC,
        event=f"report-{kind}:{pk}",
        subject=subject,
        template="notifications/notice",
        context={"lead": lead, "url": url, "action_label": "Read the report"},
    )
    return f"{sent} subscribers"
