"""The partnership's structure: partner organisations, the tree of bodies (each
accountable to its parent), people and their dated memberships, horizontal links,
meetings, agenda items and declarations of interest, who may see what of a body
(``access``), and the structure drawn as charts (``structure_chart``, for the
structure page and the cabinet report).

May import: ``pace.core`` only. Apps above it add sections to a body's page through
``panels``; ``make lint`` refuses an import from here into any of them.
"""
