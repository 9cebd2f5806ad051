"""What was tried: a relief session (a warm compress or a guided face
relaxation, as done) and an experiment (trying one change for some days, or
the 48-hour stimulant pause, with the before/during comparison kept when it
ended)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from .values import (
    Doc,
    InvalidEntry,
    _aware,
    _in_range,
    _short,
    check_id,
    derived_id,
    diary_day,
    shown,
)

# ---------------------------------------------------------------- relief sessions

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


# ---------------------------------------------------------------- experiments

PRESETS: dict[str, tuple[str, str | None]] = {
    "early-bed": ("Bed an hour earlier", None),
    "no-coffee-after": ("No coffee after {time}", "12:00"),
    "electrolytes": ("Electrolytes every day", None),
    "no-screens-after": ("No screens after {time}", "21:00"),
}
"""The ideas offered: key -> (words, the default time for the words' {time})."""


def preset_words(key: str, at: str | None = None) -> str:
    """A preset's words, with its time filled in (``at`` or the default)."""
    words, default = PRESETS[key]
    return words.format(time=at or default) if default else words


PAUSE = "stimulant-pause"
"""The name of the 48-hour coffee pause when kept as an experiment."""


@dataclass(frozen=True, slots=True)
class Result:
    """Twitches per unit (a waking hour, or a logged day) just before and during."""

    unit: str
    """ "waking hour" (the stimulant pause) or "logged day" (an experiment)."""
    before_twitches: int
    before_units: float
    during_twitches: int
    during_units: float
    enough: bool

    @property
    def before_rate(self) -> float:
        return self.before_twitches / self.before_units if self.before_units else 0.0

    @property
    def during_rate(self) -> float:
        return self.during_twitches / self.during_units if self.during_units else 0.0

    def to_doc(self) -> Doc:
        return {
            "unit": self.unit,
            "before_twitches": self.before_twitches,
            "before_units": self.before_units,
            "during_twitches": self.during_twitches,
            "during_units": self.during_units,
            "enough": self.enough,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> Result:
        """A kept result; a value of the wrong type is refused, never converted."""
        if not isinstance(doc, dict):
            raise InvalidEntry("result", f"{shown(doc)} is not a kept result")
        kinds: dict[str, type | tuple[type, ...]] = {
            "unit": str,
            "before_twitches": int,
            "before_units": (int, float),
            "during_twitches": int,
            "during_units": (int, float),
            "enough": bool,
        }
        for name, kind in kinds.items():
            value = doc[name]
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                raise InvalidEntry(f"result {name}", f"{shown(value)} is of the wrong kind")
        return cls(
            unit=doc["unit"],
            before_twitches=doc["before_twitches"],
            before_units=float(doc["before_units"]),
            during_twitches=doc["during_twitches"],
            during_units=float(doc["during_units"]),
            enough=doc["enough"],
        )


@dataclass(frozen=True, slots=True)
class Experiment:
    """``name``: the words of what is tried (a preset's or the person's own), or
    ``stimulant-pause``. ``days``: the planned length."""

    name: str
    started: datetime
    days: int
    ended: datetime | None = None
    stopped_early: bool = False
    result: Result | None = None
    id: str = field(default="", compare=False)
    """32 hex digits (schema 3): an import merges experiments by id."""

    def __post_init__(self) -> None:
        if not self.id:  # derived, so the same entry always has the same id
            started = getattr(self.started, "isoformat", lambda: str(self.started))()
            object.__setattr__(self, "id", derived_id("experiment", str(self.name), started))

    @property
    def title(self) -> str:
        if self.name == PAUSE:
            return "48-hour stimulant pause"
        return self.name

    def first_day(self, day_start_hour: int) -> date:
        """The diary day it began: its day 1."""
        return diary_day(self.started, day_start_hour)

    def day_number(self, day: date, day_start_hour: int) -> int:
        """Which of its days the diary day ``day`` is (1 on the day it began)."""
        return (day - self.first_day(day_start_hour)).days + 1

    def validated(self) -> Experiment:
        if not isinstance(self.name, str):
            raise InvalidEntry("experiment", f"{shown(self.name)} is not a name")
        if not isinstance(self.stopped_early, bool):
            raise InvalidEntry("stopped_early", f"{shown(self.stopped_early)} is not true or false")
        if self.result is not None and not isinstance(self.result, Result):
            raise InvalidEntry("result", "is not a kept result")
        name = _short("experiment", self.name, 60)
        if not name:
            raise InvalidEntry("experiment", "needs a name")
        started = _aware("started", self.started).replace(microsecond=0)
        ended = None if self.ended is None else _aware("ended", self.ended).replace(microsecond=0)
        if ended is not None and ended < started:
            raise InvalidEntry("ended", "is before the experiment started")
        return replace(
            self,
            name=name,
            started=started,
            ended=ended,
            days=_in_range("days", self.days, 1, 90),
            id=check_id("experiment id", self.id),
        )

    def to_doc(self) -> Doc:
        return {
            "name": self.name,
            "started": self.started.isoformat(timespec="seconds"),
            "days": self.days,
            "ended": None if self.ended is None else self.ended.isoformat(timespec="seconds"),
            "stopped_early": self.stopped_early,
            "result": None if self.result is None else self.result.to_doc(),
            "id": self.id,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> Experiment:
        started = _aware("started", doc["started"])
        return cls(
            name=doc["name"],
            started=started,
            days=doc["days"],
            ended=_aware("ended", doc["ended"]) if doc.get("ended") else None,
            stopped_early=doc.get("stopped_early", False),
            result=Result.from_doc(doc["result"]) if doc.get("result") else None,
            id=doc.get("id") or "",
        )
