"""The accountability framework's records in the world of private records
(``world.py``), with what must never be public marked (issue 21):

- a confidential referral of a local need from an Area Board of its own to the
  thematic board ``parent`` (its title, need, evidence and a message marked), and a
  public one declined with reasons (public: nothing marked);
- a complaint and a whistle-blowing report about the thematic group ``a`` (what was
  sent, who sent it and the officers' outcome marked), and a dispute between
  ``parent`` and ``a`` referred to the Leaders Board (the positions marked);
- a partner's staff time committed to the draft plan (its description marked);
- terms of reference for ``parent``, which are public.

The outsider of the crawl, a member of ``b``, sits on none of these bodies."""

import datetime
from decimal import Decimal

from django.utils.timezone import localdate as today

from funding.models import ResourceCommitment, ResourceKind
from funding.services import commitment_save
from pace.core.dates import financial_year_label, financial_year_of
from pace.protocols import services as protocols
from pace.referrals import services as referrals
from partnerships import services
from partnerships.models import BodyKind, Organisation, TermsOfReference
from strategy.models import ActionPlan, PlanStatus


def governance_world(world, mark) -> None:
    board = services.body_create(
        name="Congleton Area Board",
        slug="congleton-area-board",
        kind=BodyKind.AREA_BOARD,
        parent=world.leaders,
    )
    secret = referrals.referral_raise(
        from_body=board,
        to_body=world.parent,
        title=mark("title of a confidential referral"),
        need=mark("need of a confidential referral"),
        evidence=mark("evidence of a confidential referral"),
        is_public=False,
        announce=False,
    )
    referrals.referral_message_post(
        referral=secret,
        speaks_for=world.parent,
        text=mark("message on a confidential referral"),
        announce=False,
    )
    declined = referrals.referral_raise(
        from_body=board,
        to_body=world.parent,
        title="More youth clubs in Congleton",
        need="Young people say there is nowhere to go in the evenings.",
        evidence="The youth survey, spring: 6 in 10 said so.",
        announce=False,
    )
    referrals.referral_answer(
        referral=declined,
        decision="declined",
        reasons="The Area Board's own youth fund is the right place for it.",
        announce=False,
    )

    complaint = protocols.complaint_receive(
        about_body=world.a,
        summary=mark("summary of a complaint"),
        details=mark("details of a complaint"),
        name=mark("name of a complainant"),
        email=f"{mark('complainant e-mail')}@example.org",
        client=None,
    )
    protocols.case_close(case=complaint, status="upheld", outcome=mark("outcome of a complaint"))
    whistleblowing = protocols.whistleblowing_receive(
        about_body=world.a,
        summary=mark("summary of a whistle-blowing report"),
        details=mark("details of a whistle-blowing report"),
        name=mark("name of a whistle-blower"),
        client=None,
    )
    protocols.case_close(
        case=whistleblowing,
        status="not_upheld",
        outcome=mark("outcome of a whistle-blowing report"),
    )
    dispute = protocols.dispute_refer(
        body_a=world.parent,
        body_b=world.a,
        subject=mark("subject of a dispute"),
        position_a=mark("first body's position in a dispute"),
        position_b=mark("second body's position in a dispute"),
    )

    draft = ActionPlan.objects.filter(status=PlanStatus.DRAFT).order_by("pk").first()
    commitment_save(
        commitment=ResourceCommitment(
            partner=Organisation.objects.get(slug="crewe-community-trust"),
            kind=ResourceKind.STAFF,
            staff_fte=Decimal("0.5"),
            financial_year=financial_year_label(financial_year_of(today())),
            plan=draft,
            description=mark("staff committed to a draft plan"),
        )
    )
    services.terms_save(
        terms=TermsOfReference(
            body=world.parent,
            purpose="Improve health and wellbeing and reduce inequalities.",
            membership="The council, the NHS and the voluntary sector.",
            chair="The council's cabinet member for health",
            reporting="To the Leaders Board each quarter.",
            adopted_on=today() - datetime.timedelta(days=100),
            review_on=today() + datetime.timedelta(days=265),
            receives_complaints=True,
        )
    )
    world.objects |= {
        "referral_board": board,
        "referral_confidential": secret,
        "referral_declined": declined,
        "complaint": type(complaint).objects.get(pk=complaint.pk),
        "whistleblowing": type(whistleblowing).objects.get(pk=whistleblowing.pk),
        "dispute": dispute,
    }
