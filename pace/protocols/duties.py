"""This app's scheduled duty and the audiences the worker checks again on the day it
sends (``pace.notifications``)."""

import datetime

from django.contrib.auth import get_user_model

from pace.core.access import officers_holding
from pace.notifications.audiences import audience_register
from pace.notifications.schedule import duty

from .access import whistleblowing_handlers


def _handles(address: str, argument: str, on: datetime.date) -> bool:
    """``protocols:complaint``: an officer who handles complaints;
    ``protocols:whistleblowing``: one who may read whistle-blowing reports."""
    if argument == "complaint":
        users = officers_holding("protocols.change_complaint")
    elif argument == "whistleblowing":
        users = whistleblowing_handlers()
    else:
        users = get_user_model().objects.none()
    return users.filter(email__iexact=address.strip()).exists()


audience_register("protocols", _handles)


@duty(
    "forget complainants' names and addresses",
    at=datetime.time(3, 40),
    description="Forgets the name and e-mail address of whoever sent a complaint or a "
    "whistle-blowing report, once the case has been closed for some time.",
)
def forget_senders(on: datetime.date) -> str:
    from .services import cases_forget_people

    return f"{cases_forget_people(on=on)} senders forgotten"
