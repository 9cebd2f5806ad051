"""The PDF's pages laid out with fpdf2, which the caller passes in (only
``pdf.to_pdf`` imports it): the summary on page one, then the details; the
charts drawn as rectangles; text in the shipped DejaVu Sans."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import clean_text
from .blocks import Bullets, Chart, Facts, Section, Table
from .data import ReportInput
from .render import title_of

if TYPE_CHECKING:
    from fpdf import FPDF

FONTS = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"
MISSING = "\ufffd"
DETAIL = 7.5
"""The details' type size: 28 days of diary fit on pages two and three."""
INK, GREY, BAR, NO_DIARY_FILL = (17, 17, 17), (90, 90, 90), (58, 110, 165), (200, 200, 200)
MARGIN = 12.0


def attachment_name(data: ReportInput) -> str:
    return f"twitch-diary-{data.first.isoformat()}-to-{data.last.isoformat()}.csv"


class Pages:
    """Lays the sections out on A4 pages with one body type size.

    It is over 300 lines because it is one page layout: each method draws one kind
    of block (facts, a table, a chart, a list) with the type size, line height
    and page state they all share; split up, that state would be passed
    between a handful of classes that each draw one thing."""

    def __init__(self, fpdf: Any, data: ReportInput, size: float) -> None:
        self.fpdf = fpdf
        self.data = data
        self.size = size
        self.lh = size * 0.46  # line height in mm
        self.missing = False
        title = title_of(data)
        who = data.settings.patient_name

        class Page(fpdf.FPDF):  # type: ignore[misc]  # fpdf2 has no type information
            def header(inner) -> None:
                inner.set_font(FAMILY, "", 6.5)
                inner.set_text_color(*GREY)
                inner.set_xy(MARGIN, 6)
                inner.cell(0, 3, self.text(title + (f" · {who}" if who else "")))
                inner.set_xy(MARGIN, 6)
                inner.cell(0, 3, f"page {inner.page_no()} of {{nb}}", align="R")
                inner.set_text_color(*INK)
                inner.set_xy(MARGIN, 12)

            def footer(inner) -> None:
                inner.set_font(FAMILY, "", 6)
                inner.set_text_color(*GREY)
                inner.set_xy(MARGIN, -9)
                inner.cell(
                    0,
                    3,
                    "Written by twitchtui from the patient's own diary. twitchtui does not "
                    "diagnose; it shows what was logged.",
                )
                inner.set_text_color(*INK)

        pdf = Page(format="A4", unit="mm")
        pdf.set_margins(MARGIN, 12, MARGIN)
        pdf.set_auto_page_break(True, margin=12)
        pdf.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        pdf.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.pdf: FPDF = pdf
        self.glyphs = set.intersection(*(set(f.cmap) for f in pdf.fonts.values()))
        pdf.set_creation_date(_aware(data.now))
        pdf.set_title(self.text(title))
        pdf.set_author(self.text(who) if who else "twitchtui")
        pdf.set_creator("twitchtui")
        pdf.set_producer("twitchtui")
        pdf.set_lang("en")
        pdf.alias_nb_pages()
        self.width = pdf.w - 2 * MARGIN

    # ------------------------------------------------------------ text

    def text(self, text: str) -> str:
        """Text the font can draw: control characters out, a missing glyph as "�"."""
        clean = clean_text(str(text), newlines=True)
        out = []
        for ch in clean:
            if ch == "\n" or ord(ch) in self.glyphs:
                out.append(ch)
            elif ch.isspace():
                out.append(" ")
            else:
                out.append(MISSING)
                self.missing = True
        return "".join(out)

    def font(self, bold: bool = False, scale: float = 1.0) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", self.size * scale)

    def rich(self, text: str, scale: float = 1.0) -> None:
        """A paragraph whose **parts** are bold, wrapped from the left margin."""
        pdf = self.pdf
        pdf.set_x(pdf.l_margin)
        for i, part in enumerate(text.split("**")):
            if part:
                self.font(bold=i % 2 == 1, scale=scale)
                pdf.write(self.lh * scale, self.text(part))
        pdf.ln(self.lh * scale)
        self.font()

    def paragraph(self, text: str, scale: float = 1.0, gap: float = 1.2) -> None:
        self.rich(text, scale)
        self.pdf.ln(gap)

    def bullets(self, items: list[str]) -> None:
        pdf = self.pdf
        left = pdf.l_margin
        for item in items:
            if pdf.will_page_break(self.lh):
                pdf.add_page()
            y = pdf.get_y()
            self.font()
            pdf.set_xy(left + 1, y)
            pdf.cell(3, self.lh, "•")
            pdf.set_left_margin(left + 4)
            self.rich(item)
            pdf.set_left_margin(left)
        pdf.ln(1.2)

    # ------------------------------------------------------------ blocks

    def heading(self, title: str, size: float | None = None) -> None:
        pdf = self.pdf
        if pdf.will_page_break(28):  # a heading never ends a page alone
            pdf.add_page()
        pdf.ln(1.5)
        size = size or self.size * 1.3
        pdf.set_font(FAMILY, "B", size)
        pdf.cell(0, size * 0.5, self.text(title), new_x="LMARGIN", new_y="NEXT")
        y = pdf.get_y() + 0.5
        pdf.set_draw_color(150, 150, 150)
        pdf.set_line_width(0.2)
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
        pdf.set_y(y + 1.5)
        self.font()

    def facts(self, block: Facts) -> None:
        """Label on the left, value on the right; a list value in two columns
        when its items are short."""
        pdf = self.pdf
        label_w = 31.0
        value_w = self.width - label_w
        lh = self.lh
        for label, value in block.rows:
            y0 = pdf.get_y()
            self.font(bold=True)
            pdf.set_xy(MARGIN, y0)
            pdf.multi_cell(label_w - 1, lh, self.text(label), align="L")
            end = pdf.get_y()
            self.font()
            x = MARGIN + label_w
            if isinstance(value, str):
                pdf.set_xy(x, y0)
                pdf.multi_cell(value_w, lh, self.text(value), align="L")
                end = max(end, pdf.get_y())
            else:
                items = [self.text(i) for i in value]
                widest = max((pdf.get_string_width(i) for i in items), default=0)
                cols = 2 if len(items) > 2 and widest + 4 < value_w / 2 else 1
                col_w = value_w / cols
                per_col = -(-len(items) // cols)
                for c in range(cols):
                    pdf.set_xy(x + c * col_w, y0)
                    for item in items[c * per_col : (c + 1) * per_col]:
                        pdf.multi_cell(
                            col_w - 1, lh, "• " + item, align="L", new_x="LEFT", new_y="NEXT"
                        )
                    end = max(end, pdf.get_y())
            pdf.set_draw_color(220, 220, 220)
            pdf.set_line_width(0.15)
            pdf.line(MARGIN, end + 0.6, pdf.w - MARGIN, end + 0.6)
            pdf.set_y(end + 1.2)
        pdf.ln(1)

    def table(self, block: Table) -> None:
        pdf = self.pdf
        from fpdf.fonts import FontFace  # the optional pdf extra: loaded only for a PDF

        scale = 0.9
        self.font(scale=scale)
        header = [self.text(c) for c in block.header]
        rows = [[self.text(c) for c in row] for row in block.rows]
        widths = []
        for i, head in enumerate(header):
            cells = [r[i] for r in rows if i < len(r) and not _spans(r)]
            longest = max([pdf.get_string_width(c) for c in cells] or [0])
            self.font(bold=True, scale=scale)
            words = max(pdf.get_string_width(w) for w in (head.split() or [""]))
            self.font(scale=scale)
            widths.append(max(min(longest, 55.0), words, 3.0) + 2.4)
        total = sum(widths)
        if pdf.will_page_break(self.lh * 3):
            pdf.add_page()
        with pdf.table(
            col_widths=widths,
            width=min(self.width, total) if total < self.width * 0.6 else self.width,
            align="LEFT",
            text_align="LEFT",
            line_height=self.lh * scale,
            padding=(0.25, 0.8),
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
            repeat_headings=1,
        ) as t:
            heading = t.row()
            for title in header:
                heading.cell(title)
            for r in rows:
                line = t.row()
                if _spans(r):
                    line.cell(r[0], colspan=len(header), style=FontFace(color=GREY))
                else:
                    for c in r:
                        line.cell(c)
        pdf.ln(1.5)
        self.font()

    def chart(self, block: Chart) -> None:
        """The bars drawn as rectangles; a "no diary" day as a grey stub
        below the line, so it is never read as a twitch-free day."""
        pdf = self.pdf
        if not block.bars:
            for line in block.lines:
                self.paragraph(line, gap=0)
            return
        height = 16.0
        if pdf.will_page_break(height + 14):
            pdf.add_page()
        n = len(block.bars)
        peak = max((v or 0 for _, v in block.bars), default=0) or 1
        left, top = MARGIN + 6, pdf.get_y() + 3
        width = self.width - 6
        step = width / n
        base = top + height
        pdf.set_line_width(0.2)
        pdf.set_draw_color(80, 80, 80)
        pdf.line(left, base, left + width, base)
        pdf.line(left, top, left, base)
        pdf.set_font(FAMILY, "", 5.5)
        pdf.set_text_color(*GREY)
        pdf.set_xy(MARGIN, top - 1.2)
        pdf.cell(5.5, 2.4, str(peak), align="R")
        pdf.set_xy(MARGIN, base - 1.2)
        pdf.cell(5.5, 2.4, "0", align="R")
        every = max(1, round(n / 14))
        for i, (label, value) in enumerate(block.bars):
            x = left + i * step + step * 0.12
            w = step * 0.76
            if value is None:
                pdf.set_fill_color(*NO_DIARY_FILL)
                pdf.rect(x, base + 0.3, w, 1.2, style="F")
            elif value:
                h = height * value / peak
                pdf.set_fill_color(*BAR)
                pdf.rect(x, base - h, w, h, style="F")
                if n <= 31:
                    pdf.set_xy(x - 1, base - h - 2.6)
                    pdf.cell(w + 2, 2.4, str(value), align="C")
            if i % every == 0:
                pdf.set_xy(left + i * step - 3, base + 1.7)
                pdf.cell(step + 6, 2.4, self.text(label), align="C")
        pdf.set_text_color(*INK)
        pdf.set_fill_color(255, 255, 255)  # tables fill with the colour last set
        pdf.set_y(base + 5)
        self.font()
        if block.caption:
            self.paragraph(block.caption, scale=0.9)

    def questions(self, section: Section) -> None:
        pdf = self.pdf
        for block in section.blocks:
            self.font()
            pdf.cell(0, self.lh * 2.4, self.text(str(block)), new_x="LMARGIN", new_y="NEXT")
            y = pdf.get_y()
            pdf.set_draw_color(150, 150, 150)
            pdf.line(MARGIN + 5, y, pdf.w - MARGIN, y)

    # ------------------------------------------------------------ pages

    def section(self, section: Section) -> None:
        self.heading(section.title)
        if section.key == "questions":
            self.questions(section)
            return
        for block in section.blocks:
            if isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart):
                self.chart(block)
            elif isinstance(block, Bullets):
                self.bullets(block.items)
            elif isinstance(block, Facts):
                self.facts(block)
            else:
                self.paragraph(block)

    def build(self, chosen: list[Section], csv_text: str | None) -> bool:
        """Lay everything out; True when the summary fits on page one."""
        pdf = self.pdf
        pdf.add_page()
        pdf.set_font(FAMILY, "B", 14)
        pdf.cell(0, 7, self.text(title_of(self.data)), new_x="LMARGIN", new_y="NEXT")
        fits = True
        rest = chosen
        if chosen and chosen[0].key == "summary":
            self.section(chosen[0])
            fits = pdf.page_no() == 1
            rest = chosen[1:]
            if rest:
                pdf.add_page()
        self.size, self.lh = DETAIL, DETAIL * 0.46
        for section in rest:
            self.section(section)
        if csv_text is not None:
            name = attachment_name(self.data)
            self.paragraph(
                f"The entries of this period are attached to this PDF as {name} "
                "(see your PDF reader's attachments).",
                scale=0.9,
            )
            pdf.embed_file(
                bytes=csv_text.encode("utf-8"),
                basename=name,
                desc="The diary's entries for this period (CSV)",
                modification_date=_aware(self.data.now),
                mime_type="text/csv",
                compress=True,
            )
        if self.missing:
            self.paragraph(
                f"Some characters are not in this PDF's font and show as {MISSING}; "
                "the attached CSV and the Markdown or HTML report keep them as typed.",
                scale=0.9,
            )
        return fits


def _aware(moment: datetime) -> datetime:
    """The moment with a zone (UTC when it has none), as fpdf2 dates need."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _spans(row: Iterable[str]) -> bool:
    """A "no diary" line: one text across the whole row."""
    cells = list(row)
    return bool(cells) and cells[0].startswith("No diary") and not any(cells[1:])
