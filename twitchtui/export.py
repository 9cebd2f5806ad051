"""CSV and JSON export of the whole diary. Pure: entries in, text out.

CSV columns (one header, one row per twitch, day log, relief session and
experiment; the ``kind`` column says which, and the columns that do not apply
are empty)::

    kind        "twitch", "day", "relief" or "experiment"
    date        diary day, YYYY-MM-DD
    time        twitch: local time HH:MM:SS
    at          twitch: full ISO 8601 time with UTC offset
    site        twitch: upper-lip, lower-lip, eye, cheek or other
    side        twitch: left, right or both
    intensity   twitch: 1 (barely) to 5 (strong) (empty: not given)
    duration_s  twitch: seconds (empty: not given)
    triggers    twitch: tags separated by ";"
    note        twitch: free text
    water_ml    day: water drunk, ml (empty: none logged)
    electrolytes day: "yes" when ticked (empty: not ticked)
    coffees     day: cup times HH:MM separated by ";" (a cup on the next calendar
                date, before the day-start hour: YYYY-MM-DD HH:MM)
    snack       day: almonds or banana eaten, "yes" (empty: not ticked)
    bedtime     day: HH:MM
    stress      day: 1 (calm) to 5 (very stressed)
    sleep_h     day: hours slept
    food        day: what was eaten
    symptoms    day: every sign any self-check that day answered yes, "sign=yes"
                separated by ";"; selfcheck: the record's signs, "sign=onset"
                (onset: sudden, days or unsure)
    alcohol     day: any alcohol, "yes"/"no" (empty: not answered)
    nicotine    day: any nicotine, "yes"/"no" (empty: not answered)
    screen_h    day: hours at a screen
    seen_clinician day, selfcheck: "yes" when a clinician saw the person (a day:
                empty otherwise; a self-check, which asks: "no")
    passed      selfcheck: the signs recorded as having passed, separated by ";"
    id          twitch, relief, experiment, selfcheck: stable entry id (32 hex digits)
    snack_food  day: which food the snack was
    self_checks day: how many times the self-check was opened
    type        relief: "warm-compress" or "pmr"
    name        experiment: what was tried ("stimulant-pause": the 48-hour pause)
    started     relief, experiment: ISO 8601 start
    ended       experiment: ISO 8601 end (empty: still running)
    planned_s   relief: planned length, seconds
    actual_s    relief: length actually done, seconds
    finished    relief: "yes", or "no" when stopped early
    days        experiment: planned length in days
    stopped_early experiment: "yes"/"no"
    unit        experiment result: "waking hour" or "logged day"
    before_twitches, before_units, during_twitches, during_units
                experiment result: the counts behind the comparison
    enough      experiment result: "yes" when both sides had enough data
    no_coffee   day: "yes" when "no coffee today" was ticked (empty otherwise)
    withdraws   selfcheck: the id of the answer this record withdraws as
                entered by mistake (the answer stays in the file), or empty

Each self-check record is a row of kind ``selfcheck`` with its instant in
``at``; in JSON the records stay in their day's ``checks``.

In JSON, an intensity or duration not given is ``null``. Relief sessions and
experiments are lists of their own (``relief``, ``experiments``), each entry
with its ``kind``; the day logs leave them out.

The file follows RFC 4180 (CRLF line ends, fields with commas, quotes or line
breaks quoted). Every text field (the id and the tags too, not only the free
text) has its control characters taken out (a note keeps its line breaks),
and one that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading ``'``, so that a spreadsheet shows it as text instead
of running it as a formula (the OWASP advice on CSV injection). The JSON
escapes every control character (C1 and DEL included, which JSON itself
would let through), so neither can drive a terminal it is printed on.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TextIO

from .model import DayLog, Experiment, Relief, SelfCheck, Settings, Twitch, clean_text
from .model.values import Doc

CSV_COLUMNS: tuple[str, ...] = (
    "kind",
    "date",
    "time",
    "at",
    "site",
    "side",
    "intensity",
    "duration_s",
    "triggers",
    "note",
    "water_ml",
    "electrolytes",
    "coffees",
    "snack",
    "bedtime",
    "stress",
    "sleep_h",
    "food",
    "symptoms",
    "alcohol",
    "nicotine",
    "screen_h",
    "seen_clinician",
    "habits",
    "id",
    "snack_food",
    "self_checks",
    "type",
    "name",
    "started",
    "ended",
    "planned_s",
    "actual_s",
    "finished",
    "days",
    "stopped_early",
    "unit",
    "before_twitches",
    "before_units",
    "during_twitches",
    "during_units",
    "enough",
    "passed",
    "no_coffee",
    "withdraws",
)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _ticked(value: bool) -> str:
    """A day's tick box: "yes", or empty when it was not ticked. Never "no": a
    box left alone is not an answer the person gave (the report says the same)."""
    return "yes" if value else ""


def _none(value: object) -> object:
    return "" if value is None else value


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: str) -> str:
    """Free text made safe for a spreadsheet: never read as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _iso(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat(timespec="seconds")


def relief_doc(day: DayLog, session: Relief) -> Doc:
    """One relief session as exported: its kind, type and diary day."""
    doc = session.to_doc()
    return {"kind": "relief", "type": doc.pop("kind"), "date": day.day.isoformat(), **doc}


def experiment_doc(experiment: Experiment) -> Doc:
    return {"kind": "experiment", **experiment.to_doc()}


Months = Iterable[tuple[Iterable[Twitch], Iterable[DayLog]]]
"""A diary a part at a time (``Store.each_month``): each part's twitches and
day logs; the twitches in order over all parts, and the day logs too."""


def to_csv(
    twitches: Iterable[Twitch],
    days: Iterable[DayLog],
    day_start_hour: int = 0,
    experiments: Iterable[Experiment] = (),
) -> str:
    """One table of every entry, a row each (``kind`` says which), in
    ``CSV_COLUMNS``; every text cell is made safe to open in a spreadsheet."""
    out = io.StringIO()
    write_csv(out, [(twitches, days)], day_start_hour, experiments)
    return out.getvalue()


def write_csv(
    out: TextIO,
    months: Months,
    day_start_hour: int = 0,
    experiments: Iterable[Experiment] = (),
) -> None:
    """``to_csv``, written to ``out`` as the months come (one held at a time).
    The rows that follow the twitches (days, self-checks, relief) are made
    as their month comes too, and kept as text until the twitches are out:
    not a DayLog and a row dict for each day of fifty years at once."""

    def table(into: TextIO, header: bool) -> Callable[[dict[str, object]], None]:
        writer = csv.DictWriter(
            into, fieldnames=CSV_COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
        )

        def put(row: dict[str, object]) -> None:
            writer.writerow(
                {
                    k: as_text(clean_text(v, newlines=True)) if isinstance(v, str) else v
                    for k, v in row.items()
                }
            )

        if header:
            writer.writeheader()
        return put

    put = table(out, header=True)
    later = [io.StringIO() for _ in range(3)]  # the day, self-check and relief rows
    put_day, put_check, put_relief = (table(part, header=False) for part in later)
    for twitches, logs in months:
        for t in twitches:
            put(_twitch_row(t, day_start_hour))
        for d in logs:
            put_day(_day_row(d))
            for c in d.checks:
                put_check(_check_row(d, c))
            for r in d.relief:
                put_relief(_relief_row(d, r))
    for part in later:
        out.write(part.getvalue())
        part.close()
    for e in experiments:
        put(_experiment_row(e))


def _twitch_row(t: Twitch, day_start_hour: int) -> dict[str, object]:
    return {
        "kind": "twitch",
        "date": t.day(day_start_hour).isoformat(),
        "time": t.at.strftime("%H:%M:%S"),
        "at": t.at.isoformat(timespec="seconds"),
        "site": t.site,
        "side": t.side,
        "intensity": _none(t.intensity),
        "duration_s": _none(t.duration_s),
        "triggers": ";".join(t.triggers),
        "note": t.note,
        "id": t.id,
    }


def _day_row(d: DayLog) -> dict[str, object]:
    return {
        "kind": "day",
        "date": d.day.isoformat(),
        "water_ml": d.water_ml or "",  # none logged, never a measured 0
        "electrolytes": _ticked(d.electrolytes),
        "coffees": ";".join(
            f"{c:%H:%M}" if c.date() == d.day else f"{c:%Y-%m-%d %H:%M}" for c in d.coffees
        ),
        "snack": _ticked(d.snack),
        "bedtime": d.bedtime.strftime("%H:%M") if d.bedtime else "",
        "stress": _none(d.stress),
        "sleep_h": _none(d.sleep_h),
        "food": d.food,
        "symptoms": ";".join(f"{k}={_yes(v)}" for k, v in sorted(d.symptoms.items())),
        "alcohol": "" if d.alcohol is None else _yes(d.alcohol),
        "nicotine": "" if d.nicotine is None else _yes(d.nicotine),
        "screen_h": _none(d.screen_h),
        "seen_clinician": _ticked(d.seen_clinician),
        "habits": ";".join(f"{k}={v}" for k, v in sorted(d.habits.items())),
        "snack_food": d.snack_food,
        "self_checks": d.self_checks,
        "no_coffee": _ticked(d.no_coffee),
    }


def _check_row(d: DayLog, c: SelfCheck) -> dict[str, object]:
    return {
        "kind": "selfcheck",
        "date": d.day.isoformat(),
        "at": _iso(c.at),
        "symptoms": ";".join(f"{k}={v}" for k, v in c.signs.items()),
        "passed": ";".join(c.passed),
        "seen_clinician": _yes(c.seen),
        "id": c.id,
        "withdraws": c.withdraws or "",
    }


def _relief_row(d: DayLog, r: Relief) -> dict[str, object]:
    return {
        "kind": "relief",
        "date": d.day.isoformat(),
        "type": r.kind,
        "started": _iso(r.started),
        "planned_s": r.planned_s,
        "actual_s": r.actual_s,
        "finished": _yes(r.finished),
        "id": r.id,
    }


def _experiment_row(e: Experiment) -> dict[str, object]:
    result = e.result.to_doc() if e.result else {}
    return {
        "kind": "experiment",
        "date": e.started.date().isoformat(),
        "name": e.name,
        "started": _iso(e.started),
        "ended": _iso(e.ended),
        "days": e.days,
        "stopped_early": _yes(e.stopped_early),
        "id": e.id,
        **{k: (_yes(v) if k == "enough" else v) for k, v in result.items()},
    }


def experiments_of(settings: Settings) -> list[Experiment]:
    """Every experiment kept: those ended, oldest first, then the one running."""
    running = [settings.experiment] if settings.experiment else []
    return [*sorted(settings.tried, key=lambda e: e.started), *running]


def public_settings(settings: Settings) -> Doc:
    """The settings as exported: the patient's name and birth date stay out
    (they are for the printed report only)."""
    doc = settings.to_doc()
    for name in (*Settings.PRIVATE, *Settings.TRIALS):
        doc.pop(name, None)
    return doc


EXPORT_SCHEMA = 3
"""The format number an export file carries. The diary's own files moved to
schema 4 (one set per machine, for a sync tool), but an export is the same
document as before: it stays 3, so an older twitchtui still imports it."""


def to_json(
    twitches: Iterable[Twitch],
    days: Iterable[DayLog],
    settings: Settings,
    exported_at: datetime,
    schema: int,
) -> str:
    out = io.StringIO()
    write_json(out, [(twitches, days)], settings, exported_at, schema)
    return out.getvalue()


def write_json(
    out: TextIO,
    months: Months,
    settings: Settings,
    exported_at: datetime,
    schema: int,
) -> None:
    """``to_json``, written to ``out`` as the months come: the same bytes as
    ``json.dumps(doc, ensure_ascii=False, indent=2)`` of the whole document."""

    def dumps(value: object, depth: int) -> str:
        text = _flat(value) or json.dumps(value, ensure_ascii=False, indent=2)
        return _escape_controls(text.replace("\n", "\n" + "  " * depth))

    out.write("{\n")
    head = {
        "app": "twitchtui",
        "schema": schema,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "settings": public_settings(settings),
    }
    for key, value in head.items():
        out.write(f"  {dumps(key, 1)}: {dumps(value, 1)},\n")
    days: list[DayLog] = []

    def twitch_docs() -> Iterator[Doc]:
        for twitches, logs in months:
            for t in twitches:
                yield t.to_doc()
            days.extend(logs)

    lists: list[tuple[str, Callable[[], Iterable[Doc]]]] = [
        ("twitches", twitch_docs),
        ("days", lambda: ({k: v for k, v in d.to_doc().items() if k != "relief"} for d in days)),
        ("relief", lambda: (relief_doc(d, r) for d in days for r in d.relief)),
        ("experiments", lambda: (experiment_doc(e) for e in experiments_of(settings))),
    ]
    for number, (key, docs) in enumerate(lists):
        out.write(f"  {dumps(key, 1)}: [")
        empty = True
        for doc in docs():
            out.write(("\n" if empty else ",\n") + "    " + dumps(doc, 2))
            empty = False
        out.write("]" if empty else "\n  ]")
        out.write(",\n" if number < len(lists) - 1 else "\n")
    out.write("}\n")


_SCALARS = (str, int, float, bool, type(None))
_encode = json.JSONEncoder(ensure_ascii=False).encode


def _flat(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` of a flat dict (a
    twitch) without the indenting encoder, which leaves a cycle per call; "" if not flat."""
    if not isinstance(value, dict) or not value:
        return ""
    lines = []
    for key, item in value.items():
        if not isinstance(key, str):
            return ""
        if isinstance(item, list):
            if not all(isinstance(x, _SCALARS) for x in item):
                return ""
            shown = (
                "[\n" + ",\n".join("    " + _encode(x) for x in item) + "\n  ]" if item else "[]"
            )
        elif isinstance(item, _SCALARS):
            shown = _encode(item)
        else:
            return ""
        lines.append(f"  {_encode(key)}: {shown}")
    return "{\n" + ",\n".join(lines) + "\n}"


_C1 = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape_controls(text: str) -> str:
    """JSON with DEL, the C1 controls and the bidirectional overrides written
    as ``\\u`` escapes (json escapes C0 by itself): the same data, and
    nothing a terminal obeys or turns round."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
