"""A relief session: a warm compress or a guided face relaxation (PMR), as done."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from .values import Doc, InvalidEntry, _aware, _in_range, check_id, derived_id, shown

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
    id: str = field(default="", compare=False)
    """32 hex digits (schema 3), so an import merges sessions by id. Not
    compared: two sessions with the same content are the same session."""

    def __post_init__(self) -> None:
        if not self.id:  # derived, so the same entry always has the same id
            started = getattr(self.started, "isoformat", lambda: str(self.started))()
            object.__setattr__(self, "id", derived_id("relief", str(self.kind), started))

    @property
    def label(self) -> str:
        return RELIEF_KINDS.get(self.kind, self.kind)

    def validated(self) -> Relief:
        if not isinstance(self.kind, str) or self.kind not in RELIEF_KINDS:
            raise InvalidEntry("relief", f"{shown(self.kind)} is not warm-compress or pmr")
        if not isinstance(self.finished, bool):
            raise InvalidEntry("finished", f"{shown(self.finished)} is not true or false")
        planned = _in_range("planned", self.planned_s, 1, 4 * 3600)
        actual = _in_range("actual", self.actual_s, 0, 4 * 3600)
        return replace(
            self,
            started=_aware("started", self.started).replace(microsecond=0),
            planned_s=planned,
            actual_s=actual,
            finished=self.finished,
            id=check_id("relief id", self.id),
        )

    def to_doc(self) -> Doc:
        return {
            "kind": self.kind,
            "started": self.started.isoformat(timespec="seconds"),
            "planned_s": self.planned_s,
            "actual_s": self.actual_s,
            "finished": self.finished,
            "id": self.id,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> Relief:
        started = _aware("started", doc["started"])
        return cls(
            kind=doc["kind"],
            started=started,
            planned_s=doc["planned_s"],
            actual_s=doc["actual_s"],
            finished=doc.get("finished", True),
            id=doc.get("id") or "",
        )
