"""Export a month at a time: the same bytes as the whole diary at once, and a
progress bar only on a terminal, only for a long job."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from twitchtui.cli.progress import Progress
from twitchtui.export import (
    CSV_COLUMNS,
    _check_row,
    _day_row,
    _escape_controls,
    _experiment_row,
    _relief_row,
    _twitch_row,
    as_text,
    experiment_doc,
    experiments_of,
    public_settings,
    relief_doc,
    to_csv,
    to_json,
    write_csv,
    write_json,
)
from twitchtui.export import EXPORT_SCHEMA as SCHEMA
from twitchtui.model import DayLog, Relief, SelfCheck, Settings, Twitch, clean_text
from twitchtui.store import Store

from .conftest import NOW


def offsets() -> st.SearchStrategy[timezone]:
    return st.integers(-23, 23).map(lambda h: timezone(timedelta(hours=h)))


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 24 * 90),
            offsets(),
            st.sampled_from(["", "x\x85y", "a\nb", 'q"\\ é\u2028']),
            st.sampled_from([(), ("caffeine",), ("stress", "long-drive")]),
            st.one_of(st.none(), st.integers(1, 5)),
        ),
        max_size=60,
    )
)
def test_month_by_month_is_the_whole_diary_in_order(
    tmp_path_factory, moments: list[tuple[int, timezone, str, tuple[str, ...], int | None]]
) -> None:
    """Twitches near a month's end, kept under the next month by their own
    offset, still come out in the order of the whole diary sorted at once."""
    folder: Path = tmp_path_factory.mktemp("d")
    store = Store.open(folder / "d.json", now=lambda: NOW, index_dir=folder / "cache")
    twitches = [
        Twitch(
            at=(NOW - timedelta(hours=h)).astimezone(tz),
            note=note,
            triggers=tags,
            intensity=level,
            duration_s=level,
        )
        for h, tz, note, tags, level in moments
    ]
    store.merge(twitches, [DayLog(NOW.date() - timedelta(days=40), snack=True)])
    parts = list(store.each_month())
    assert [t for ts, _ in parts for t in ts] == store.twitches()
    assert [d for _, ds in parts for d in ds] == list(store.day_logs().values())
    s = store.settings()
    every, days = store.twitches(), list(store.day_logs().values())
    out = io.StringIO()
    write_json(out, store.each_month(), s, NOW, SCHEMA)
    assert out.getvalue() == to_json(every, days, s, NOW, SCHEMA) == whole(every, days, s)
    json.loads(out.getvalue())
    out = io.StringIO()
    write_csv(out, store.each_month(), s.day_start_hour, experiments_of(s))
    assert out.getvalue() == to_csv(every, days, s.day_start_hour, experiments_of(s))


def test_days_checks_and_relief_of_many_months_come_after_the_twitches_as_before(
    tmp_path: Path,
) -> None:
    """The rows and items that follow the twitches are made as each month
    comes and kept as text: still every day, then every check, then every
    session, each in the diary's order, the same bytes as all at once."""
    store = Store.open(tmp_path / "d.json", now=lambda: NOW, index_dir=tmp_path / "cache")
    days = []
    for back in (95, 60, 59, 20, 1):
        at = (NOW - timedelta(days=back)).replace(microsecond=0)
        check = SelfCheck(at, {"droop": "days"}, passed=("speech",))
        session = Relief("pmr", at, 75, 60 + back, finished=back % 2 == 0)
        days.append(DayLog(at.date(), water_ml=back * 10, checks=(check,), relief=(session,)))
    store.merge([Twitch(at=NOW - timedelta(days=d)) for d in (90, 40, 3)], days)
    s = store.settings()
    every, logs = store.twitches(), list(store.day_logs().values())
    assert len({d.day.month for d in logs}) >= 4
    out = io.StringIO()
    write_json(out, store.each_month(), s, NOW, SCHEMA)
    assert out.getvalue() == whole(every, logs, s)
    out = io.StringIO()
    write_csv(out, store.each_month(), s.day_start_hour, experiments_of(s))
    assert out.getvalue() == whole_csv(every, logs, s)


def whole_csv(twitches: list[Twitch], days: list[DayLog], s: Settings) -> str:
    """The CSV as it was made before its later rows were kept as text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    rows = [
        *(_twitch_row(t, s.day_start_hour) for t in twitches),
        *(_day_row(d) for d in days),
        *(_check_row(d, c) for d in days for c in d.checks),
        *(_relief_row(d, r) for d in days for r in d.relief),
        *(_experiment_row(e) for e in experiments_of(s)),
    ]
    for row in rows:
        writer.writerow(
            {
                k: as_text(clean_text(v, newlines=True)) if isinstance(v, str) else v
                for k, v in row.items()
            }
        )
    return out.getvalue()


def whole(twitches: list[Twitch], days: list[DayLog], s: Settings) -> str:
    """The export as it was made before it was streamed: one ``json.dumps``."""
    doc = {
        "app": "twitchtui",
        "schema": SCHEMA,
        "exported_at": NOW.isoformat(timespec="seconds"),
        "settings": public_settings(s),
        "twitches": [t.to_doc() for t in twitches],
        "days": [{k: v for k, v in d.to_doc().items() if k != "relief"} for d in days],
        "relief": [relief_doc(d, r) for d in days for r in d.relief],
        "experiments": [experiment_doc(e) for e in experiments_of(s)],
    }
    return _escape_controls(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


def test_an_empty_diary_streams_as_before(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d.json", now=lambda: NOW, index_dir=tmp_path / "c")
    out = io.StringIO()
    write_json(out, store.each_month(), store.settings(), NOW, SCHEMA)
    assert out.getvalue() == to_json([], [], store.settings(), NOW, SCHEMA)
    assert out.getvalue() == whole([], [], store.settings())


class Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def run(tty: bool, seconds_each: float, steps: int = 20) -> str:
    now = [0.0]
    stream = Terminal(tty)
    bar = Progress("Exporting", steps, stream, clock=lambda: now[0])
    for _ in bar.over(range(steps)):
        now[0] += seconds_each
    return stream.getvalue()


def test_the_bar_shows_only_on_a_terminal_and_only_for_a_long_job() -> None:
    assert run(tty=False, seconds_each=1.0) == ""
    assert run(tty=True, seconds_each=0.01) == ""  # 0.2 s in all: not worth a bar
    shown = run(tty=True, seconds_each=0.5)
    assert "\rExporting [" in shown and "100%" in shown
    assert shown.endswith("\r")  # wiped at the end: the line is left clean
    assert "\n" not in shown
