"""One diary day's log besides the twitches: the checklist, the check-in and the self-check."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time

from .selfcheck import LEGACY, SIGNS, SelfCheck, from_legacy, in_force
from .tried import Relief
from .values import (
    MAX_NOTE,
    Doc,
    InvalidEntry,
    _aware,
    _hhmm,
    _in_range,
    _short,
    check_year,
    given_text,
    parse_hhmm,
    shown,
)

SYMPTOMS = SIGNS
"""The self-check questions (see ``selfcheck.SIGNS``)."""
LEGACY_SYMPTOMS: frozenset[str] = frozenset(LEGACY) | {"sudden"}
"""Keys of the old per-day answers, read into records (``selfcheck.from_legacy``)."""


@dataclass(frozen=True, slots=True)
class DayLog:
    """Everything recorded for one diary day besides the twitches."""

    day: date
    water_ml: int = 0
    electrolytes: bool = False
    coffees: tuple[datetime, ...] = ()
    no_coffee: bool = False
    """"No coffee today" was ticked: the coffee item is answered with no cup."""
    snack: bool = False
    bedtime: time | None = None
    stress: int | None = None
    sleep_h: float | None = None
    food: str = ""
    checks: tuple[SelfCheck, ...] = ()
    """Every self-check saved for this day, oldest first (never rewritten)."""
    alcohol: bool | None = None
    nicotine: bool | None = None
    screen_h: float | None = None
    """Day-level exposures from the check-in (None: not answered that day)."""
    habits: dict[str, int] = field(default_factory=dict)
    """The person's own habits done this day: name → how many times."""
    snack_food: str = ""
    """Which magnesium or potassium food the snack was ("" when not said)."""
    relief: tuple[Relief, ...] = ()
    """Warm compresses and face relaxations begun this day."""
    self_checks: int = 0
    """How many times the self-check was opened this day."""

    def validated(self) -> DayLog:
        if not isinstance(self.day, date) or isinstance(self.day, datetime):
            raise InvalidEntry("day", f"{shown(self.day)} is not a date")
        check_year("day", self.day)
        for name in ("electrolytes", "snack", "no_coffee"):
            if not isinstance(getattr(self, name), bool):
                raise InvalidEntry(name, f"{shown(getattr(self, name))} is not true or false")
        for name in ("alcohol", "nicotine"):
            if getattr(self, name) is not None and not isinstance(getattr(self, name), bool):
                raise InvalidEntry(name, f"{shown(getattr(self, name))} is not yes, no or null")
        for name in ("food", "snack_food"):
            if not isinstance(getattr(self, name), str):
                raise InvalidEntry(name, f"{shown(getattr(self, name))} is not text")
        for name in ("coffees", "relief"):
            if not isinstance(getattr(self, name), tuple | list):
                raise InvalidEntry(name, f"{shown(getattr(self, name))} is not a list")
        if not isinstance(self.habits, dict):
            raise InvalidEntry("habits", f"{shown(self.habits)} is not a table of habits")
        water = _in_range("water", self.water_ml, 0, 20_000)
        stress = None if self.stress is None else _in_range("stress", self.stress, 1, 5)
        sleep = _hours("sleep", self.sleep_h, 2)
        screen = _hours("screen", self.screen_h, 1)
        food = given_text("food", self.food, newlines=True).strip()
        if len(food) > MAX_NOTE:
            raise InvalidEntry("food", f"is longer than {MAX_NOTE} characters")
        coffees = tuple(sorted(_aware("coffee", c) for c in self.coffees))
        snack_food = " ".join(given_text("snack", self.snack_food).split())
        if len(snack_food) > 40:
            raise InvalidEntry("snack", "the food's name is longer than 40 characters")
        return replace(
            self,
            snack_food=snack_food,
            relief=tuple(sorted((r.validated() for r in self.relief), key=lambda r: r.started)),
            self_checks=_in_range("self_checks", self.self_checks, 0, 1000),
            water_ml=water,
            stress=stress,
            sleep_h=sleep,
            food=food,
            screen_h=screen,
            coffees=coffees,
            checks=_validated_checks(self.day, self.checks),
            habits={
                _short("habit", k, 40): _in_range("habit", v, 0, 1000)
                for k, v in self.habits.items()
                if v
            },
        )

    @property
    def symptoms(self) -> dict[str, bool]:
        """Every sign any self-check of the day answered yes (a sign is never
        taken back by a later save)."""
        return {k: True for k in SIGNS if any(k in c.signs for c in self.answers)}

    @property
    def answers(self) -> list[SelfCheck]:
        """The self-check records that count (``selfcheck.in_force``: not
        withdrawn, and not a withdrawal)."""
        return in_force(self.checks)

    @property
    def seen_clinician(self) -> bool:
        """A clinician saw the person on this day."""
        return any(c.seen for c in self.answers)

    @property
    def self_checked(self) -> bool:
        """A self-check was saved this day (with or without a sign)."""
        return any(not c.seen or c.signs for c in self.answers)

    def with_check(self, check: SelfCheck) -> DayLog:
        """This day with one more self-check record (the same id again: no change)."""
        if any(c.id == check.id for c in self.checks):
            return self
        return replace(self, checks=tuple(sorted((*self.checks, check), key=lambda c: c.at)))

    @property
    def is_empty(self) -> bool:
        """Nothing logged for the checklist or the check-in (relief sessions and
        the count of self-checks opened do not make a day logged)."""
        # Field by field against a blank day (``_BLANK``): the same answer as
        # comparing a copy without them to ``DayLog(day)``, without making two
        # DayLogs a call (a year's chart asks it of every day, several times).
        return all(getattr(self, name) == blank for name, blank in _BLANK)

    def habit_count(self, name: str) -> int:
        """The day's ticks of the habit ``name``, in any letter case: names
        are one habit whatever their case (``Settings`` refuses "Walk" beside
        "walk"), so one removed and added again as "Meditate" keeps the
        ticks of "meditate"."""
        folded = name.lower()
        return sum(n for key, n in self.habits.items() if key.lower() == folded)

    def to_doc(self) -> Doc:
        return {
            "day": self.day.isoformat(),
            "water_ml": self.water_ml,
            "electrolytes": self.electrolytes,
            "coffees": [c.isoformat(timespec="seconds") for c in self.coffees],
            "no_coffee": self.no_coffee,
            "snack": self.snack,
            "bedtime": _hhmm(self.bedtime),
            "stress": self.stress,
            "sleep_h": self.sleep_h,
            "food": self.food,
            "checks": [c.to_doc() for c in self.checks],
            "alcohol": self.alcohol,
            "nicotine": self.nicotine,
            "screen_h": self.screen_h,
            "habits": dict(self.habits),
            "snack_food": self.snack_food,
            "relief": [r.to_doc() for r in self.relief],
            "self_checks": self.self_checks,
        }

    @classmethod
    def from_doc(cls, doc: Doc) -> DayLog:
        return cls(
            day=date.fromisoformat(doc["day"]),
            water_ml=doc.get("water_ml", 0),
            electrolytes=doc.get("electrolytes", False),
            coffees=tuple(_aware("coffee", c) for c in doc.get("coffees", ())),
            no_coffee=doc.get("no_coffee", False),
            snack=doc.get("snack", False),
            bedtime=parse_hhmm("bedtime", doc.get("bedtime")),
            stress=doc.get("stress"),
            sleep_h=doc.get("sleep_h"),
            food=doc.get("food", ""),
            checks=_checks(doc),
            habits=doc.get("habits") or {},
            alcohol=doc.get("alcohol"),
            nicotine=doc.get("nicotine"),
            screen_h=doc.get("screen_h"),
            snack_food=doc.get("snack_food") or "",
            relief=tuple(Relief.from_doc(r) for r in doc.get("relief") or ()),
            self_checks=doc.get("self_checks") or 0,
        )


