"""The officers' admin for the strategy app, one module per concept."""

from . import plans  # noqa: F401  (registers the admin classes)
