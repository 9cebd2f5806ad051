"""The twitch diary for a clinician, as Markdown or HTML. Pure: data in, text out.

The report is built once as a list of sections (paragraphs, tables, lists and
a text chart) and then rendered, so the Markdown and the HTML always say the
same thing. The HTML is one self-contained page (no network) that prints on
A4 or Letter.
"""

from .blocks import Bullets, Chart, Section, Table
from .content import ReportInput, sections
from .render import to_html, to_markdown

__all__ = [
    "Bullets",
    "Chart",
    "ReportInput",
    "Section",
    "Table",
    "sections",
    "to_html",
    "to_markdown",
]
