"""Writes for the protocols: receiving complaints and whistle-blowing reports,
handling and closing them, referring disputes to the Leaders Board and recording
its decision. Each validates, saves in one transaction and queues what it tells
people; nothing leaves in the request (``pace.notifications``: the worker delivers
once the transaction commits).

What the e-mails say, and to whom:
- the sender of a complaint: only that it arrived, with its reference, in the site's
  words (the form cannot be used to send anyone a stranger's text), and its outcome
  when it closes. A whistle-blower is sent nothing: every officer may read the
  outbox, and a message to their address would name them;
- officers: a complaint's reference, where it is routed and its summary, with a
  link to the admin; a whistle-blowing report only that one arrived, with the link,
  and only to those who may read it (``access.can_handle_whistleblowing``);
- the routed body's members: that a complaint was routed to their body, with a
  link to their cases page; never its text. Nobody is told of a whistle-blowing
  report but its officers.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from pace.core import limits
from pace.core.access import officers_holding
from pace.core.dates import format_date
from pace.notifications.services import message_queue
from partnerships.models import Body, Decision
from partnerships.notices import member_audience
from partnerships.selectors import member_addresses
from partnerships.services import decision_record

from .access import whistleblowing_handlers
from .models import (
    CLOSED,
    CaseKind,
    CaseStatus,
    Complaint,
    Dispute,
    DisputeStatus,
    WhistleblowingReport,
    keep_days,
)
from .routing import leaders_board, route_for

#: No letters or digits that are easily confused when read out (O and 0, I and 1).
REFERENCE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
#: The audiences the worker checks again on the day it sends (``apps``).
AUDIENCE_COMPLAINTS = "protocols:complaint"
AUDIENCE_WHISTLEBLOWING = "protocols:whistleblowing"
COMPLAINT_OFFICERS = "protocols.change_complaint"
DISPUTE_OFFICERS = "protocols.change_dispute"


def _per_client_hour() -> int:
    return int(getattr(settings, "PACE_PROTOCOLS_PER_CLIENT_PER_HOUR", 5))


def _per_address_day() -> int:
    return int(getattr(settings, "PACE_PROTOCOLS_PER_ADDRESS_PER_DAY", 3))


def _save_with_reference(record: models.Model, prefix: str, then) -> None:
    """Save ``record`` with a fresh reference, and call ``then()`` in the same
    transaction (what it tells people is queued only if the save commits)."""
    for _ in range(5):
        record.reference = prefix + get_random_string(8, REFERENCE_CHARS)
        try:
            with transaction.atomic():
                record.save()
                then()
        except IntegrityError:  # the reference was taken: draw again
            record.pk = None
            continue
        return
    raise RuntimeError("No free reference after five draws")


def _allow(kind: str, client: str | None, address: str) -> None:
    """The flood limits of the public forms: per client an hour, and per address a
    day when there is one (an anonymous report has none, and is counted per client
    only). ``client`` None: not from the public form."""
    if client is None:
        return
    if address:
        limits.allow(
            kind=kind,
            client=client,
            address=address,
            per_client_hour=_per_client_hour(),
            per_address_day=_per_address_day(),
        )
    elif not limits.within_hour(f"{kind}-client", client, _per_client_hour()):
        raise ValidationError(
            {
                "details": ValidationError(
                    "Too many requests from your connection: try again in an hour.",
                    code="rate_limited",
                )
            }
        )


def _case(
    model,
    *,
    about_body: Body | None,
    summary: str,
    details: str,
    name: str,
    email: str,
    email_required: bool,
    received_on: datetime.date | None,
):
    """A case built from what was sent, or every field's error at once."""
    case = model(
        about_body=about_body,
        summary=(summary or "").strip(),
        details=(details or "").strip(),
        name=(name or "").strip(),
        received_on=received_on or timezone.localdate(),
        status=CaseStatus.RECEIVED,
    )
    errors: dict = {}
    email = (email or "").strip()
    if email or email_required:
        try:
            case.email = limits.clean_email(email)
        except ValidationError as error:
            errors.update(error.error_dict)
    if about_body is not None and not about_body.is_current():
        errors["about_body"] = [
            ValidationError("Choose a body of the partnership as it is today.", code="ended")
        ]
    try:
        case.full_clean(exclude=["email", "reference", "routed_to", "about_body"])
    except ValidationError as error:
        for field, messages in error.error_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return case


