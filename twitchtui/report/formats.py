"""The report's three formats, chosen by name or by a file's ending, and
rendered the same way wherever the report is saved (the shell, the preview)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from .data import ReportInput
from .pdf import csv_for, to_pdf
from .render import to_html, to_markdown

ENDINGS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
"""The format a file's ending asks for; any other ending is Markdown."""


def format_of(path: str | PurePath | None) -> str:
    """``md``, ``html`` or ``pdf``, from the file's ending (Markdown without one)."""
    if path is None:
        return "md"
    return ENDINGS.get(PurePath(path).suffix.lower(), "md")


def render_as(data: ReportInput, fmt: str, only: Iterable[str] | None = None) -> str | bytes:
    """The report in ``fmt``: text for Markdown and HTML, bytes for a PDF
    (with the period's CSV attached; raises ``PdfUnavailable`` without fpdf2)."""
    if fmt == "pdf":
        return to_pdf(data, csv_for(data), only)
    return (to_html if fmt == "html" else to_markdown)(data, only)
