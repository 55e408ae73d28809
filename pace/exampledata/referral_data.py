"""Referrals of local needs from the example Area Boards (cabinet report 5.6.3): one
accepted into the Health and Wellbeing Board's plan and one of its actions, one
declined with reasons, one passed on to the Leaders Board (where it is open), one
waiting for its answer, and one confidential. Illustrative: the seeds name no
referrals. Raised, written and answered through ``pace.referrals.services`` (with
no notices sent), dated back from the day of loading; loading again adds nothing
once there are referrals."""

import datetime

from django.db import transaction
from django.utils import timezone

from pace.referrals import services
from pace.referrals.models import Referral, ReferralStatus
from partnerships.models import Body, Membership, Person, Ward
from strategy.models import ActionPlan, PlanStatus


def _member(body: Body) -> Person | None:
    """A current member of ``body``, the first by name: who raises or answers."""
    seat = (
        Membership.objects.current()
        .filter(body=body)
        .select_related("person")
        .order_by("person__name")
        .first()
    )
    return seat.person if seat else None


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _raise(today, *, days_ago: int, wards=(), **fields) -> Referral:
    return services.referral_raise(
        **fields,
        wards=Ward.objects.filter(name__in=wards),
        raised_by=_member(fields["from_body"]),
        on=today - datetime.timedelta(days=days_ago),
        announce=False,
    )


def _write(referral: Referral, body: Body, text: str, day: datetime.date, hour: int) -> None:
    services.referral_message_post(
        referral=referral,
        speaks_for=body,
        text=text,
        author=_member(body),
        at=_at(day, hour),
        announce=False,
    )


@transaction.atomic
def load() -> dict[str, int]:
    bodies = {b.slug: b for b in Body.objects.all()}
    needed = [
        "crewe-and-nantwich-area-board",
        "macclesfield-area-board",
        "congleton-area-board",
        "health-and-wellbeing-board",
        "learning-and-skills",
        "leaders-board",
    ]
    if Referral.objects.exists() or any(slug not in bodies for slug in needed):
        return {"referrals of local needs": Referral.objects.count()}
    today = timezone.localdate()
    crewe, macclesfield, congleton = (bodies[s] for s in needed[:3])
    health, skills, leaders = (bodies[s] for s in needed[3:])

    weight = _raise(
        today,
        days_ago=75,
        from_body=crewe,
        to_body=health,
        title="Children in Crewe reaching a healthy weight",
        need="More children in the Crewe wards leave primary school above a healthy weight "
        "than anywhere else in the area. Families asked at the Area Assembly for cooking "
        "and activity sessions after school, close to home.",
        evidence="The National Child Measurement Programme puts Year 6 excess weight in "
        "Crewe Railside and Crewe Wistaston Brook well above the Cheshire East average. "
        "Forty residents raised it at the Area Assembly's themed meeting.",
        evidence_url="https://digital.nhs.uk/data-and-information/publications/statistical/"
        "national-child-measurement-programme",
        wards=["Crewe Railside", "Crewe Wistaston Brook"],
    )
    _write(
        weight,
        health,
        "Thank you. Could the Area Board say which schools the families named, so our "
        "public health team can start there?",
        today - datetime.timedelta(days=60),
        10,
    )
    _write(
        weight,
        crewe,
        "Three primary schools near the station; the Area Management Group has their "
        "contacts and will share them.",
        today - datetime.timedelta(days=57),
        14,
    )
    plan = (
        ActionPlan.objects.filter(body=health, status=PlanStatus.ADOPTED)
        .order_by("-starts_on")
        .first()
    )
    if plan is not None:
        services.referral_answer(
            referral=weight,
            decision=ReferralStatus.ACCEPTED,
            outcome="Accepted: the Board's plan takes it on, starting with the three schools "
            "the Area Board named. Progress is reported with the plan's.",
            plan=plan,
            action=plan.actions.order_by("pk").first(),
            answered_by=_member(health),
            on=today - datetime.timedelta(days=45),
            announce=False,
        )

    digital = _raise(
        today,
        days_ago=90,
        from_body=macclesfield,
        to_body=skills,
        title="Digital skills classes for older residents in Poynton",
        need="Older residents in Poynton cannot book appointments or pay bills online, and "
        "the library's one class a month is full.",
        evidence="The library's waiting list holds 64 names; the town partnership's survey "
        "found one in three residents over 70 never uses the internet.",
        wards=["Poynton Towerfield"],
    )
    services.referral_answer(
        referral=digital,
        decision=ReferralStatus.DECLINED,
        reasons="The council's adult learning service already funds weekly digital classes "
        "at Poynton library from next term, with 60 places; a second scheme would compete "
        "for the same volunteers. The Area Board may raise it again if the waiting list "
        "remains.",
        answered_by=_member(skills),
        on=today - datetime.timedelta(days=70),
        announce=False,
    )

    transport = _raise(
        today,
        days_ago=40,
        from_body=congleton,
        to_body=health,
        title="Getting to the new Sandbach health centre without a car",
        need="No bus reaches the new health centre from the villages west of Sandbach, so "
        "patients without a car miss appointments.",
        evidence="The practice reports missed appointments up by a quarter since it moved; "
        "the town partnership collected 210 signatures.",
        wards=["Sandbach Wheelock Vale"],
    )
    services.referral_answer(
        referral=transport,
        decision=ReferralStatus.PASSED_ON,
        outcome="Bus routes are not ours to change: passed on to the Leaders Board, where "
        "the council and the transport operators sit.",
        passed_to=leaders,
        answered_by=_member(health),
        on=today - datetime.timedelta(days=30),
        announce=False,
    )

    _raise(
        today,
        days_ago=12,
        from_body=crewe,
        to_body=skills,
        title="Apprenticeships for care leavers in Crewe",
        need="Young people leaving care in Crewe find few apprenticeships that start "
        "without a full set of GCSEs.",
        evidence="The leaving care team counts 23 care leavers aged 16 to 18 in Crewe not in "
        "education, employment or training this year.",
        wards=["Crewe Railside"],
    )

    _raise(
        today,
        days_ago=5,
        from_body=crewe,
        to_body=health,
        title="A care home in Nantwich at risk of closing",
        need="A family-run care home in Nantwich has told the Area Board it may close within "
        "the year; its 28 residents would need places elsewhere.",
        evidence="The owners' letter to the Area Board's chair, and the commissioners' "
        "figures on spare places in the south of the borough.",
        wards=["Nantwich Weaverbank"],
        is_public=False,
    )
    return {"referrals of local needs": Referral.objects.count()}
