"""Reminders outside the dashboard: the record of what was sent, shared by
the dashboard and ``twitchtui remind``, and the desktop notifiers.

The record is a small JSON file per diary in this machine's state folder
(``machine.state_dir``), never in the diary's folder: a sync tool carries
the diary, not what this machine has said. It is written 0600 with an
atomic replace, and read, checked and written under a lock
(``Record.claim``), so two processes (the dashboard and a timer's
``remind``) can never both decide that the same reminder is due.

Nothing leaves the machine: a notification goes to the local desktop's
notification service only.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Protocol

from . import nudges
from .checklist import Pause
from .machine import state_dir
from .model import DayLog, Settings
from .store import write_private

URGENT_KIND = "urgent"
URGENT_GAP = timedelta(hours=1)
"""An open urgent answer is said again at most once an hour (quiet mode
silences reminders, never this)."""
LOCK_WAIT_S = 5.0
KEY_HINT = re.compile(r" \([a-z]\)(?=\.?$)")
"""The dashboard's key at a reminder's end ("(w)"), which means nothing on the desktop."""


def _sha256(data: bytes) -> str:
    """SHA-256 in hex, from CPython's own module where it has one: ``hashlib``
    would load OpenSSL's, about 0.5 MB more of the dashboard's memory, for
    one name a day. The same digest either way."""
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found]  # 3.11
        except ImportError:
            from hashlib import sha256
    return str(sha256(data).hexdigest())


def record_path(diary: Path, folder: Path | None = None) -> Path:
    """The record for the diary at ``diary`` (one per diary file)."""
    key = _sha256(str(diary.expanduser().absolute()).encode())[:16]
    return (folder or state_dir()) / f"reminders-{key}.json"


class Record:
    """When each kind of reminder was last sent for one diary, on this machine."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_diary(cls, diary: Path, folder: Path | None = None) -> Record:
        return cls(record_path(diary, folder))

    def read(self) -> dict[str, datetime]:
        """The record as it is (an unreadable one counts as empty)."""
        try:
            doc = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        fired: dict[str, datetime] = {}
        if isinstance(doc, dict):
            for kind, value in doc.items():
                with contextlib.suppress(TypeError, ValueError):
                    moment = datetime.fromisoformat(value)
                    if moment.tzinfo is not None:
                        fired[str(kind)] = moment
        return fired

    @contextlib.contextmanager
    def claim(self) -> Iterator[dict[str, datetime]]:
        """The record, held under its lock; what the caller adds to the dict
        is written back (atomically, 0600) when the block ends."""
        # Only when a reminder is due (the dashboard loads this module).
        from filelock import FileLock

        from .store.atomic import make_private_folder  # with the lock

        make_private_folder(self.path.parent)
        with FileLock(str(self.path.with_suffix(".lock")), timeout=LOCK_WAIT_S, mode=0o600):
            fired = self.read()
            before = dict(fired)
            yield fired
            if fired != before:
                doc = {kind: at.isoformat() for kind, at in sorted(fired.items())}
                write_private(self.path, json.dumps(doc, indent=1) + "\n")


@dataclass(frozen=True, slots=True)
class Urgent:
    """An open urgent answer, as a notification says it."""

    title: str
    advice: str


@dataclass(frozen=True, slots=True)
class Notice:
    title: str
    body: str
    urgent: bool


def remind(
    record: Record,
    now: datetime,
    settings: Settings,
    log: DayLog,
    pause: Pause | None,
    today: date,
    urgent: Urgent | None,
    deliver: Callable[[Notice], bool],
) -> Notice | None:
    """Send what is due now through ``deliver`` and count it as sent; None
    when nothing was (nothing due, quiet, or ``deliver`` failed: then it is
    tried again next time). The record stays locked from the look to the
    write, so the dashboard cannot say the same thing meanwhile.

    An open urgent answer is in every notification sent, and is sent on its
    own once an hour while it stays open: quiet mode silences reminders, not
    the advice to get help."""
    with record.claim() as fired:
        nudge = nudges.due(now, settings, log, pause, fired, today)
        last_urgent = fired.get(URGENT_KIND)
        urgent_due = urgent is not None and (last_urgent is None or now - last_urgent >= URGENT_GAP)
        if nudge is None and not urgent_due:
            return None
        lines = []
        if urgent is not None:
            lines.append(f"{urgent.title}. {urgent.advice}")
        if nudge is not None:
            lines.append(KEY_HINT.sub("", nudge.message))
        title = "twitchtui: please read this" if urgent is not None else "twitchtui reminder"
        notice = Notice(title, "\n".join(lines), urgent is not None)
        if not deliver(notice):
            return None
        if urgent is not None:
            fired[URGENT_KIND] = now
        if nudge is not None:
            fired[nudge.kind] = now
        return notice


class Notifier(Protocol):
    """Shows one notification on this machine's desktop; False if it could not."""

    def __call__(self, notice: Notice) -> bool: ...


Runner = Callable[[list[str]], int]


def _run(argv: list[str]) -> int:
    try:
        return subprocess.run(argv, capture_output=True, timeout=10, check=False).returncode
    except (OSError, subprocess.SubprocessError):
        return 1


@dataclass(frozen=True)
class NotifySend:
    """libnotify's ``notify-send`` (most Linux desktops)."""

    exe: str
    run: Runner = _run

    def __call__(self, notice: Notice) -> bool:
        level = "critical" if notice.urgent else "normal"
        argv = [self.exe, "--app-name=twitchtui", f"--urgency={level}", notice.title, notice.body]
        return self.run(argv) == 0


@dataclass(frozen=True)
class Osascript:
    """macOS's ``osascript``; the text goes in as arguments, never as script."""

    exe: str
    run: Runner = _run

    def __call__(self, notice: Notice) -> bool:
        script = [
            "-e",
            "on run argv",
            "-e",
            "display notification (item 2 of argv) with title (item 1 of argv)",
            "-e",
            "end run",
        ]
        return self.run([self.exe, *script, notice.title, notice.body]) == 0


class DesktopNotifierLib:
    """The ``desktop-notifier`` library (``pip install twitchtui[notify]``)."""

    def __call__(self, notice: Notice) -> bool:
        import asyncio  # desktop-notifier is async: only when it sends

        try:
            import desktop_notifier as dn  # type: ignore[import-not-found,unused-ignore]

            notifier = dn.DesktopNotifier(app_name="twitchtui")
            urgency = dn.Urgency.Critical if notice.urgent else dn.Urgency.Normal
            asyncio.run(notifier.send(title=notice.title, message=notice.body, urgency=urgency))
        except Exception:  # any failure of an optional extra: try the next way
            return False
        return True


def has_library() -> bool:
    import importlib.util  # only to look for the optional extra

    return importlib.util.find_spec("desktop_notifier") is not None


def notifiers(which: Callable[[str], str | None] = shutil.which) -> list[Notifier]:
    """The ways to notify that this machine has, best first (none: [])."""
    found: list[Notifier] = []
    if has_library():
        found.append(DesktopNotifierLib())
    if sys.platform == "darwin" and (exe := which("osascript")):
        found.append(Osascript(exe))
    if exe := which("notify-send"):
        found.append(NotifySend(exe))
    return found


def send(notice: Notice, ways: list[Notifier]) -> bool:
    """Try each way in turn; True once one showed it."""
    return any(way(notice) for way in ways)