def complaint_receive(
    *,
    about_body: Body | None,
    summary: str,
    details: str,
    name: str,
    email: str,
    client: str | None,
    received_on: datetime.date | None = None,
) -> Complaint:
    """Receive a complaint about the partnership's joint work (agreement 3.2d), from
    someone without an account: their name and e-mail address are required (they
    are told the outcome). Bad input is refused with a message on its field and
    nothing is saved or sent; so is a complaint past the flood limits. Routed by the
    terms of reference (``route_for``)."""
    if not (name or "").strip():
        name_error = {"name": [ValidationError("Enter your name.", code="required")]}
    else:
        name_error = {}
    try:
        complaint = _case(
            Complaint,
            about_body=about_body,
            summary=summary,
            details=details,
            name=name,
            email=email,
            email_required=True,
            received_on=received_on,
        )
    except ValidationError as error:
        raise ValidationError({**name_error, **error.error_dict}) from None
    if name_error:
        raise ValidationError(name_error)
    _allow("complaints", client, complaint.email)
    complaint.routed_to = route_for(CaseKind.COMPLAINT, about_body)
    _save_with_reference(complaint, "C", lambda: _tell_complaint_received(complaint))
    return complaint


def whistleblowing_receive(
    *,
    about_body: Body | None,
    summary: str,
    details: str,
    name: str = "",
    email: str = "",
    client: str | None,
    received_on: datetime.date | None = None,
) -> WhistleblowingReport:
    """Receive a whistle-blowing report (agreement 3.5g-h). Name and address are
    optional: a report may be anonymous. As ``complaint_receive`` otherwise."""
    report = _case(
        WhistleblowingReport,
        about_body=about_body,
        summary=summary,
        details=details,
        name=name,
        email=email,
        email_required=False,
        received_on=received_on,
    )
    _allow("whistleblowing", client, report.email)
    report.routed_to = route_for(CaseKind.WHISTLEBLOWING, about_body)
    _save_with_reference(report, "W", lambda: _tell_whistleblowing_received(report))
    return report


def _admin_path(record: models.Model) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def _tell_complaint_received(complaint: Complaint) -> None:
    received = format_date(complaint.received_on)
    message_queue(
        to=[complaint.email],
        topic=f"complaint:{complaint.pk}:received",
        subject=f"We have your complaint, reference {complaint.reference}",
        template="protocols/email/received",
        context={"case": complaint, "what": "complaint", "received": received},
    )
    about = complaint.about_body.name if complaint.about_body_id else "no body named"
    message_queue(
        to=[u.email for u in officers_holding(COMPLAINT_OFFICERS)],
        topic=f"complaint:{complaint.pk}:officers",
        subject=f"Complaint {complaint.reference} received, routed to {complaint.routed_to.name}",
        template="notifications/notice",
        context={
            "lead": f"A complaint was received on {received}. It is confidential: handle "
            "it in the admin.",
            "lines": [
                f"Reference: {complaint.reference}",
                f"About: {about}",
                f"Routed to: {complaint.routed_to.name}",
                f"Summary: {complaint.summary}",
            ],
            "url": _admin_path(complaint),
            "action_label": "The complaint in the admin",
            "reason": "you handle complaints for the partnership",
        },
        audience=AUDIENCE_COMPLAINTS,
    )
    body = complaint.routed_to
    message_queue(
        to=member_addresses(body),
        topic=f"complaint:{complaint.pk}:members",
        subject=f"A complaint has been routed to {body.name}",
        template="notifications/notice",
        context={
            "lead": f"A complaint about the partnership's work has been routed to {body.name}, "
            f"whose terms of reference receive complaints. Its reference is "
            f"{complaint.reference}. It is confidential: read it on your cases page.",
            "url": reverse("protocols:cases"),
            "action_label": "Your cases",
            "reason": f"you are a member of {body.name}",
        },
        audience=member_audience(body),
    )


