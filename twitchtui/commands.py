"""What each shell command does, on top of the store. No Textual import.

Every handler takes the parsed arguments and an open ``Store`` and returns an
exit code; it prints one clear line (or the requested document) to stdout.
Bad input raises ``InvalidEntry`` and is turned into exit code 2 by ``cli``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from . import checklist
from .humanize import ago, given, plural
from .model import InvalidEntry, Twitch, diary_day
from .store import SCHEMA, Store, StoreWriteFailed, today


def _parse_at(value: str | None, store: Store) -> datetime:
    from .when import parse_at

    notes: list[str] = []
    at = parse_at(value, store.now(), notes=notes)
    for note in notes:
        print(f"Note: {note}", file=sys.stderr)
    return at


def log(args: argparse.Namespace, store: Store) -> int:
    settings = store.settings()
    last = store.last_twitch()
    site = args.site or (last.site if last else settings.default_site)
    side = args.side or (last.side if last else settings.default_side)
    twitch = Twitch(
        at=_parse_at(args.at, store),
        site=site,
        side=side,
        intensity=settings.default_intensity if args.intensity is None else args.intensity,
        duration_s=settings.default_duration_s if args.duration is None else args.duration,
        note=args.note or "",
        triggers=tuple(args.trigger or ()),
    )
    saved = store.log_twitch(twitch)
    day = saved.day(settings.day_start_hour)
    count = len(store.twitches(day, day))
    print(
        f"Logged a twitch at {saved.at:%H:%M}: {saved.site}, {saved.side}, "
        f"intensity {given(saved.intensity)}, duration "
        f"{given(saved.duration_s) if saved.duration_s is None else f'{saved.duration_s} s'}. "
        f"{plural(count, 'twitch')} on {day.isoformat()}."
    )
    return 0


def status_line(store: Store) -> str:
    """One short line for a status bar."""
    settings = store.settings()
    now = store.now()
    day = diary_day(now, settings.day_start_hour)
    count = len(store.twitches(day, day))
    last = store.last_twitch()
    done, total = checklist.score(store.day_log(day), settings)
    parts = [f"{plural(count, 'twitch')} today"]
    parts.append(f"last {ago(last.at, now)}" if last else "none logged yet")
    parts.append(f"checklist {done}/{total}")
    return " · ".join(parts)


def status(args: argparse.Namespace, store: Store) -> int:
    print(status_line(store))
    return 0


def export(args: argparse.Namespace, store: Store) -> int:
    from .export import experiments_of, to_csv, to_json

    settings = store.settings()
    twitches = store.twitches()
    days = list(store.day_logs().values())
    if args.format == "csv":
        text = to_csv(twitches, days, settings.day_start_hour, experiments_of(settings))
    else:
        text = to_json(twitches, days, settings, store.now(), SCHEMA)
    sys.stdout.write(text)
    return 0


def demo(args: argparse.Namespace, path: Path | None, now) -> int:
    """Write a sample diary, only where there is none: at ``--db`` if that is
    new, else (no ``--db``) in a fresh temporary folder. Never into a diary
    that exists (exit 2), so the person's own cannot be mixed with samples."""
    import tempfile

    from .demo import generate
    from .store.demo_file import DiaryExists, new_demo_diary, with_tried

    if args.days < 1 or args.per_day < 0:
        raise InvalidEntry("--days", "needs at least one day and a rate of 0 or more")
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="twitchtui-demo-")) / "diary.json"  # mode 0700

    def fill(store: Store) -> int:
        twitches, days = generate(store.now(), days=args.days, per_day=args.per_day, seed=args.seed)
        if args.days >= 28:  # room for a stimulant pause three weeks back, and its week before
            return with_tried(store, twitches, days)
        return store.merge(twitches, days)

    try:
        written = new_demo_diary(path, now, fill)
    except DiaryExists as exc:
        print(
            f"twitchtui demo: {exc}; a demo never writes into a diary. Give a new --db path, "
            "or run `twitchtui demo` alone for a temporary one. Nothing was changed.",
            file=sys.stderr,
        )
        return 2
    store = Store.open(path, now=now)
    first = today(store) - timedelta(days=args.days - 1)
    print(
        f"Wrote a sample diary to {store.path}: {plural(written, 'twitch')} "
        f"from {first.isoformat()} to {today(store).isoformat()}. "
        f"Open it with: twitchtui --db {store.path}"
    )
    return 0


