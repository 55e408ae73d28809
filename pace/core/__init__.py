"""What every PACE app may use, and nothing that knows about any of them.

Owns: the officer predicate and the officers' group (``access``, ``roles``), audit
history and its admin (``history``, ``history_admin``), the deletion and "unchanged"
services, pagination, dates and financial years (``dates``), RAG ratings' labels and
colours (``rag``), the charts every app draws with their table twins (``charts``,
``chart_bars``, ``chart_lines``), the PDF renderer (``pdf``), the page cache and its
middleware.

May import: Django and third-party packages only. Every other app imports this one;
``make lint`` refuses an import from here into any of them.
"""
