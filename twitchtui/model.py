"""The diary's data: twitches, day logs and settings.

Pure: no I/O, no Textual, no clock of its own. Whatever needs "now" takes it
as an argument, so tests pass a fixed time instead of patching ``datetime``.

Every class converts to and from a plain JSON-able ``dict`` (``to_doc`` /
``from_doc``); that dict is exactly what the store keeps on disk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time, timedelta

Clock = Callable[[], datetime]

SITES: tuple[str, ...] = ("upper-lip", "lower-lip", "eye", "cheek", "other")
LIP_SITES: frozenset[str] = frozenset({"upper-lip", "lower-lip"})
SIDES: tuple[str, ...] = ("left", "right", "both")
TRIGGERS: tuple[str, ...] = (
    "caffeine",
    "stress",
    "poor-sleep",
    "screen-time",
    "alcohol",
    "nicotine",
    "cold",
    "dental-work",
    "new-medicine",
)
MAX_DURATION_S = 24 * 3600
MAX_NOTE = 500
FUTURE_SLACK = timedelta(minutes=1)
_TAG = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")


def local_now() -> datetime:
    """The real clock: the current local time, timezone-aware."""
    return datetime.now().astimezone()


def new_id() -> str:
    """A random (version 4) UUID as 32 hex digits: two processes never clash.

    Built from ``os.urandom`` like ``uuid.uuid4``, without importing ``uuid``,
    which costs ``twitchtui log`` several milliseconds of start-up.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    return raw.hex()


