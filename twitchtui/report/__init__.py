"""The twitch diary for a clinician, as Markdown, HTML or PDF. Pure: data in, text out.

The report is built once as a list of sections (a summary of facts, then
paragraphs, tables, lists and charts) and then rendered, so the Markdown, the
HTML and the PDF always say the same thing. The HTML is one self-contained
page (no network) that prints on A4 or Letter. The PDF needs the optional
``pdf`` extra (fpdf2), imported only when a PDF is made.
"""

from .blocks import Bullets, Chart, Facts, Section, Table
from .content import sections
from .data import AllTime, ReportInput
from .formats import format_of, render_as
from .pdf import PdfUnavailable, csv_for, to_pdf
from .period import (
    SECTION_KEYS,
    Period,
    PeriodError,
    choose_period,
    choose_sections,
    since_last_visit,
)
from .render import to_html, to_markdown

__all__ = [
    "SECTION_KEYS",
    "AllTime",
    "Bullets",
    "Chart",
    "Facts",
    "PdfUnavailable",
    "Period",
    "PeriodError",
    "ReportInput",
    "Section",
    "Table",
    "choose_period",
    "choose_sections",
    "csv_for",
    "format_of",
    "render",
    "render_as",
    "sections",
    "since_last_visit",
    "to_html",
    "to_markdown",
    "to_pdf",
]
