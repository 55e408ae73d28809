"""What a referral tells people, in the worker (queued by ``services`` once the
write commits):

- raised (or passed on to a body): the receiving body's members;
- answered: the raising Area Board's members;
- a message in the thread: the members of the other body than the one it speaks for.

Each notice carries the audience ``member:<body>``: the worker sends it only to who
is still a member (or a member of a body above) on the day it sends, since a
confidential referral is that body's private business."""

from django_tasks import task

from pace.notifications.models import Kind
from pace.notifications.services import notice_send
from partnerships.models import Body
from partnerships.notices import member_audience
from partnerships.selectors import member_recipients

from .models import Referral, ReferralMessage, ReferralStatus

#: Referrals are told as the exception reports are, the other thing that comes to a
#: body from another for an answer: a member who chose a daily digest of those
#: gets these in it too. (A kind of their own needs a notifications migration.)
KIND = Kind.REFERRALS

ANSWERED = {
    ReferralStatus.ACCEPTED: "accepted into a plan",
    ReferralStatus.DECLINED: "declined",
    ReferralStatus.PASSED_ON: "passed on",
}


def _tell(referral: Referral, body: Body, *, topic: str, subject: str, lead: str, lines=()) -> int:
    url = referral.get_absolute_url()
    return notice_send(
        recipients=member_recipients(body),
        kind=KIND,
        topic=topic,
        subject=subject,
        template="notifications/notice",
        context={
            "lead": lead,
            "lines": list(lines),
            "url": url,
            "action_label": "See the referral and its thread",
            "reason": f"you are a member of {body.name}",
        },
        url=url,
        audience=member_audience(body),
    )


@task()
def referral_notify(referral_id: int, event: str, message_id: int | None = None) -> str:
    referral = Referral.objects.select_related(
        "from_body", "to_body", "passed_to", "passed_from__to_body"
    ).get(pk=referral_id)
    if event == "raised":
        came = (
            f" {referral.passed_from.to_body.name} passed it on to you."
            if referral.passed_from_id
            else ""
        )
        told = _tell(
            referral,
            referral.to_body,
            topic=f"referral:{referral.pk}:raised",
            subject=f"Referral from {referral.from_body.name}: {referral.title}",
            lead=f"{referral.from_body.name} has raised a local need to {referral.to_body.name}"
            f": “{referral.title}”.{came} Your body answers it: accept it into a plan, "
            "decline it with reasons, or pass it on.",
        )
    elif event == "answered":
        passed = f" to {referral.passed_to.name}" if referral.passed_to_id else ""
        told = _tell(
            referral,
            referral.from_body,
            topic=f"referral:{referral.pk}:answered",
            subject=f"Referral {ANSWERED[referral.status]}: {referral.title}",
            lead=f"{referral.to_body.name} has {ANSWERED[referral.status]}{passed} the "
            f"referral “{referral.title}”.",
            lines=[text for text in (referral.outcome, referral.reasons) if text],
        )
    elif event == "message":
        message = ReferralMessage.objects.select_related("speaks_for").get(pk=message_id)
        spoke_for_raiser = message.speaks_for_id == referral.from_body_id
        other = referral.to_body if spoke_for_raiser else referral.from_body
        told = _tell(
            referral,
            other,
            topic=f"referral-message:{message.pk}",
            subject=f"New message on the referral: {referral.title}",
            lead=f"{message.speaks_for.name} wrote on the referral “{referral.title}”:",
            lines=[message.text],
        )
    else:
        raise ValueError(f"unknown referral event {event!r}")
    return f"{told} members told"
