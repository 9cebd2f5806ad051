"""``twitchtui remind`` and the record of reminders sent, shared with the
dashboard: a fake notifier stands in for the desktop."""

from __future__ import annotations

import json
import stat
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from twitchtui import notify, nudges
from twitchtui.cli import main
from twitchtui.cli import remind as remind_cli
from twitchtui.model import DayLog, Settings
from twitchtui.store import Store

from .conftest import NOW

AFTERNOON = NOW.replace(hour=15, minute=0)  # water is behind pace from noon
WATER = "Water is behind pace"


class FakeDesktop:
    def __init__(self, works: bool = True) -> None:
        self.shown: list[notify.Notice] = []
        self.works = works

    def __call__(self, notice: notify.Notice) -> bool:
        if self.works:
            self.shown.append(notice)
        return self.works


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> FakeDesktop:
    fake = FakeDesktop()
    monkeypatch.setattr(remind_cli.notify, "notifiers", lambda: [fake])
    return fake


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TWITCHTUI_NOW", AFTERNOON.isoformat())
    path = tmp_path / "d.json"
    assert main(["log", "--db", str(path)]) == 0
    return path


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setenv("TWITCHTUI_NOW", moment.isoformat())


def test_sends_what_is_due(db: Path, desktop: FakeDesktop) -> None:
    assert main(["remind", "--db", str(db)]) == 0
    assert len(desktop.shown) == 1
    assert WATER in desktop.shown[0].body
    assert "(w)" not in desktop.shown[0].body  # the dashboard's key means nothing here
    assert desktop.shown[0].urgent is False


def test_never_repeats_within_the_hour_across_two_calls(
    db: Path, desktop: FakeDesktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["remind", "--db", str(db)]) == 0
    at(monkeypatch, AFTERNOON + timedelta(minutes=15))
    assert main(["remind", "--db", str(db)]) == 0
    at(monkeypatch, AFTERNOON + timedelta(minutes=59))
    assert main(["remind", "--db", str(db)]) == 0
    assert len(desktop.shown) == 1
    at(monkeypatch, AFTERNOON + timedelta(hours=2))  # water's own gap is two hours
    assert main(["remind", "--db", str(db)]) == 0
    assert len(desktop.shown) == 2


