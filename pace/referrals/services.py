"""Writes to referrals: raising one, writing to its thread, answering it. Views and
the admin call these; each validates the whole record (``full_clean``), saves in
one transaction under the referral's row lock where it changes one, and queues the
notices to the other end's members for the worker once it commits
(``notices.referral_notify``): nothing is sent from the request.

Who may do each is the caller's check (``access``): these take the decision as
made, and record who made it."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partnerships.models import Body, Person, Ward
from strategy.models import Action, ActionPlan

from .models import Referral, ReferralMessage, ReferralStatus


def _person(user) -> Person | None:
    """The person record of ``user``, the one who raises, answers or writes; None for
    an officer with none (shown as "a partnership officer")."""
    if user is None or not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def _notify(referral_id: int, event: str, message_id: int | None = None) -> None:
    from .notices import referral_notify

    transaction.on_commit(lambda: referral_notify.enqueue(referral_id, event, message_id))


def _stripped(text: str | None) -> str:
    return (text or "").strip()


def referral_raise(
    *,
    from_body: Body,
    to_body: Body,
    title: str,
    need: str,
    evidence: str,
    evidence_url: str = "",
    wards: Iterable[Ward] = (),
    is_public: bool = True,
    by=None,
    raised_by: Person | None = None,
    on: datetime.date | None = None,
    announce: bool = True,
) -> Referral:
    """``from_body`` (an Area Board) raises a need to ``to_body``. The receiving
    body's members are told (unless ``announce`` is false: the example data).
    ``raised_by`` is the person of ``by`` (the login) unless an officer names the
    member who raised it."""
    referral = Referral(
        from_body=from_body,
        to_body=to_body,
        title=_stripped(title),
        need=_stripped(need),
        evidence=_stripped(evidence),
        evidence_url=_stripped(evidence_url),
        is_public=bool(is_public),
        raised_by=raised_by or _person(by),
        raised_on=on or timezone.localdate(),
    )
    wards = list(wards)
    errors: dict[str, list] = {}
    for check in (referral.full_clean, lambda: _check_wards(referral, wards)):
        try:
            check()
        except ValidationError as error:
            for field, messages in error.error_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        referral.save()
        referral.wards.set(wards)
        if announce:
            _notify(referral.pk, "raised")
    return referral


def _check_wards(referral: Referral, wards: list[Ward]) -> None:
    """The wards are the raising Area Board's own, where a ward says whose it is."""
    foreign = [w.name for w in wards if w.area_board_id not in (None, referral.from_body_id)]
    if foreign and referral.from_body_id:
        raise ValidationError(
            {
                "wards": ValidationError(
                    "Choose wards of %(body)s's area: %(wards)s %(verb)s not.",
                    code="ward_other_area",
                    params={
                        "body": referral.from_body.name,
                        "wards": ", ".join(foreign),
                        "verb": "is" if len(foreign) == 1 else "are",
                    },
                )
            }
        )


def referral_update(
    *, referral: Referral, wards: Iterable[Ward] | None = None, **fields
) -> Referral:
    """Officers' corrections to what a referral says (its title, need, evidence,
    wards, whether it is public). Its bodies and its answer are not changed here: a
    referral is answered once, through ``referral_answer``."""
    allowed = {"title", "need", "evidence", "evidence_url", "is_public", "raised_by", "raised_on"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"referral_update cannot change {', '.join(sorted(unknown))}")
    with transaction.atomic():
        current = Referral.objects.select_for_update().get(pk=referral.pk)
        for name, value in fields.items():
            setattr(current, name, _stripped(value) if isinstance(value, str) else value)
        current.full_clean()
        if wards is not None:
            wards = list(wards)
            _check_wards(current, wards)
        current.save()
        if wards is not None:
            current.wards.set(wards)
    return current


def referral_message_post(
    *,
    referral: Referral,
    speaks_for: Body,
    text: str,
    by=None,
    author: Person | None = None,
    at: datetime.datetime | None = None,
    announce: bool = True,
) -> ReferralMessage:
    """Write to ``referral``'s thread for ``speaks_for``, one of its two bodies. The
    other body's members are told. ``author`` is the person of ``by`` unless given."""
    message = ReferralMessage(
        referral=referral,
        speaks_for=speaks_for,
        text=_stripped(text),
        author=author or _person(by),
        created_at=at or timezone.now(),
    )
    message.full_clean()
    with transaction.atomic():
        message.save()
        if announce:
            _notify(referral.pk, "message", message.pk)
    return message


ANSWERS = (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.PASSED_ON)


def referral_answer(
    *,
    referral: Referral,
    decision: str,
    outcome: str = "",
    plan: ActionPlan | None = None,
    action: Action | None = None,
    reasons: str = "",
    passed_to: Body | None = None,
    by=None,
    answered_by: Person | None = None,
    on: datetime.date | None = None,
    announce: bool = True,
) -> Referral:
    """The receiving body answers an open referral, once: ``decision`` is accepted
    (into ``plan``, its own, and optionally ``action`` of that plan), declined (with
    ``reasons``) or passed on (to ``passed_to``, which gets a follow-on referral
    continuing the thread). What the decision does not use is left blank. The
    raising body's members are told, and a body passed to, its members."""
    if decision not in ANSWERS:
        raise ValidationError(
            {"status": ValidationError("Choose what the body decides.", code="decision")}
        )
    with transaction.atomic():
        current = (
            Referral.objects.select_for_update()
            .select_related("from_body", "to_body")
            .get(pk=referral.pk)
        )
        if not current.is_open:
            raise ValidationError(
                ValidationError(
                    "This referral has been answered already (%(status)s).",
                    code="answered",
                    params={"status": current.get_status_display().lower()},
                )
            )
        current.status = decision
        current.outcome = _stripped(outcome)
        current.plan = plan if decision == ReferralStatus.ACCEPTED else None
        current.action = action if decision == ReferralStatus.ACCEPTED and plan else None
        current.reasons = _stripped(reasons) if decision == ReferralStatus.DECLINED else ""
        current.passed_to = passed_to if decision == ReferralStatus.PASSED_ON else None
        current.answered_by = answered_by or _person(by)
        current.answered_on = on or timezone.localdate()
        current.full_clean()
        current.save()
        if announce:
            _notify(current.pk, "answered")
        if decision == ReferralStatus.PASSED_ON:
            _pass_on(current, on=current.answered_on, announce=announce)
    return current


def _pass_on(referral: Referral, *, on: datetime.date, announce: bool) -> Referral:
    """The follow-on referral at the body passed to: the same need, raised by the
    same Area Board, continuing the thread (``passed_from``)."""
    follow_on = Referral(
        from_body=referral.from_body,
        to_body=referral.passed_to,
        title=referral.title,
        need=referral.need,
        evidence=referral.evidence,
        evidence_url=referral.evidence_url,
        is_public=referral.is_public,
        raised_by=referral.raised_by,
        raised_on=on,
        passed_from=referral,
    )
    follow_on.full_clean()
    follow_on.save()
    follow_on.wards.set(referral.wards.all())
    if announce:
        _notify(follow_on.pk, "raised")
    return follow_on
