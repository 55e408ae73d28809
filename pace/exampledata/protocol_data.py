"""The agreement's protocols in the example: two complaints (one upheld, one still
being investigated), one whistle-blowing report, and a dispute between the Health
and Wellbeing Board and the Crewe and Nantwich Area Board, decided by the Leaders
Board with the thematic chairs and published in the decision log. Received through
the same services as the public forms (``client=None``: no flood limits counted);
loading again adds nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from pace.protocols import services
from pace.protocols.models import CaseStatus, Complaint, Dispute, WhistleblowingReport
from partnerships.models import Body


@transaction.atomic
def load() -> dict[str, int]:
    if not (Complaint.objects.exists() or Dispute.objects.exists()):
        today = timezone.localdate()
        bodies = {b.slug: b for b in Body.objects.all()}
        area = bodies["crewe-and-nantwich-area-board"]
        health = bodies["health-and-wellbeing-board"]
        upheld = services.complaint_receive(
            about_body=area,
            summary="The Area Board's participatory budgeting vote closed a day early.",
            details="The voting page said the vote would close on Sunday, but it closed on "
            "Saturday evening, and several neighbours could not vote for the Queens Park "
            "project.",
            name="Joan Whitfield",
            email="joan.whitfield@example.org",
            client=None,
            received_on=today - datetime.timedelta(days=40),
        )
        services.case_close(
            case=upheld,
            status=CaseStatus.UPHELD,
            outcome="The closing date was set wrongly. The Area Board has apologised, and "
            "the next round's dates are checked by a second officer before they are "
            "published.",
        )
        services.complaint_receive(
            about_body=health,
            summary="No reply to a letter about the health and wellbeing strategy.",
            details="I wrote to the board in the spring about the strategy's plans for "
            "carers and have had no reply.",
            name="Arun Mehta",
            email="arun.mehta@example.org",
            client=None,
            received_on=today - datetime.timedelta(days=10),
        )
        open_one = Complaint.objects.get(summary__startswith="No reply")
        services.case_update(case=open_one, status=CaseStatus.INVESTIGATING)
        services.whistleblowing_receive(
            about_body=area,
            summary="A grant recipient may have been chosen by someone with an interest.",
            details="A member of the panel that chose a community grant is, I believe, a "
            "trustee of the charity that received it, and did not declare it.",
            client=None,
            received_on=today - datetime.timedelta(days=5),
        )
        dispute = services.dispute_refer(
            body_a=health,
            body_b=area,
            subject="Who funds the Crewe social prescribing pilot in its second year.",
            position_a="The pilot serves the Area Board's residents and should be funded from "
            "its participatory budgeting for public health outcomes.",
            position_b="The pilot delivers the Health and Wellbeing Board's strategy and its "
            "second year should come from the board's commissioning budget.",
            referred_on=today - datetime.timedelta(days=30),
        )
        services.dispute_decide(
            dispute=dispute,
            decision="The Leaders Board, having consulted the chairs of the thematic groups, "
            "decided that the second year is funded equally by the two boards, and that the "
            "Health and Wellbeing Board reports the pilot's results to the Area Board.",
            decided_on=today - datetime.timedelta(days=14),
            publish=True,
        )
    return {
        "complaints": Complaint.objects.count(),
        "whistle-blowing reports": WhistleblowingReport.objects.count(),
        "disputes": Dispute.objects.count(),
    }