def test_stays_quiet_in_quiet_mode(
    db: Path, desktop: FakeDesktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    quiet(Store.open(db))
    assert main(["remind", "--db", str(db)]) == 0
    assert desktop.shown == []


QUIET_UNTIL = AFTERNOON.date()


def quiet(store: Store, until: date | None = QUIET_UNTIL) -> None:
    store.update_settings(lambda s: replace(s, quiet_until=until))


def test_an_open_urgent_answer_is_always_included(
    db: Path, desktop: FakeDesktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["selfcheck", "--droop", "--sudden", "--db", str(db)]) == 0
    quiet(Store.open(db))  # quiet mode silences reminders, never the urgent advice
    assert main(["remind", "--db", str(db)]) == 0
    assert len(desktop.shown) == 1
    assert desktop.shown[0].urgent is True
    assert "999" in desktop.shown[0].body
    # Within the hour, with a reminder due again (quiet over): urgent is in it too.
    quiet(Store.open(db), None)
    at(monkeypatch, AFTERNOON + timedelta(minutes=10))
    assert main(["remind", "--db", str(db)]) == 0
    assert len(desktop.shown) == 2
    assert WATER in desktop.shown[1].body and "999" in desktop.shown[1].body


def test_silent_where_no_way_to_notify_exists(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(remind_cli.notify, "notifiers", lambda: [])
    capsys.readouterr()
    assert main(["remind", "--db", str(db)]) == 0
    assert capsys.readouterr() == ("", "")
    assert not notify.Record.for_diary(db).path.exists()  # nothing counted as sent


def test_a_failed_notification_is_tried_again(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = FakeDesktop(works=False)
    monkeypatch.setattr(remind_cli.notify, "notifiers", lambda: [broken])
    assert main(["remind", "--db", str(db)]) == 0
    fixed = FakeDesktop()
    monkeypatch.setattr(remind_cli.notify, "notifiers", lambda: [fixed])
    assert main(["remind", "--db", str(db)]) == 0
    assert len(fixed.shown) == 1


def test_the_dashboard_and_remind_share_one_record(
    db: Path, desktop: FakeDesktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the dashboard shows, ``remind`` does not send, and the other way round."""
    store = Store.open(db)
    settings, log = store.settings(), store.day_log(AFTERNOON.date())
    shared = notify.Record.for_diary(store.path)
    dashboard = nudges.Reminders(started=AFTERNOON - timedelta(hours=1), sent=shared)
    shown = dashboard.due(AFTERNOON, settings, log, None, AFTERNOON.date())
    assert shown is not None and shown.kind == "water"
    at(monkeypatch, AFTERNOON + timedelta(minutes=30))
    assert main(["remind", "--db", str(db)]) == 0
    assert desktop.shown == []
    # remind sends first; a second dashboard (or the same one) then stays quiet
    later = AFTERNOON + timedelta(hours=3)
    at(monkeypatch, later)
    assert main(["remind", "--db", str(db)]) == 0
    assert len(desktop.shown) == 1
    other = nudges.Reminders(started=later - timedelta(hours=1), sent=shared)
    assert other.due(later + timedelta(minutes=5), settings, log, None, later.date()) is None


def test_the_record_is_private_and_outside_the_diary_folder(db: Path, desktop: FakeDesktop) -> None:
    assert main(["remind", "--db", str(db)]) == 0
    record = notify.Record.for_diary(db).path
    assert db.parent not in record.parents
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert set(json.loads(record.read_text())) == {"water"}


def test_a_damaged_record_counts_as_empty(tmp_path: Path) -> None:
    record = notify.Record(tmp_path / "r.json")
    record.path.write_text("{not json")
    assert record.read() == {}
    with record.claim() as fired:
        fired["water"] = NOW
    assert record.read() == {"water": NOW}


def test_print_shows_the_notification(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["remind", "--print", "--db", str(db)]) == 0
    assert WATER in capsys.readouterr().out


def test_the_ways_to_notify_are_found_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notify, "has_library", lambda: False)
    assert notify.notifiers(lambda name: None) == []
    found = notify.notifiers(lambda name: f"/usr/bin/{name}" if name == "notify-send" else None)
    assert [type(w) for w in found] == [notify.NotifySend]
    calls: list[list[str]] = []
    send = notify.NotifySend("/usr/bin/notify-send", run=lambda argv: calls.append(argv) or 0)
    assert send(notify.Notice("t", "$(rm -rf ~)", urgent=True))
    assert calls == [
        ["/usr/bin/notify-send", "--app-name=twitchtui", "--urgency=critical", "t", "$(rm -rf ~)"]
    ]


def test_the_in_memory_record_keeps_the_old_behaviour() -> None:
    reminders = nudges.Reminders()
    settings, log = Settings(), DayLog(AFTERNOON.date())
    first = reminders.due(AFTERNOON, settings, log, None, AFTERNOON.date())
    assert first is not None
    assert (
        reminders.due(AFTERNOON + timedelta(minutes=5), settings, log, None, AFTERNOON.date())
        is None
    )


def test_no_diary_yet_is_nothing_to_say(tmp_path: Path, desktop: FakeDesktop) -> None:
    """A timer set up before the first entry: exit 0, and no diary created."""
    db = tmp_path / "none.json"
    assert main(["remind", "--db", str(db)]) == 0
    assert not db.exists()
    assert desktop.shown == []


def test_two_processes_at_once_still_say_it_once(tmp_path: Path) -> None:
    """The look and the write are under one lock: while one sender is still
    showing its notification, the other waits, then sees it as sent."""
    import threading
    import time

    path = tmp_path / "state" / "r.json"
    settings, log = Settings(), DayLog(AFTERNOON.date())
    shown: list[str] = []

    def slow(notice: notify.Notice) -> bool:
        time.sleep(0.2)
        shown.append(notice.body)
        return True

    def one() -> None:
        notify.remind(
            notify.Record(path), AFTERNOON, settings, log, None, AFTERNOON.date(), None, slow
        )

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(shown) == 1