def _tell_whistleblowing_received(report: WhistleblowingReport) -> None:
    # Nothing is sent to the whistle-blower: every officer may read the outbox, and a
    # message to their address would name them. The officers who handle the report
    # write to them, if they gave an address, from outside PACE.
    message_queue(
        to=[u.email for u in whistleblowing_handlers()],
        topic=f"whistleblowing:{report.pk}:officers",
        subject="A whistle-blowing report has arrived",
        template="notifications/notice",
        context={
            "lead": "A whistle-blowing report has arrived. Read it in the admin.",
            "url": _admin_path(report),
            "action_label": "The report in the admin",
            "reason": "you handle whistle-blowing reports for the partnership",
        },
        audience=AUDIENCE_WHISTLEBLOWING,
    )


@transaction.atomic
def case_update(
    *,
    case: Complaint | WhistleblowingReport,
    status: str,
    outcome: str = "",
    routed_to: Body | None = None,
    by=None,
) -> Complaint | WhistleblowingReport:
    """Move a complaint or report on: investigating, closed with an outcome (required:
    a message on ``outcome`` without one), or routed to another body. Closing sets
    the day it closed; reopening clears it. A complaint's sender is told the outcome
    once, when it closes; a whistle-blower is sent nothing (``_tell_whistleblowing_received``)."""
    model = type(case)
    stored = model.objects.select_for_update().get(pk=case.pk)
    if status not in CaseStatus.values:
        raise ValidationError({"status": "Choose a status."})
    was_closed = stored.is_closed
    stored.status, stored.outcome = status, (outcome or "").strip()
    if routed_to is not None:
        stored.routed_to = routed_to
    if stored.is_closed and not was_closed:
        stored.closed_on = timezone.localdate()
    elif not stored.is_closed:
        stored.closed_on = None
    stored.full_clean(exclude=["reference"])
    stored.save()
    if stored.is_closed and not was_closed and stored.email and isinstance(stored, Complaint):
        _tell_closed(stored)
    return stored


def case_close(*, case, status: str, outcome: str, by=None):
    if status not in CLOSED:
        raise ValidationError(
            {"status": "Choose how the case ends: upheld, partly upheld, not upheld or withdrawn."}
        )
    return case_update(case=case, status=status, outcome=outcome, by=by)


def _tell_closed(case: Complaint) -> None:
    message_queue(
        to=[case.email],
        topic=f"complaint:{case.pk}:closed:{case.closed_on:%Y%m%d}",
        subject=f"Your complaint {case.reference} is closed",
        template="protocols/email/closed",
        context={"case": case, "what": "complaint", "is_complaint": True},
    )


def case_save(*, case, by=None):
    """The admin's door: an officer's changes to a complaint or report, written
    through ``case_update``."""
    return case_update(
        case=case,
        status=case.status,
        outcome=case.outcome,
        routed_to=case.routed_to if case.routed_to_id else None,
        by=by,
    )


def cases_forget_people(*, on: datetime.date | None = None) -> int:
    """Forget the sender's name and address of every complaint and report closed
    more than ``keep_days()`` ago; the case, its summary and outcome stay on the
    record (without anyone's name in its history, which never kept them). Returns
    how many were forgotten."""
    on = on or timezone.localdate()
    before = on - datetime.timedelta(days=keep_days())
    forgotten = 0
    for model in (Complaint, WhistleblowingReport):
        due = model.objects.filter(closed_on__lt=before, people_forgotten=False)
        forgotten += due.update(name="", email="", people_forgotten=True)
    return forgotten


def dispute_refer(
    *,
    body_a: Body,
    body_b: Body,
    subject: str,
    position_a: str,
    position_b: str,
    referred_on: datetime.date | None = None,
) -> Dispute:
    """Refer a dispute between two bodies to the Leaders Board (agreement 7). The
    officers who handle disputes and the Leaders Board's members are told that it
    was referred, without either side's position."""
    dispute = Dispute(
        body_a=body_a,
        body_b=body_b,
        subject=(subject or "").strip(),
        position_a=(position_a or "").strip(),
        position_b=(position_b or "").strip(),
        referred_on=referred_on or timezone.localdate(),
        status=DisputeStatus.REFERRED,
    )
    dispute.referred_to = leaders_board()
    dispute.full_clean(exclude=["reference"])
    _save_with_reference(dispute, "D", lambda: _tell_dispute_referred(dispute))
    return dispute