_BLANK: tuple[tuple[str, object], ...] = tuple(
    (f.name, getattr(DayLog(date.min), f.name))
    for f in fields(DayLog)
    if f.compare and f.name not in ("day", "relief", "self_checks")
)
"""What ``DayLog.is_empty`` compares: every field of a blank day but the
day itself, the relief sessions and the count of self-checks opened."""


def _hours(name: str, value: float | None, digits: int) -> float | None:
    """Hours of a day (0 to 24), rounded to ``digits``; None stays None."""
    if value is None:
        return None
    try:
        hours = round(float(value), digits)
    except (TypeError, ValueError):
        raise InvalidEntry(name, f"{value!r} is not a number of hours") from None
    if not 0 <= hours <= 24:
        raise InvalidEntry(name, f"must be from 0 to 24 hours, not {hours:g}")
    return hours + 0.0  # "-0" typed is 0, not "slept -0 h"


def _checks(doc: Doc) -> tuple[SelfCheck, ...]:
    """A day document's self-check records; an old document's per-day answers
    (``symptoms``, ``seen_clinician``) become records as they are read."""
    day = date.fromisoformat(doc["day"])
    records = [SelfCheck.from_doc(c) for c in doc.get("checks") or ()]
    old = doc.get("symptoms") or {}
    if not isinstance(old, dict):
        raise InvalidEntry("symptoms", "is not a mapping of question to yes or no")
    unknown = set(old) - set(SIGNS) - LEGACY_SYMPTOMS
    if unknown:
        raise InvalidEntry("symptoms", f"unknown question {sorted(unknown)[0]!r}")
    ids = {c.id for c in records}
    records += [
        c for c in from_legacy(day, old, doc.get("seen_clinician", False)) if c.id not in ids
    ]
    return tuple(sorted(records, key=lambda c: c.at))


def _validated_checks(day: date, checks: tuple[SelfCheck, ...]) -> tuple[SelfCheck, ...]:
    """A day's records, checked: each id once, each moment within a day of
    the day it is filed under (a record's own clock may be a zone away)."""
    out = [c.validated() for c in checks]
    ids = [c.id for c in out]
    if len(set(ids)) != len(ids):
        raise InvalidEntry("self-check", f"two records on {day.isoformat()} share one id")
    for c in out:
        if abs((c.at.date() - day).days) > 1:
            raise InvalidEntry(
                "self-check", f"a record at {c.at:%Y-%m-%d %H:%M} is filed under {day.isoformat()}"
            )
    return tuple(sorted(out, key=lambda c: c.at))
