"""The consultations app's admin: consultations, audiences, equality impact
assessments and the strategies' assessment check (``consultations``); the online
form's questions, the responses and the officers' pages about them
(``responses``)."""

from . import consultations, responses  # noqa: F401  (registers the admin classes)
