"""The officers' admin for funding. Every write that spends money goes through
``funding.services``."""

from . import awards, budgeting, commitments, funds  # noqa: F401  (registers the admin classes)
