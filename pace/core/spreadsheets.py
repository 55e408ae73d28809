"""Text that goes into a spreadsheet cell. A cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is run by spreadsheet programs as a formula (CSV
injection); written with a leading apostrophe it stays text. Anyone's words can
reach an export (a resident's answer, a grant recipient's name), so every CSV cell
of text goes through ``safe_cell``."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
