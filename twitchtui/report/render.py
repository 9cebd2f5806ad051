"""The report rendered: Markdown, or one self-contained HTML page that prints."""

from __future__ import annotations

import html

from ..model import clean_text
from .blocks import Bullets, Chart, Table
from .content import ReportInput, sections

# ---------------------------------------------------------------- Markdown


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\[]<>"})


def _md_text(text: str) -> str:
    """Text as one Markdown line that shows as written: no control
    characters, no line breaks (a note cannot start a heading or a list),
    and no link, image or HTML tag (``[``, ``]``, ``<``, ``>`` escaped)."""
    return " ".join(clean_text(text, newlines=True).translate(_MD_SPECIAL).split("\n"))


def _md_cell(text: str) -> str:
    return _md_text(text).replace("|", "\\|")


def to_markdown(data: ReportInput) -> str:
    lines = [f"# Twitch diary: {data.first:%d %b %Y} to {data.last:%d %b %Y}", ""]
    for section in sections(data):
        lines += [f"## {_md_text(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Table):
                lines.append("| " + " | ".join(_md_cell(c) for c in block.header) + " |")
                lines.append("|" + "---|" * len(block.header))
                lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            elif isinstance(block, Chart):
                lines += ["```", *(clean_text(line) for line in block.lines), "```"]
            elif isinstance(block, Bullets):
                lines += [f"- {_md_text(item)}" for item in block.items]
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
tr { page-break-inside: avoid; }
pre { font: 9pt/1.2 ui-monospace, monospace; white-space: pre-wrap; }
.questions p { border-bottom: 1px solid #999; min-height: 2em; }
@page { margin: 15mm; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
"""


def _esc(text: str) -> str:
    """HTML-escaped, with control characters taken out (a line break kept)."""
    return html.escape(clean_text(text, newlines=True))


def _inline(text: str) -> str:
    """Escape, then turn **bold** into <strong>."""
    parts = _esc(text).split("**")
    return "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts))


def to_html(data: ReportInput) -> str:
    title = f"Twitch diary: {data.first:%d %b %Y} to {data.last:%d %b %Y}"
    body = [f"<h1>{html.escape(title)}</h1>"]
    for section in sections(data):
        klass = ' class="questions"' if section.title.startswith("Questions") else ""
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
                body.append("<pre>" + _esc("\n".join(block.lines)) + "</pre>")
            elif isinstance(block, Bullets):
                body.append(
                    "<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in block.items) + "</ul>"
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
