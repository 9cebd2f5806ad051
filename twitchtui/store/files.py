"""Where a diary's files are: the main file, one file per month, the lock, and month maths.

For ``--db ~/notes/diary.json``::

    diary.json            main file: schema version and settings (small)
    diary.2026-11.json    one shard per calendar month: twitches and day logs
    diary.json.lock       cross-process lock held around every read-modify-write
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from pathlib import Path


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_span(month: str) -> tuple[date, date]:
    """The first and last calendar day of a "YYYY-MM" month."""
    year, number = int(month[:4]), int(month[5:7])
    following = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return date(year, number, 1), following - timedelta(days=1)


def months_between(first: date, last: date) -> list[str]:
    """Every "YYYY-MM" from ``first``'s month to ``last``'s, in order."""
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class Layout:
    """The names of one diary's files (only ``shard_paths`` looks at the disk)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.parent
        self.stem = path.name.removesuffix(".json")
        self.lock = Path(f"{path}.lock")
        self._shard_re = re.compile(rf"^{re.escape(self.stem)}\.(\d{{4}}-\d{{2}})\.json$")

    def shard(self, month: str) -> Path:
        return self.folder / f"{self.stem}.{month}.json"

    def is_shard(self, path: Path) -> bool:
        return path.parent == self.folder and bool(self._shard_re.match(path.name))

    def shard_paths(self) -> dict[str, Path]:
        """Every month that has a shard file, oldest first."""
        found: dict[str, Path] = {}
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return found
        for entry in entries:
            match = self._shard_re.match(entry.name)
            if match:
                found[match.group(1)] = Path(entry.path)
        return dict(sorted(found.items()))

    def for_days(self, days: list[date]) -> list[Path]:
        """The main file and the shards that hold ``days`` (a diary day can
        reach past midnight into the next month)."""
        months = sorted({month_of(d) for d in days} | {month_of(d + timedelta(1)) for d in days})
        return [self.path, *(self.shard(m) for m in months)]

    @property
    def temp_prefixes(self) -> tuple[str, ...]:
        """How the temporary files of an unfinished write begin."""
        return (f".{self.path.name}.", f".{self.stem}.")
