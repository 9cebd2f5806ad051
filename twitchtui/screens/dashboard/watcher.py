"""The diary watcher: reads the day shown, looks for outside changes and the
day rolling over, and reminds. It owns its timer and tells the screen what it
found in Messages (after toolong's ``WatcherBase``).

Idle cost matters (the dashboard stays open all day on laptops), so a poll
does almost nothing while nothing changes: it compares the clock's minute
and a few ``os.stat`` results. Only when a diary file's signature changed,
or the day rolled over, does a worker read the diary.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.worker import get_current_worker

from ...model import diary_day
from ...session import Session, Unreadable
from ...store import Store, StoreError
from ...views import Today, load_today
from ..host import host, keeps_clear
from .answers import Answers, self_check_answers

if TYPE_CHECKING:
    from ...nudges import Reminders

STRICT_EVERY = 600
"""Every this many polls (ten minutes), compare the files' contents even when
their stat signatures did not change: a freed inode can come back with the
same size within one clock tick, so a change could hide from ``stat`` until
the next one. Otherwise a poll costs a few ``stat`` calls."""


@dataclass
class Answer(Message):
    """A reply to a request the screen made; ``ticket`` says which (0: none
    asked, something the watcher saw by itself). The screen is settled once
    it has seen the answer to every ticket handed out."""

    ticket: int


class DiaryWatcher(Widget):
    """Not drawn: a poll every ``poll_seconds``, and the reads of the day shown."""

    today: var[Today | None] = var(None)
    """The day as the screen shows it (bound by the screen)."""

    @dataclass
    class DiaryChanged(Answer):
        """The day shown, read again (None: it could not be read now)."""

        today: Today | None

    @dataclass
    class DayRolledOver(Message):
        """The diary day changed (midnight, or the day-start hour): the new one."""

        today: Today

    @dataclass
    class ConflictsMerged(Message):
        """A sync tool's conflict copies, folded into this machine's files:
        a line each ("Merged 2 twitches from a conflict copy made by desktop")."""

        lines: list[str]

    @dataclass
    class AnswersChanged(Message):
        """The self-check answers on disk changed (another machine's, or
        ``twitchtui selfcheck`` for last night, on any day): the urgent banner
        must be worked out again. ``first``: the watcher's first look, with
        nothing of its own to compare with."""

        answers: Answers
        first: bool = False

    @dataclass
    class MinutePassed(Message):
        """A new minute: "12 min ago" moves, and what is due by now is due."""

        now: datetime

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.display = False  # not drawn (inline: no stylesheet rule to parse)
        self.session = session
        self._polling = False
        self._stamp: tuple[object, ...] | None = None
        """The diary files' stat signatures at the last look."""
        self._polls = 0
        self._checks: Answers | None = None
        """The self-check answers over the whole diary at the last look."""
        self._minute: datetime | None = None
        """The minute of the last reminder check ("ago" and reminders move by the minute)."""
        self.tickets = 0
        """Reads of the day shown asked for so far (each answered by a ``DiaryChanged``)."""
        self._started = session.store.now()
        self._reminders: Reminders | None = None
        """Shared with ``twitchtui remind`` (a file in the user state folder),
        so a reminder the desktop showed is not said again here, nor the
        other way round. Made at the first check (the rules and the record's
        code are not needed by the first frame, and no reminder comes in the
        first minutes)."""

    def on_mount(self) -> None:
        self.set_interval(host(self).poll_seconds, self.poll)

    # ------------------------------------------------------------ reading

    def load(self, shown_day: date | None) -> int:
        """Read the day shown again (in a worker); the ticket its answer carries."""
        self.tickets += 1
        self._load(shown_day, self.tickets)
        return self.tickets

    @work(thread=True, exclusive=True, group="load")
    def _load(self, shown_day: date | None, ticket: int) -> None:
        today = None
        # Damaged (reported by the session), or busy: the next poll reads again.
        with suppress(StoreError):
            today = self.session.read(lambda store: load_today(store, shown_day))
        cancelled = get_current_worker().is_cancelled
        self.post_message(self.DiaryChanged(ticket, None if cancelled else today))

    # ------------------------------------------------------------ polling

    def poll(self) -> None:
        """Every ``poll_seconds``: look for writes from elsewhere (a shell, a
        second window) and for the day rolling over. Once a minute also keep
        "12 min ago" fresh and remind."""
        store = self.session.store
        now = store.now()
        minute = now.replace(second=0, microsecond=0)
        if minute != self._minute:
            self._minute = minute
            self.post_message(self.MinutePassed(now))
            self._remind(now)
        current = self.today
        if current is None or self._polling:
            return
        day = diary_day(now, current.settings.day_start_hour)
        days = sorted({day, current.shown_day})
        stamp = (day, store.stamp(days))
        self._polls += 1
        if stamp == self._stamp and self._polls % STRICT_EVERY:
            return  # nothing on disk or on the calendar has moved
        self._stamp = stamp
        self._polling = True
        self._check_for_changes(current, day, days)

    @work(thread=True, group="poll")
    def _check_for_changes(self, current: Today, day: date, days: list[date]) -> None:
        shown = current.shown_day if current.shown_day != current.day else None

        def changes(store: Store) -> tuple[Today | None, Answers | None]:
            changed = day != current.day or store.fingerprint(days) != current.fingerprint
            return (load_today(store, shown) if changed else None), answers(store)

        def answers(store: Store) -> Answers | None:
            """The answers on every day, not only the days shown: an emergency
            saved elsewhere for last night is in last month's file. From the
            derived index, so a few stat calls unless a month changed, and
            around a damaged month, as the urgent read itself (``load_urgent``).
            None: the settings cannot be read now: the day shown and the day
            rolling over must not wait on them."""
            try:
                return self_check_answers(store.self_check_logs_around_damage().values())
            except StoreError:
                return None

        try:
            # A file arrived or changed: a conflict copy among them is merged
            # now (a write, in the session's turn), then the day is read.
            merged = self.session.write(lambda store: store.merge_conflicts())
            if merged:
                self.post_message(self.ConflictsMerged(merged))
            today, checks = self.session.read(changes)
        except Unreadable:
            return  # reported by the session; looked at again once a file changes
        except StoreError:
            self._stamp = None  # a transient read problem; the next poll tries again
            return
        finally:
            self._polling = False
        if checks is not None and checks != self._checks:
            self.post_message(self.AnswersChanged(checks, first=self._checks is None))
            self._checks = checks
        if today is None:
            return
        if today.day != current.day:
            self.post_message(self.DayRolledOver(today))
        else:
            self.post_message(self.DiaryChanged(0, today))

    # ------------------------------------------------------------ reminders

    def _remind(self, now: datetime) -> None:
        today = self.today
        if today is None or today.log is None:
            return
        on_top = self.app.screen
        if on_top is not self.screen and not keeps_clear(on_top):
            return  # not over a form or a modal: next minute, perhaps
        self._due(now, today)

    @work(thread=True, exclusive=True, group="remind")
    def _due(self, now: datetime, today: Today) -> None:
        """Whether a reminder is due, from the shared record of those sent
        (file I/O under its lock, so off the event loop)."""
        if today.log is None:
            return
        nudge = self._kept().due(now, today.settings, today.log, today.pause, today.day)
        if nudge is not None:
            self.app.call_from_thread(self._say, nudge.message, today.settings.bell)

    def _kept(self) -> Reminders:
        """The dashboard's reminders, made the first time they are asked for."""
        if self._reminders is None:
            from ...notify import Record
            from ...nudges import Reminders

            sent = Record.for_diary(self.session.store.path)
            self._reminders = Reminders(started=self._started, sent=sent)
        return self._reminders

    def _say(self, message: str, bell: bool) -> None:
        # Over the urgent advice or the self-check, the app holds the notice
        # until that screen closes (``TwitchApp.notify``).
        self.notify(message, title="Reminder (z: quiet until tomorrow)", timeout=15)
        if bell:
            self.app.bell()