class InvalidEntry(ValueError):
    """A value that the diary refuses, with the field it concerns."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


class Conflict(Exception):
    """A change that no longer fits the diary as it is now (the entry was
    deleted or changed elsewhere, or there is nothing left to take away).
    Nothing was changed."""


def diary_day(at: datetime, day_start_hour: int = 0) -> date:
    """The diary day a moment belongs to.

    The day follows the local wall clock of ``at``. With a day-start hour of 3,
    a twitch at 01:30 still counts for the day before.
    """
    if not day_start_hour:  # the usual case, and a hot path for the charts
        return at.date()
    return (at - timedelta(hours=day_start_hour)).date()


def normalise_tag(tag: str) -> str:
    """Lower-case a trigger tag and join its words with hyphens."""
    return re.sub(r"[\s_]+", "-", tag.strip().lower())


def _as_int(field_name: str, value: object) -> int:
    if isinstance(value, bool):
        raise InvalidEntry(field_name, "must be a whole number")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise InvalidEntry(field_name, f"{value!r} is not a whole number") from None
    if not isinstance(value, int):
        raise InvalidEntry(field_name, "must be a whole number")
    return value


def _in_range(field_name: str, value: object, low: int, high: int) -> int:
    number = _as_int(field_name, value)
    if not low <= number <= high:
        raise InvalidEntry(field_name, f"must be from {low} to {high}, not {number}")
    return number


def _hhmm(value: time | None) -> str | None:
    return None if value is None else value.strftime("%H:%M")


def parse_hhmm(field_name: str, value: str | time | None) -> time | None:
    """Read "HH:MM" (or a ``time``) into a ``time``; None stays None."""
    if value is None or isinstance(value, time):
        return value
    match = _HHMM.match(value.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise InvalidEntry(field_name, f"{value!r} is not a time like 22:30")
    return time(int(match[1]), int(match[2]))


def _aware(field_name: str, value: datetime | str) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidEntry(field_name, f"{value!r} is not an ISO date and time") from None
    if value.tzinfo is None:
        raise InvalidEntry(field_name, "needs a timezone")
    return value


@dataclass(frozen=True, slots=True)
class Twitch:
    """One logged twitch."""

    at: datetime
    site: str = "upper-lip"
    side: str = "left"
    intensity: int = 2
    duration_s: int = 5
    note: str = ""
    triggers: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)

    def validated(self, now: datetime) -> Twitch:
        """Return a cleaned copy, or raise ``InvalidEntry`` naming the field."""
        at = _aware("at", self.at)
        if at > now + FUTURE_SLACK:
            raise InvalidEntry("at", "is in the future")
        if self.site not in SITES:
            raise InvalidEntry("site", f"{self.site!r} is not one of {', '.join(SITES)}")
        if self.side not in SIDES:
            raise InvalidEntry("side", f"{self.side!r} is not one of {', '.join(SIDES)}")
        intensity = _in_range("intensity", self.intensity, 1, 5)
        duration = _in_range("duration", self.duration_s, 0, MAX_DURATION_S)
        note = self.note.strip()
        if len(note) > MAX_NOTE:
            raise InvalidEntry("note", f"is longer than {MAX_NOTE} characters")
        tags: list[str] = []
        for raw in self.triggers:
            tag = normalise_tag(raw)
            if not _TAG.match(tag):
                raise InvalidEntry(
                    "triggers", f"{raw!r} should be a short word (letters, digits, hyphens)"
                )
            if tag not in tags:
                tags.append(tag)
        if not self.id or not isinstance(self.id, str):
            raise InvalidEntry("id", "is missing")
        return replace(
            self,
            at=at,
            intensity=intensity,
            duration_s=duration,
            note=note,
            triggers=tuple(tags),
        )

    def day(self, day_start_hour: int = 0) -> date:
        return diary_day(self.at, day_start_hour)

    def to_doc(self) -> dict:
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds"),
            "site": self.site,
            "side": self.side,
            "intensity": self.intensity,
            "duration_s": self.duration_s,
            "note": self.note,
            "triggers": list(self.triggers),
        }

    @classmethod
    def from_doc(cls, doc: dict) -> Twitch:
        return cls(
            id=str(doc["id"]),
            at=_aware("at", doc["at"]),
            site=doc["site"],
            side=doc["side"],
            intensity=int(doc["intensity"]),
            duration_s=int(doc.get("duration_s", 0)),
            note=str(doc.get("note", "")),
            triggers=tuple(doc.get("triggers", ())),
        )


SYMPTOMS: dict[str, str] = {
    "droop": "One side of the face droops",
    "cannot_hold_water": "Water or saliva escapes the mouth (cannot hold it)",
    "asymmetry": "The smile looks uneven in the mirror",
    "speech": "Speech is slurred or hard to get out",
    "swallowing": "Swallowing is hard",
    "limb_weakness": "An arm or a leg feels weak",
    "pulling": "A pulling feeling that stays",
    "tingling": "Tingling or numbness",
    "eyelid_closing": "The eyelid is pulled shut on its own",
    "wasting": "A muscle looks thinner than it used to",
    "vision_balance": "Trouble with vision or balance",
    "sudden": "Any of the above came on suddenly",
    "sudden_weakness": "Sudden weakness or drooping on one side of the face",
}
"""Self-check questions, by the key the day log stores the answer under.

``sudden_weakness`` is the question of diaries written before ``droop`` and
``sudden`` were asked apart; it is still read (as both), no longer asked.
"""
LEGACY_SYMPTOMS: frozenset[str] = frozenset({"sudden_weakness"})
EMERGENCY_NUMBERS: tuple[str, ...] = ("999", "112", "911")
"""Offered in the settings; 999 (UK) is the default."""


@dataclass(frozen=True, slots=True)
class Medicine:
    """A medicine on the person's list, for the red flags and the report."""

    name: str
    dose: str = ""
    started: date | None = None
    stopped: date | None = None

    def validated(self) -> Medicine:
        name, dose = self.name.strip(), self.dose.strip()
        if not name or len(name) > 80:
            raise InvalidEntry("medicine", "needs a name of 1 to 80 characters")
        if len(dose) > 80:
            raise InvalidEntry("dose", "is longer than 80 characters")
        if self.started and self.stopped and self.stopped < self.started:
            raise InvalidEntry("stopped", "is before the day it was started")
        return replace(self, name=name, dose=dose)

    def taken_on(self, day: date) -> bool:
        return (self.started is None or self.started <= day) and (
            self.stopped is None or day <= self.stopped
        )

    def to_doc(self) -> dict:
        return {
            "name": self.name,
            "dose": self.dose,
            "started": self.started.isoformat() if self.started else None,
            "stopped": self.stopped.isoformat() if self.stopped else None,
        }

    @classmethod
    def from_doc(cls, doc: dict) -> Medicine:
        started, stopped = doc.get("started"), doc.get("stopped")
        return cls(
            name=str(doc["name"]),
            dose=str(doc.get("dose", "")),
            started=date.fromisoformat(started) if started else None,
            stopped=date.fromisoformat(stopped) if stopped else None,
        )


