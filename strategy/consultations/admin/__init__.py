"""The consultations app's admin: consultations, audiences, equality impact
assessments and the strategies' assessment check."""

from . import consultations  # noqa: F401  (registers the admin classes)
