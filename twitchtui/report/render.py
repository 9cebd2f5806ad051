"""The report rendered: Markdown, or one self-contained HTML page that prints
the way the PDF is laid out (the summary alone on page one)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..model import clean_text
from .blocks import Bullets, Chart, Facts, Table
from .content import sections
from .data import ReportInput


def title_of(data: ReportInput) -> str:
    return f"Twitch diary: {data.first:%d %b %Y} to {data.last:%d %b %Y}"


# ---------------------------------------------------------------- Markdown


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\[]<>`~&"})
_MD_OPENS = re.compile(r"^(\s*)(?:([#>]|[-+*](?=\s|$))|(\d+)([.)])(?=\s+\S))")
"""What opens a heading, a quote or a list where a line starts (a number
alone, "1.", is left: it shows as itself, as the questions' lines do)."""


def _md_text(text: str) -> str:
    """Text as one Markdown line that shows as written: no control
    characters, no line breaks, nothing at its start that opens a heading, a
    quote or a list (a name in a bullet starts a line), and no link, image,
    HTML tag, entity, code or struck-out text (``[ ] < > & ` ~`` escaped;
    a medicine named with three backticks once hid the rest of its line).
    ``**`` is left: the report's own bold."""
    line = " ".join(clean_text(text, newlines=True).translate(_MD_SPECIAL).split("\n"))
    return _MD_OPENS.sub(_escape_opening, line, count=1)


def _escape_opening(found: re.Match[str]) -> str:
    space, mark, number, dot = found.groups()
    return f"{space}\\{mark}" if mark else f"{space}{number}\\{dot}"


def _md_cell(text: str) -> str:
    return _md_text(text).replace("|", "\\|")


def to_markdown(data: ReportInput, only: Iterable[str] | None = None) -> str:
    """The report as Markdown; ``only`` keeps those section keys."""
    lines = [f"# {title_of(data)}", ""]
    for section in sections(data, only):
        lines += [f"## {_md_text(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Table):
                lines.append("| " + " | ".join(_md_cell(c) for c in block.header) + " |")
                lines.append("|" + "---|" * len(block.header))
                lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            elif isinstance(block, Chart):
                lines += ["```", *(clean_text(line) for line in block.lines), "```"]
                if block.caption:
                    lines += ["", _md_text(block.caption)]
            elif isinstance(block, Bullets):
                lines += [f"- {_md_text(item)}" for item in block.items]
            elif isinstance(block, Facts):
                for label, value in block.rows:
                    if isinstance(value, str):
                        lines.append(f"- **{_md_text(label)}:** {_md_text(value)}")
                    else:
                        lines.append(f"- **{_md_text(label)}:**")
                        lines += [f"  - {_md_text(item)}" for item in value]
            else:
                lines.append(_md_text(block))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- HTML

_CSS = """
body { font: 11pt/1.4 system-ui, sans-serif; max-width: 48em; margin: 2em auto; color: #111; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; border-bottom: 1px solid #999; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 0.15em 0.4em; text-align: left; vertical-align: top; }
table.facts th { width: 9em; background: #f2f2f2; }
table.facts ul { margin: 0; padding-left: 1.1em; }
tr, li { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
pre { font: 9pt/1.2 ui-monospace, monospace; white-space: pre-wrap; }
.bars { display: flex; align-items: flex-end; gap: 1px; height: 6em;
        border-bottom: 1px solid #555; margin: 0.5em 0 0.1em; }
.bars span { flex: 1; background: #3a6ea5; min-height: 0; position: relative; }
.bars span.none { background: repeating-linear-gradient(45deg, #ccc 0 2px, #fff 2px 4px);
                  height: 0.4em; }
.bars span b { position: absolute; top: -1.2em; width: 100%; text-align: center;
               font: 7pt sans-serif; color: #333; }
.axis { display: flex; gap: 1px; font-size: 7pt; color: #444; }
.axis span { flex: 1; text-align: center; overflow: hidden; white-space: nowrap; }
.caption { font-size: 0.85em; color: #333; }
.questions p { border-bottom: 1px solid #999; min-height: 2em; }
@page { size: A4; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; }
  section.summary { break-after: page; page-break-after: always; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .bars, .axis, table.facts tr { break-inside: avoid; page-break-inside: avoid; }
  .bars span, .bars span.none { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _esc(text: str) -> str:
    """HTML-escaped, with control characters taken out (a line break kept)."""
    return html.escape(clean_text(text, newlines=True))


def _inline(text: str) -> str:
    """Escape, then turn **bold** into <strong>."""
    parts = _esc(text).split("**")
    return "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts))


LABELLED = 31
"""Charts with at most this many bars print each bar's value above it."""


def _html_chart(chart: Chart) -> str:
    """The bars as boxes of CSS (no script, no image); the text lines when
    there are no bars."""
    if not chart.bars:
        out = "<pre>" + _esc("\n".join(chart.lines)) + "</pre>"
    else:
        peak = max((v or 0 for _, v in chart.bars), default=0) or 1
        labelled = len(chart.bars) <= LABELLED
        every = max(1, len(chart.bars) // 12)
        bars, axis = [], []
        for i, (label, value) in enumerate(chart.bars):
            tip = f"{label}: {'no diary' if value is None else value}"
            if value is None:
                bars.append(f'<span class="none" title="{_esc(tip)}"></span>')
            else:
                number = f"<b>{value}</b>" if labelled and value else ""
                bars.append(
                    f'<span style="height:{100 * value / peak:.0f}%" title="{_esc(tip)}">'
                    f"{number}</span>"
                )
            axis.append(f"<span>{_esc(label) if i % every == 0 else ''}</span>")
        out = (
            f'<div class="bars" role="img" aria-label="{_esc(chart.caption)}">{"".join(bars)}'
            f'</div><div class="axis">{"".join(axis)}</div>'
        )
    if chart.caption:
        out += f'<p class="caption">{_esc(chart.caption)}</p>'
    return out


def _html_value(value: str | list[str]) -> str:
    if isinstance(value, str):
        return _esc(value)
    return "<ul>" + "".join(f"<li>{_esc(i)}</li>" for i in value) + "</ul>"


def to_html(data: ReportInput, only: Iterable[str] | None = None) -> str:
    """The report as one HTML page; ``only`` keeps those section keys."""
    title = title_of(data)
    body = [f"<h1>{html.escape(title)}</h1>"]
    for section in sections(data, only):
        klass = {"questions": ' class="questions"', "summary": ' class="summary"'}.get(
            section.key, ""
        )
        body.append(f"<section{klass}><h2>{_esc(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, Table):
                head = "".join(f"<th>{_esc(c)}</th>" for c in block.header)
                rows = "".join(
                    "<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>"
                    for row in block.rows
                )
                body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
            elif isinstance(block, Chart):
                body.append(_html_chart(block))
            elif isinstance(block, Bullets):
                body.append(
                    "<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in block.items) + "</ul>"
                )
            elif isinstance(block, Facts):
                body.append(
                    '<table class="facts"><tbody>'
                    + "".join(
                        f"<tr><th>{_esc(label)}</th><td>{_html_value(value)}</td></tr>"
                        for label, value in block.rows
                    )
                    + "</tbody></table>"
                )
            else:
                body.append(f"<p>{_inline(block)}</p>")
        body.append("</section>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
