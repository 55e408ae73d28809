"""Funds and grant awards: direct awards, commissioning for outcomes, participatory
budgeting (rounds, residents' ideas, ballots and the published results rule) and
competitive grants; partners' resource commitments (staff, revenue, capital) to plans
and funds, a fund with several contributors being a pooled budget; the officers'
checks (subsidy control, conflicts of interest) and the open data (360Giving, the
Transparency Code, a round's anonymised ballots).

May import: ``pace.core``, ``pace.notifications`` (what residents are e-mailed),
``partnerships`` and ``strategy`` (a fund serves priorities and outcomes).
Independent of ``strategy.consultations``; ``make lint`` checks.
"""
