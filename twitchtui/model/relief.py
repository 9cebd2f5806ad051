"""A relief session: a warm compress or a guided face relaxation (PMR), as done."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from .values import InvalidEntry, _aware, _in_range

RELIEF_KINDS: dict[str, str] = {
    "warm-compress": "warm compress",
    "pmr": "face relaxation (PMR)",
}
"""Relief types, by the name the diary and the exports use."""


@dataclass(frozen=True, slots=True)
class Relief:
    """One session: when it began, how long it was meant to last and did last,
    and whether it ran to the end (False: stopped early)."""

    kind: str
    started: datetime
    planned_s: int
    actual_s: int
    finished: bool = True

    @property
    def label(self) -> str:
        return RELIEF_KINDS.get(self.kind, self.kind)

    def validated(self) -> Relief:
        if self.kind not in RELIEF_KINDS:
            raise InvalidEntry("relief", f"{self.kind!r} is not warm-compress or pmr")
        planned = _in_range("planned", self.planned_s, 1, 4 * 3600)
        actual = _in_range("actual", self.actual_s, 0, 4 * 3600)
        return replace(
            self,
            started=_aware("started", self.started).replace(microsecond=0),
            planned_s=planned,
            actual_s=actual,
            finished=bool(self.finished),
        )

    def to_doc(self) -> dict:
        return {
            "kind": self.kind,
            "started": self.started.isoformat(timespec="seconds"),
            "planned_s": self.planned_s,
            "actual_s": self.actual_s,
            "finished": self.finished,
        }

    @classmethod
    def from_doc(cls, doc: dict) -> Relief:
        return cls(
            kind=str(doc["kind"]),
            started=_aware("started", doc["started"]),
            planned_s=int(doc["planned_s"]),
            actual_s=int(doc["actual_s"]),
            finished=bool(doc.get("finished", True)),
        )
