"""Funds and grant awards: direct awards, commissioning for outcomes, participatory
budgeting and competitive grants; the officers' checks (subsidy control, conflicts
of interest) and the open data (360Giving, the Transparency Code).

May import: ``pace.core``, ``partnerships`` and ``strategy`` (a fund serves
priorities and outcomes). Independent of ``strategy.consultations``; ``make lint``
checks.
"""
