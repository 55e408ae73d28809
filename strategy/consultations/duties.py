"""This app's daily duty of forgetting: saved drafts of responses whose link has
expired (after ``PACE_CONSULTATION_DRAFT_DAYS``, or when the consultation closed),
and the messages that carried their links."""

import datetime

from pace.notifications.schedule import duty

from .saved_responses import drafts_purge


@duty(
    "forget saved consultation responses",
    at=datetime.time(3, 10),
    description="Deletes responses residents saved to finish later whose link has expired "
    "(or whose consultation has closed), and the e-mails that carried the links.",
)
def forget_saved_responses(on: datetime.date) -> str:
    return f"{drafts_purge()} saved responses deleted"