def _tell_dispute_referred(dispute: Dispute) -> None:
    board = dispute.referred_to
    between = f"{dispute.body_a.name} and {dispute.body_b.name}"
    message_queue(
        to=member_addresses(board),
        topic=f"dispute:{dispute.pk}:referred",
        subject=f"A dispute has been referred to {board.name}",
        template="notifications/notice",
        context={
            "lead": f"A dispute between {between} has been referred to {board.name}, to "
            "resolve in consultation with the chairs of the thematic groups (partnership "
            f"agreement, section 7). Its reference is {dispute.reference}.",
            "url": reverse("protocols:cases"),
            "action_label": "Your cases",
            "reason": f"you are a member of {board.name}",
        },
        audience=member_audience(board),
    )


@transaction.atomic
def dispute_decide(
    *,
    dispute: Dispute,
    decision: str,
    decided_on: datetime.date,
    publish: bool = False,
    by=None,
) -> Dispute:
    """Record the Leaders Board's decision on ``dispute``. With ``publish``, the
    decision (its subject, the two bodies and what was decided, never either side's
    position) also goes into the public decision log, through the decision service,
    as the Leaders Board's; once published it stays published, and a change to the
    decision corrects the log's entry."""
    dispute = (
        Dispute.objects.select_for_update()
        .select_related("body_a", "body_b", "referred_to")
        .get(pk=dispute.pk)
    )
    if dispute.status == DisputeStatus.WITHDRAWN:
        raise ValidationError(
            {
                "status": ValidationError(
                    "This dispute was withdrawn: it is not decided.", code="withdrawn"
                )
            }
        )
    dispute.status = DisputeStatus.DECIDED
    dispute.decision = (decision or "").strip()
    dispute.decided_on = decided_on
    dispute.full_clean(exclude=["reference"])
    if publish or dispute.decision_record_id:
        record = dispute.decision_record or Decision()
        record.decision_maker = dispute.referred_to.name
        record.decided_on = dispute.decided_on
        record.title = f"Dispute between {dispute.body_a.name} and {dispute.body_b.name}"[:200]
        record.text = dispute.decision
        record.reasons = (
            f"Dispute referred on {format_date(dispute.referred_on)}: {dispute.subject}"
        )
        dispute.decision_record = decision_record(decision=record, by=by)
    dispute.save()
    return dispute


@transaction.atomic
def dispute_withdraw(*, dispute: Dispute) -> Dispute:
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if dispute.status == DisputeStatus.DECIDED:
        raise ValidationError(
            {"status": ValidationError("A decided dispute cannot be withdrawn.", code="decided")}
        )
    dispute.status = DisputeStatus.WITHDRAWN
    dispute.save(update_fields=["status"])
    return dispute


def dispute_save(*, dispute: Dispute, publish: bool = False, by=None) -> Dispute:
    """The admin's door for a dispute: a new one is referred, a decision recorded,
    a withdrawal made, each through the services above."""
    if dispute.pk is None:
        return dispute_refer(
            body_a=dispute.body_a,
            body_b=dispute.body_b,
            subject=dispute.subject,
            position_a=dispute.position_a,
            position_b=dispute.position_b,
            referred_on=dispute.referred_on,
        )
    if dispute.status == DisputeStatus.WITHDRAWN:
        return dispute_withdraw(dispute=dispute)
    with transaction.atomic():
        stored = Dispute.objects.select_for_update().get(pk=dispute.pk)
        stored.subject = dispute.subject.strip()
        stored.position_a = dispute.position_a.strip()
        stored.position_b = dispute.position_b.strip()
        stored.full_clean(exclude=["reference"])
        stored.save()
    if dispute.status == DisputeStatus.DECIDED:
        return dispute_decide(
            dispute=stored,
            decision=dispute.decision,
            decided_on=dispute.decided_on,
            publish=publish,
            by=by,
        )
    return stored
