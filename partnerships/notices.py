"""What the partnership structure tells people, and the rules the notifications app
asks it for:

- the audience ``"member:<body id>"``: the address of someone who, on the day a
  message is sent, is a member of the body or of a body above it (who may see its
  private business, as ``access`` decides for pages);
- the alerts topic ``"body:<slug>"``: a body's public meetings, agendas and minutes;
- ``meeting_announce``: the task that tells a body's members, and the body's
  subscribers when the meeting is public, that its agenda or minutes are out. It
  runs in the worker, so the officer who publishes waits for none of it;
- the daily duties: memberships ending soon, and the copy of members' permissions.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django_tasks import task

from pace.notifications.audiences import audience_register
from pace.notifications.models import Kind
from pace.notifications.schedule import duty
from pace.notifications.services import alert_send, notice_send
from pace.notifications.topics import TopicKind, topic_register

from .models import Body, Meeting, Membership
from .selectors import address_is_member, member_recipients, person_recipient

#: How long before a membership ends its member is told.
MEMBERSHIP_ENDING_DAYS = 30


def member_audience(body: Body) -> str:
    return f"member:{body.pk}"


def _is_member(address: str, body_id: str, on: datetime.date) -> bool:
    body = Body.objects.filter(pk=body_id).first() if body_id.isdigit() else None
    return body is not None and address_is_member(address, body, on=on)


def _body_topic(slug: str) -> str | None:
    body = Body.objects.current().filter(slug=slug).only("name").first()
    return f"{body.name}: meetings, agendas and minutes" if body else None


def _body_topics() -> list[tuple[str, str]]:
    bodies = Body.objects.current().order_by("tree_id", "lft").values_list("slug", "name")
    return [(f"body:{slug}", name) for slug, name in bodies]


audience_register("member", _is_member)
topic_register(
    TopicKind(
        name="body",
        heading="A body's meetings, agendas and minutes",
        describe=_body_topic,
        options=_body_topics,
    )
)

ANNOUNCEMENTS = {
    "minutes": ("Minutes published", "notifications/minutes_published"),
    "agenda": ("Agenda published", "notifications/agenda_published"),
}


@task()
def meeting_announce(meeting_id: int, what: str) -> str:
    """Tell the body's members of the day (each as they chose) and, for a public
    meeting, the body's confirmed subscribers, that the agenda or the minutes of the
    meeting are published. Once each: a second call sends nothing."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    heading, template = ANNOUNCEMENTS[what]
    subject = f"{heading}: {meeting.title}, {meeting.body.name}"
    event = f"{what}:{meeting.pk}"
    told = notice_send(
        recipients=member_recipients(meeting.body),
        kind=Kind.MEETINGS,
        topic=event,
        subject=subject,
        template=template,
        context={"meeting": meeting},
        url=meeting.get_absolute_url(),
        audience=member_audience(meeting.body),
    )
    alerted = 0
    if meeting.is_public:
        alerted = alert_send(
            topic=f"body:{meeting.body.slug}",
            event=event,
            subject=subject,
            template=template,
            context={"meeting": meeting},
        )
    return f"{told} members, {alerted} subscribers"


@duty(
    "memberships ending",
    at=datetime.time(6, 0),
    description=f"Tells each member whose membership ends in the next "
    f"{MEMBERSHIP_ENDING_DAYS} days, once for each end date.",
)
def memberships_ending(on: datetime.date) -> str:
    ending = (
        Membership.objects.current(on)
        .filter(ends_on__lte=on + datetime.timedelta(days=MEMBERSHIP_ENDING_DAYS))
        .select_related("person__user", "body")
    )
    told = 0
    for membership in ending:
        recipient = person_recipient(membership.person)
        if recipient is None:
            continue
        body = membership.body
        told += notice_send(
            recipients=[recipient],
            kind=Kind.MEMBERSHIP,
            topic=f"membership-ending:{membership.pk}:{membership.ends_on:%Y%m%d}",
            subject=f"Your membership of {body.name} ends on {membership.ends_on:%-d %B %Y}",
            template="notifications/notice",
            context={
                "lead": f"Your membership of {body.name} as "
                f"{membership.get_role_display().lower()} ends on "
                f"{membership.ends_on:%-d %B %Y}. After that day you will no longer see "
                "its private business or update its plans. If you are to continue, ask "
                "the partnerships team to renew it.",
                "url": body.get_absolute_url(),
                "action_label": f"See {body.name}",
                "reason": f"you are a member of {body.name}",
            },
            url=body.get_absolute_url(),
        )
    return f"{told} members told"


@duty(
    "member permissions",
    at=datetime.time(2, 0),
    description="Brings the copy of board members' body permissions into line with the "
    "memberships of the day. Access never depends on it: it is decided on each request.",
)
def member_permissions(on: datetime.date) -> str:
    from .services import member_permissions_sync

    users = (
        get_user_model()
        .objects.filter(Q(person__isnull=False) | Q(bodyuserobjectpermission__isnull=False))
        .distinct()
    )
    granted = revoked = 0
    for user in users:
        g, r = member_permissions_sync(user=user, on=on)
        granted, revoked = granted + g, revoked + r
    return f"{users.count()} users checked, {granted} granted, {revoked} revoked"


@duty(
    "forget questioners' addresses",
    at=datetime.time(3, 20),
    description="Forgets the e-mail address and postcode or ward of residents who asked a "
    "question at an Area Assembly, once the meeting is some months past.",
)
def forget_questioners(on: datetime.date) -> str:
    from .services.questions import questions_forget_addresses

    return f"{questions_forget_addresses(on=on)} questioners' addresses forgotten"


__all__ = ["meeting_announce", "member_audience"]
