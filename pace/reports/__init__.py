"""Cabinet reports and every document PACE renders (app label ``reports``).

Owns: the cabinet report and its paragraphs (``models``; their text and numbering in
``text``), the writes to them (``services``), the appendices drawn from live data
(``appendices``, with the structure charts of ``partnerships.structure_chart``),
the documents the web pages and PDFs both read (``selectors``: the cabinet report,
a body's annual report, an action plan), and the pages that serve them (``views``,
``urls``).

May import: ``pace.core``, ``partnerships``, ``strategy``, ``strategy.consultations``
and ``funding``. Only ``pace.site`` imports it; ``make lint`` checks.
"""
