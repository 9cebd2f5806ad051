"""The report rendered: Markdown, or one self-contained HTML page that prints."""

from __future__ import annotations

import html

from .blocks import Bullets, Chart, Table
from .content import ReportInput, sections

# ---------------------------------------------------------------- Markdown


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(data: ReportInput) -> str:
    lines = [f"# Twitch diary: {data.first:%d %b %Y} to {data.last:%d %b %Y}", ""]
    for section in sections(data):
        lines += [f"## {section.title}", ""]
        for block in section.blocks:
            if isinstance(block, Table):
                lines.append("| " + " | ".join(block.header) + " |")
                lines.append("|" + "---|" * len(block.header))
                lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
            elif isinstance(block, Chart):
                lines += ["```", *block.lines, "```"]
            elif isinstance(block, Bullets):
                lines += [f"- {item}" for item in block.items]
            else:
                lines.append(block)
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


def _inline(text: str) -> str:
    """Escape, then turn **bold** into <strong>."""
    parts = html.escape(text).split("**")
    return "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts))


def to_html(data: ReportInput) -> str:
    title = f"Twitch diary: {data.first:%d %b %Y} to {data.last:%d %b %Y}"
    body = [f"<h1>{html.escape(title)}</h1>"]
    for section in sections(data):
        klass = ' class="questions"' if section.title.startswith("Questions") else ""
        body.append(f"<section{klass}><h2>{html.escape(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, Table):
                head = "".join(f"<th>{html.escape(c)}</th>" for c in block.header)
                rows = "".join(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                    for row in block.rows
                )
                body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
            elif isinstance(block, Chart):
                body.append("<pre>" + html.escape("\n".join(block.lines)) + "</pre>")
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
