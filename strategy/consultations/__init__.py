"""Consultations (app label ``consultations``): who is consulted and when, the four
Gunning principles as a checklist a consultation must satisfy before its outcome is
published (cabinet report 7.2.1), re-consultation, documents, "you said, we did",
and equality impact assessments against the nine protected characteristics (7.2.2).

May import: ``pace.core``, ``partnerships`` and ``strategy`` (a consultation is on a
strategy or a body's action plan). Nothing below it imports it; ``make lint`` checks.
"""