@dataclass(frozen=True, slots=True)
class Habit:
    """One of the person's own habits: yes/no (target 1) or counted to a
    daily target. ``in_score``: counted in the checklist's score."""

    name: str
    target: int = 1
    in_score: bool = False

    def validated(self) -> Habit:
        name = " ".join(self.name.split())
        if not name or len(name) > 40:
            raise InvalidEntry("habit", "needs a name of 1 to 40 characters")
        return replace(self, name=name, target=_in_range("target", self.target, 1, 100))

    def to_doc(self) -> dict:
        return {"name": self.name, "target": self.target, "in_score": self.in_score}

    @classmethod
    def from_doc(cls, doc: dict) -> Habit:
        return cls(str(doc["name"]), int(doc.get("target", 1)), bool(doc.get("in_score")))


@dataclass(frozen=True, slots=True)
class DayLog:
    """Everything recorded for one diary day besides the twitches."""

    day: date
    water_ml: int = 0
    electrolytes: bool = False
    coffees: tuple[datetime, ...] = ()
    snack: bool = False
    bedtime: time | None = None
    stress: int | None = None
    sleep_h: float | None = None
    food: str = ""
    symptoms: dict[str, bool] = field(default_factory=dict)
    seen_clinician: bool = False
    """A clinician saw the person on this day (closes urgent self-check answers)."""
    alcohol: bool | None = None
    nicotine: bool | None = None
    screen_h: float | None = None
    """Day-level exposures from the check-in (None: not answered that day)."""
    habits: dict[str, int] = field(default_factory=dict)
    """The person's own habits done this day: name → how many times."""

    def validated(self) -> DayLog:
        water = _in_range("water", self.water_ml, 0, 20_000)
        stress = None if self.stress is None else _in_range("stress", self.stress, 1, 5)
        sleep = self.sleep_h
        if sleep is not None:
            try:
                sleep = round(float(sleep), 2)
            except (TypeError, ValueError):
                raise InvalidEntry("sleep", f"{sleep!r} is not a number of hours") from None
            if not 0 <= sleep <= 24:
                raise InvalidEntry("sleep", f"must be from 0 to 24 hours, not {sleep:g}")
        screen = self.screen_h
        if screen is not None:
            try:
                screen = round(float(screen), 1)
            except (TypeError, ValueError):
                raise InvalidEntry("screen", f"{screen!r} is not a number of hours") from None
            if not 0 <= screen <= 24:
                raise InvalidEntry("screen", f"must be from 0 to 24 hours, not {screen:g}")
        food = self.food.strip()
        if len(food) > MAX_NOTE:
            raise InvalidEntry("food", f"is longer than {MAX_NOTE} characters")
        unknown = set(self.symptoms) - set(SYMPTOMS)
        if unknown:
            raise InvalidEntry("symptoms", f"unknown question {sorted(unknown)[0]!r}")
        coffees = tuple(sorted(_aware("coffee", c) for c in self.coffees))
        return replace(
            self,
            water_ml=water,
            stress=stress,
            sleep_h=sleep,
            food=food,
            screen_h=screen,
            coffees=coffees,
            symptoms={k: bool(v) for k, v in self.symptoms.items()},
            habits={
                str(k): _in_range("habit", int(v), 0, 1000) for k, v in self.habits.items() if v
            },
        )

    @property
    def is_empty(self) -> bool:
        return self == DayLog(self.day)

    def to_doc(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "water_ml": self.water_ml,
            "electrolytes": self.electrolytes,
            "coffees": [c.isoformat(timespec="seconds") for c in self.coffees],
            "snack": self.snack,
            "bedtime": _hhmm(self.bedtime),
            "stress": self.stress,
            "sleep_h": self.sleep_h,
            "food": self.food,
            "symptoms": dict(self.symptoms),
            "seen_clinician": self.seen_clinician,
            "alcohol": self.alcohol,
            "nicotine": self.nicotine,
            "screen_h": self.screen_h,
            "habits": dict(self.habits),
        }

    @classmethod
    def from_doc(cls, doc: dict) -> DayLog:
        return cls(
            day=date.fromisoformat(doc["day"]),
            water_ml=int(doc.get("water_ml", 0)),
            electrolytes=bool(doc.get("electrolytes", False)),
            coffees=tuple(_aware("coffee", c) for c in doc.get("coffees", ())),
            snack=bool(doc.get("snack", False)),
            bedtime=parse_hhmm("bedtime", doc.get("bedtime")),
            stress=doc.get("stress"),
            sleep_h=doc.get("sleep_h"),
            food=str(doc.get("food", "")),
            symptoms={k: bool(v) for k, v in dict(doc.get("symptoms", {})).items()},
            seen_clinician=bool(doc.get("seen_clinician", False)),
            habits={str(k): int(v) for k, v in dict(doc.get("habits") or {}).items()},
            alcohol=doc.get("alcohol"),
            nicotine=doc.get("nicotine"),
            screen_h=doc.get("screen_h"),
        )


