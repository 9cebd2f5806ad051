"""The pieces a report is made of: paragraphs, tables, lists and a text chart, in sections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


@dataclass(frozen=True)
class Chart:
    lines: list[str]


@dataclass(frozen=True)
class Bullets:
    items: list[str]


Block = str | Table | Chart | Bullets


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
