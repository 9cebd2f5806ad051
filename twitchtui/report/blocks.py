"""The pieces a report is made of: paragraphs, facts, tables, lists and charts, in sections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


Bar = tuple[str, int | None]
"""One bar of a chart: its label and its value (None: no diary that day)."""


@dataclass(frozen=True)
class Chart:
    """A chart as text ``lines`` (Markdown and HTML), and the same figures as
    ``bars`` for a drawn chart (the PDF draws them as shapes)."""

    lines: list[str]
    bars: tuple[Bar, ...] = ()
    caption: str = ""
    """What the chart shows, said in words (its scale, what a gap means)."""


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Facts:
    """Labelled facts, one a line: the summary. A value is a sentence, or a
    list of short items."""

    rows: list[tuple[str, str | list[str]]]


Block = str | Table | Chart | Bullets | Facts


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    key: str = ""
    """The short name ``--sections`` chooses it by (see ``period.SECTION_KEYS``)."""
