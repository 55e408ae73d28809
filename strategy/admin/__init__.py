"""The officers' admin for the strategy app, one module per concept."""

from . import plans, reports  # noqa: F401
