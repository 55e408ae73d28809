"""The officers' admin for the strategy app, one module per concept."""

from . import consultations, plans, reports  # noqa: F401
