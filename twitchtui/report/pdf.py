"""The report as a PDF: the summary alone on page one, then the details, the
charts drawn as shapes, and the period's entries attached as a CSV file.

fpdf2 (the optional ``pdf`` extra) is imported only here and only when a PDF
is made, so the rest of the app starts without it; when it is missing,
``to_pdf`` raises ``PdfUnavailable``, whose message is the one line to show.
The text is set in DejaVu Sans, shipped in ``fonts/`` with its licence, so
names and notes come out as typed; a character the font lacks shows as "�"
(the attached CSV keeps it), and never stops the PDF from being made.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..export import experiments_of, to_csv
from .content import sections
from .data import ReportInput
from .pdf_pages import Pages, attachment_name

__all__ = ["PdfUnavailable", "attachment_name", "csv_for", "to_pdf"]

SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
"""The summary's type sizes, tried in turn until it all fits on page one."""


class PdfUnavailable(RuntimeError):
    """fpdf2 is not installed: the message says how to add it."""

    def __init__(self) -> None:
        super().__init__("PDF needs the pdf extra: pip install 'twitchtui[pdf]'")


def csv_for(data: ReportInput) -> str:
    """The period's twitches and day logs as the CSV export writes them."""
    return to_csv(
        sorted(data.twitches, key=lambda t: t.at),
        [data.logs[d] for d in sorted(data.logs)],
        data.settings.day_start_hour,
        experiments_of(data.settings),
    )


def to_pdf(
    data: ReportInput, csv_text: str | None = None, only: Iterable[str] | None = None
) -> bytes:
    """The report as PDF bytes, the same for the same diary (its dates come
    from ``data.now``). ``csv_text`` is attached when given; ``only`` keeps
    those section keys. Raises ``PdfUnavailable`` without fpdf2."""
    try:
        import fpdf  # the optional pdf extra, only for a PDF
    except ImportError as exc:
        raise PdfUnavailable() from exc
    chosen = sections(data, only)
    for size in SIZES:
        writer = Pages(fpdf, data, size)
        if writer.build(chosen, csv_text):
            break
    return bytes(writer.pdf.output())