# ---------------------------------------------------------------- checklist


def _day_summary(store: Store, day) -> str:
    done, total = checklist.score(store.day_log(day), store.settings())
    return f"Checklist {done}/{total} for {day.isoformat()}."


def water(args: argparse.Namespace, store: Store) -> int:
    """``water`` alone shows the day's water; ``+N``/``-N`` changes it."""
    settings = store.settings()
    glasses = 0
    if args.glasses is not None:
        text = args.glasses.strip()
        if not text.startswith(("+", "-")) or not text[1:].isdigit() or not int(text[1:]):
            raise InvalidEntry(
                "glasses", f"{args.glasses!r} should be +N to add glasses or -N to take some off"
            )
        glasses = int(text)
    day = today(store)
    if glasses or args.electrolytes:

        def change(log):
            log = checklist.add_water(log, glasses * settings.glass_ml)
            return replace(log, electrolytes=True) if args.electrolytes else log

        log = store.update_day(day, change)
    else:
        log = store.day_log(day)
    salts = " with electrolytes" if log.electrolytes else ""
    print(
        f"Water today: {log.water_ml} / {settings.water_target_ml} ml{salts}. "
        f"{_day_summary(store, day)}"
    )
    return 0


def coffee(args: argparse.Namespace, store: Store) -> int:
    settings = store.settings()
    if args.none:
        return _no_coffee(args, store)
    at = _parse_at(args.at, store)
    day = diary_day(at, settings.day_start_hour)
    log = store.update_day(day, lambda log: checklist.add_coffee(log, at))
    problem = checklist.coffee_problem(log.coffees, settings, log.day)
    note = f" Noted, but the rule is broken: {problem}." if problem else " Within the rule."
    print(f"Coffee at {at:%H:%M} recorded ({len(log.coffees)} today).{note}")
    return 0


def _no_coffee(args: argparse.Namespace, store: Store) -> int:
    """``coffee --none``: the day (``--at``'s, or today) had no coffee."""
    settings = store.settings()
    day = diary_day(_parse_at(args.at, store), settings.day_start_hour) if args.at else today(store)
    if store.day_log(day).coffees:
        raise InvalidEntry(
            "coffee", f"a cup is already recorded for {day.isoformat()}, so nothing was changed"
        )
    store.update_day(day, lambda log: replace(log, no_coffee=True))
    print(f"No coffee on {day.isoformat()}: the coffee item is answered.")
    return 0


def snack(args: argparse.Namespace, store: Store) -> int:
    day = today(store)
    food = " ".join((args.food or "").split()).lower()
    store.update_day(day, lambda log: checklist.set_snack(log, not args.undo, food))
    what = "Snack unticked." if args.undo else f"Snack ticked: {food or 'almonds or banana'}."
    print(f"{what} {_day_summary(store, day)}")
    return 0


def bed(args: argparse.Namespace, store: Store) -> int:
    from .model import parse_hhmm
    from .session import bedtime_night, bedtime_refusal, now_is_bedtime

    now = store.now()
    settings = store.settings()
    if args.time:
        bedtime = parse_hhmm("bedtime", args.time)
    elif now_is_bedtime(now, settings.day_start_hour):
        bedtime = now.time().replace(second=0, microsecond=0)
    else:
        raise InvalidEntry(
            "bedtime",
            f"needs a time: it is {now:%H:%M}, not the evening; give the time you "
            "went to bed, e.g. twitchtui bed 22:30",
        )
    day = bedtime_night(now, settings.day_start_hour)
    if args.day:
        try:
            day = date.fromisoformat(args.day)
        except ValueError:
            raise InvalidEntry("--day", f"{args.day!r} is not a date like 2026-11-18") from None
    refusal = bedtime_refusal(day, bedtime, now)
    if refusal:
        raise InvalidEntry("bedtime", refusal)
    before = store.day_log(day).bedtime
    store.update_day(day, lambda log: checklist.set_bedtime(log, bedtime))
    met = checklist.bedtime_met(bedtime, settings.target_bedtime)
    verdict = "early enough" if met else f"later than the {settings.target_bedtime:%H:%M} aim"
    replaced = f" (replaces {before:%H:%M})" if before is not None and before != bedtime else ""
    print(f"Bedtime {bedtime:%H:%M} for the night of {day.isoformat()}{replaced}: {verdict}.")
    return 0


