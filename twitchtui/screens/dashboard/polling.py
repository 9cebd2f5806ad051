"""The dashboard's clock and eyes: reading the shown day, rolling the day over,
picking up outside changes, and reminders.

Idle cost matters (the dashboard stays open all day on laptops), so a poll
does almost nothing while nothing changes: it compares the clock's minute
and a few ``os.stat`` results. Only when a diary file's signature changed,
or the day rolled over, does a worker read the diary.
"""

from __future__ import annotations

from datetime import date, datetime

from textual import work
from textual.worker import get_current_worker

from ... import nudges
from ...model import diary_day
from ...store import DiaryDamaged, StoreError
from ...views import Today, load_today

STRICT_EVERY = 600
"""Every this many polls (ten minutes), compare the files' contents even when
their stat signatures did not change: a freed inode can come back with the
same size within one clock tick, so a change could hide from ``stat`` until
the next one. Otherwise a poll costs a few ``stat`` calls."""


class Polling:
    """Mixed into ``DashboardScreen`` (which owns ``today``, ``now``, ``shown_day``)."""

    def _init_polling(self) -> None:
        self._polling = False
        self._stamp: tuple | None = None
        """The diary files' stat signatures at the last look."""
        self._polls = 0
        self._minute: datetime | None = None
        """The minute of the last reminder check ("ago" and reminders move by the minute)."""
        self._loading = 0
        """Reads of the day shown that have not come back yet."""
        self._reminders = nudges.Reminders(started=self.store.now())

    # ------------------------------------------------------------ reading

    def reload(self) -> None:
        """Read the day shown again (in a worker)."""
        self._loading += 1
        self._reload(self.shown_day)

    @work(thread=True, exclusive=True, group="load")
    def _reload(self, shown_day: date | None) -> None:
        today = None
        try:
            with self.session.turns.read():
                today = load_today(self.store, shown_day)
        except DiaryDamaged as exc:
            self._report_damaged(exc)
        except StoreError:
            pass  # busy for a moment: the next poll reads again
        cancelled = get_current_worker().is_cancelled
        self.app.call_from_thread(self._reloaded, None if cancelled else today)

    def _reloaded(self, today: Today | None) -> None:
        self._loading -= 1
        if today is not None:
            self._set_today(today)

    def watch_shown_day(self, day: date | None) -> None:
        self.session.shown_day = day
        if self.is_mounted:
            self.reload()

    # ------------------------------------------------------------ polling

    def poll(self) -> None:
        """Every ``poll_seconds``: look for writes from elsewhere (a shell, a
        second window) and for the day rolling over. Once a minute also keep
        "12 min ago" fresh and remind."""
        now = self.store.now()
        minute = now.replace(second=0, microsecond=0)
        if minute != self._minute:
            self._minute = minute
            self.now = now
            self._remind(now)
            self.end_if_due(now)
        current = self.today
        if current is None or self._polling:
            return
        day = diary_day(now, current.settings.day_start_hour)
        days = sorted({day, current.shown_day})
        stamp = (day, self.store.stamp(days))
        self._polls += 1
        if stamp == self._stamp and self._polls % STRICT_EVERY:
            return  # nothing on disk or on the calendar has moved
        self._stamp = stamp
        self._polling = True
        self._check_for_changes(current, day, days)

    def on_app_focus(self) -> None:
        self.poll()  # after a laptop sleeps, timers lag: check the wall clock at once

    @work(thread=True, group="poll")
    def _check_for_changes(self, current: Today, day: date, days: list[date]) -> None:
        try:
            shown = current.shown_day if current.shown_day != current.day else None
            with self.session.turns.read():
                changed = day != current.day or self.store.fingerprint(days) != current.fingerprint
                today = load_today(self.store, shown) if changed else None
            if today is not None:
                self.app.call_from_thread(self._set_today, today)
        except DiaryDamaged as exc:
            self._report_damaged(exc)  # looked at again once a file changes
        except StoreError:
            self._stamp = None  # a transient read problem; the next poll tries again
        finally:
            self._polling = False

    # ------------------------------------------------------------ reminders

    def _remind(self, now: datetime) -> None:
        today = self.today
        if today is None or today.log is None:
            return
        on_top = self.app.screen
        if on_top is not self and not getattr(on_top, "KEEPS_CLEAR", False):
            return  # not over a form or a modal: next minute, perhaps
        # Over the urgent advice or the self-check, the app holds the notice
        # until that screen closes (``TwitchApp.notify``).
        nudge = self._reminders.due(now, today.settings, today.log, today.pause, today.day)
        if nudge is None:
            return
        self._toast(nudge.message, title="Reminder (z: quiet until tomorrow)", timeout=15)
        if today.settings.bell:
            self.app.bell()
