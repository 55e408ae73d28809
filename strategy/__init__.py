"""The strategy and its delivery: strategies, outcomes, the priorities for action,
the bodies' action plans and actions, progress updates and exception reports,
measures, risks and milestones, the roll-ups of progress up the tree
(``selectors``) and over time (``trends``), and their charts (``charts``).

May import: ``pace.core`` and ``partnerships``. Its subpackage ``consultations`` is
an app of its own that sits above it; ``make lint`` checks both directions.
"""
