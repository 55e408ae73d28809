"""The officers' admin for the strategy app, one module per concept."""

from . import decisions, plans  # noqa: F401  (registers the admin classes)