def checkin(args: argparse.Namespace, store: Store) -> int:
    given = (args.stress, args.sleep, args.food, args.alcohol, args.nicotine, args.screen_hours)
    if all(value is None for value in given):
        raise InvalidEntry(
            "check-in",
            "needs at least one of --stress, --sleep, --food, --alcohol, --nicotine "
            "or --screen-hours",
        )
    day = today(store)

    def change(log):
        values = {}
        if args.stress is not None:
            values["stress"] = args.stress
        if args.sleep is not None:
            values["sleep_h"] = args.sleep
        if args.food is not None:
            values["food"] = args.food
        for name in ("alcohol", "nicotine"):
            if getattr(args, name) is not None:
                values[name] = getattr(args, name) == "yes"
        if args.screen_hours is not None:
            values["screen_h"] = args.screen_hours
        return replace(log, **values)

    log = store.update_day(day, change)
    parts = [
        f"stress {log.stress}/5" if log.stress else None,
        f"slept {log.sleep_h:g} h" if log.sleep_h is not None else None,
        f"ate: {log.food}" if log.food else None,
        None if log.alcohol is None else f"alcohol: {'yes' if log.alcohol else 'no'}",
        None if log.nicotine is None else f"nicotine: {'yes' if log.nicotine else 'no'}",
        None if log.screen_h is None else f"{log.screen_h:g} h at a screen",
    ]
    print(f"Check-in for {day.isoformat()}: {', '.join(p for p in parts if p)}.")
    return 0


# ---------------------------------------------------------------- red flags and report


def _date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidEntry(name, f"{value!r} is not a date like 2026-11-18") from None


def meds(args: argparse.Namespace, store: Store) -> int:
    from .model import Medicine

    if args.meds_command == "list":
        medicines = store.settings().medicines
        if not medicines:
            print("No medicines on the list. Add one: twitchtui meds add NAME --started DATE")
        for m in medicines:
            since = f" since {m.started.isoformat()}" if m.started else ""
            until = f", stopped {m.stopped.isoformat()}" if m.stopped else ""
            dose = f" ({m.dose})" if m.dose else ""
            print(f"{m.name}{dose}{since}{until}")
        return 0
    name = args.name.strip()
    if args.meds_command == "add":
        started = _date(args.started, "--started") or today(store)
        new = Medicine(name, args.dose, started).validated()

        def add(settings):
            others = tuple(m for m in settings.medicines if m.name.lower() != name.lower())
            return replace(settings, medicines=(*others, new))

        store.update_settings(add)
        print(f"Added {new.name}, started {started.isoformat()}.")
        return 0
    on = _date(args.on, "--on") or today(store)
    found: list[str] = []

    def stop(settings):
        out = []
        for m in settings.medicines:
            if m.name.lower() == name.lower() and m.stopped is None:
                found.append(m.name)
                m = replace(m, stopped=on)
            out.append(m)
        if not found:
            raise InvalidEntry("name", f"{name!r} is not a medicine you are taking (meds list)")
        return replace(settings, medicines=tuple(out))

    store.update_settings(stop)
    print(f"Stopped {found[0]} on {on.isoformat()}.")
    return 0


def report(args: argparse.Namespace, store: Store) -> int:
    from .report import to_html, to_markdown
    from .store import write_private
    from .views import load_report

    if not 1 <= args.days <= 3660:
        raise InvalidEntry("--days", "must be from 1 to 3660")
    data = load_report(store, args.days, _date(args.as_of, "--as-of"))
    text = to_html(data) if args.format == "html" else to_markdown(data)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        written = write_private(args.output, text)
    except OSError as exc:
        raise StoreWriteFailed(f"could not write {args.output}: {exc.strerror or exc}") from exc
    print(f"Wrote the {args.days}-day report to {written} (readable by you only).")
    return 0