@dataclass(frozen=True, slots=True)
class Settings:
    """The user's targets and preferences."""

    water_target_ml: int = 2000
    glass_ml: int = 250
    coffee_limit: int = 1
    coffee_cutoff_hour: int = 12
    usual_bedtime: time = time(23, 30)
    bed_earlier_min: int = 60
    day_start_hour: int = 0
    default_site: str = "upper-lip"
    default_side: str = "left"
    theme: str = "textual-dark"
    chart_days: int = 30
    nudges: bool = True
    """Master switch for the gentle reminders while the app is open."""
    nudge_coffee: bool = True
    nudge_water: bool = True
    nudge_bed: bool = True
    nudge_checkin: bool = True
    nudge_pause: bool = True
    bell: bool = False
    """Ring the terminal bell with a reminder."""
    checkin_hour: int = 20
    """When to remind about the daily check-in if it is not done yet."""
    quiet_until: date | None = None
    """Reminders are silenced until (and including) this day."""
    pause_started: datetime | None = None
    """When a 48-hour stimulant pause began, or None."""
    emergency_number: str = "999"
    """The number every urgent message tells the person to call."""
    medicines: tuple[Medicine, ...] = ()
    habits: tuple[Habit, ...] = ()
    """The person's own habits, shown in the checklist beside the seed items."""
    patient_name: str = ""
    patient_born: date | None = None
    """Printed on the doctor's report only if set; never in an export."""

    PRIVATE = ("patient_name", "patient_born")
    """Fields kept out of every export (the report alone prints them)."""

    @property
    def target_bedtime(self) -> time:
        """The usual bedtime moved earlier by ``bed_earlier_min``."""
        moment = datetime.combine(date(2000, 1, 2), self.usual_bedtime)
        return (moment - timedelta(minutes=self.bed_earlier_min)).time()

    def with_habit(self, habit: Habit) -> Settings:
        """These settings with one more habit of the person's own; a second
        habit of the same name (in any case) is refused."""
        new = habit.validated()
        if any(h.name.lower() == new.name.lower() for h in self.habits):
            raise InvalidEntry("habit", f"{new.name!r} is already on your list")
        return replace(self, habits=(*self.habits, new))

    def validated(self) -> Settings:
        if self.default_site not in SITES:
            raise InvalidEntry("default_site", f"{self.default_site!r} is not a site")
        if self.default_side not in SIDES:
            raise InvalidEntry("default_side", f"{self.default_side!r} is not a side")
        if self.chart_days not in (7, 14, 30, 90, 365):
            raise InvalidEntry("chart_days", "must be 7, 14, 30, 90 or 365")
        number = str(self.emergency_number).strip()
        if not (number.isdigit() and 2 <= len(number) <= 6):
            raise InvalidEntry("emergency_number", f"{number!r} is not a phone number like 999")
        return replace(
            self,
            emergency_number=number,
            medicines=tuple(m.validated() for m in self.medicines),
            habits=_unique_habits(self.habits),
            patient_name=_short("patient_name", self.patient_name, 80),
            water_target_ml=_in_range("water_target_ml", self.water_target_ml, 250, 10_000),
            glass_ml=_in_range("glass_ml", self.glass_ml, 50, 2_000),
            coffee_limit=_in_range("coffee_limit", self.coffee_limit, 0, 10),
            coffee_cutoff_hour=_in_range("coffee_cutoff_hour", self.coffee_cutoff_hour, 0, 23),
            usual_bedtime=parse_hhmm("usual_bedtime", self.usual_bedtime) or time(23, 30),
            bed_earlier_min=_in_range("bed_earlier_min", self.bed_earlier_min, 0, 240),
            day_start_hour=_in_range("day_start_hour", self.day_start_hour, 0, 6),
            checkin_hour=_in_range("checkin_hour", self.checkin_hour, 0, 23),
        )

    def to_doc(self) -> dict:
        doc = {f.name: getattr(self, f.name) for f in fields(self)}
        doc["usual_bedtime"] = _hhmm(self.usual_bedtime)
        if self.pause_started is not None:
            doc["pause_started"] = self.pause_started.isoformat(timespec="seconds")
        if self.quiet_until is not None:
            doc["quiet_until"] = self.quiet_until.isoformat()
        doc["medicines"] = [m.to_doc() for m in self.medicines]
        doc["habits"] = [h.to_doc() for h in self.habits]
        doc["patient_born"] = self.patient_born.isoformat() if self.patient_born else None
        return doc

    @classmethod
    def from_doc(cls, doc: dict) -> Settings:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in doc.items() if k in known}
        if "usual_bedtime" in values:
            values["usual_bedtime"] = parse_hhmm("usual_bedtime", values["usual_bedtime"])
        if values.get("pause_started"):
            values["pause_started"] = _aware("pause_started", values["pause_started"])
        if values.get("quiet_until"):
            values["quiet_until"] = date.fromisoformat(values["quiet_until"])
        values["medicines"] = tuple(Medicine.from_doc(m) for m in values.get("medicines") or ())
        values["habits"] = tuple(Habit.from_doc(h) for h in values.get("habits") or ())
        if values.get("patient_born"):
            values["patient_born"] = date.fromisoformat(values["patient_born"])
        return cls(**values).validated()


def _short(field_name: str, text: str, most: int) -> str:
    text = " ".join(str(text).split())
    if len(text) > most:
        raise InvalidEntry(field_name, f"is longer than {most} characters")
    return text


def _unique_habits(habits: Iterable[Habit]) -> tuple[Habit, ...]:
    out = tuple(h.validated() for h in habits)
    names = [h.name.lower() for h in out]
    if len(set(names)) != len(names):
        raise InvalidEntry("habit", "two habits have the same name")
    return out


def days_between(first: date, last: date) -> Iterable[date]:
    """Every date from ``first`` to ``last`` inclusive."""
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)
