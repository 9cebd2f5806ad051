"""The warm compress timer: it owns its countdown and its wake-up timer, keeps
a finished (or long enough) session in the diary, and tells the screen what
to show in a ``Changed`` message.

The countdown keeps time by the app's ``monotonic`` clock (a clock tests move
by hand). It shows whole minutes left, as a person holding a warm cloth reads
it at a glance, and a bar in half cells: the widget wakes only when one of
them changes (20 times over a 10-minute compress, where a clock of seconds
woke 600 times), never counting ticks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widget import Widget

from .. import ops
from ..model import Relief, diary_day
from ..screens.host import host
from ..session import Session
from ..views import Today

if TYPE_CHECKING:
    # Loaded by the first f, not before the first frame (together about 4 ms;
    # test_import_hygiene.NOT_BEFORE_THE_FIRST_FRAME).
    from ..timer import Timer as Countdown
    from .relief_bar import ReliefView  # mounted by f: see quick_log.py


MIN_SESSION_S = 60
"""A relief session stopped before this many seconds is not saved: it says
nothing about relief (one that ran as planned is kept, however short)."""


def next_wake(countdown: Countdown, at: float) -> float | None:
    """Seconds until what the bar shows next changes (None while paused):
    the next minute left (a compress lasts whole minutes) or the bar's next step."""
    from .relief_bar import STEPS

    minute = countdown.next_change(at, 60)
    step = countdown.next_change(at, countdown.planned_s / STEPS)
    return None if minute is None or step is None else min(minute, step)


class CompressTimer(Widget):
    """Not drawn itself: the relief bar shows ``view``, which the screen
    passes down to the panes."""

    today: var[Today | None] = var(None)
    """The day as the screen shows it (its settings: minutes, bell, day start)."""

    @dataclass
    class Changed(Message):
        """What the relief bar shows now (None: no compress runs)."""

        view: ReliefView | None

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.display = False  # not drawn (inline: no stylesheet rule to parse)
        self.session = session
        self._countdown: Countdown | None = None
        self._began: datetime | None = None
        self._wake: Timer | None = None
        self.view: ReliefView | None = None
        """What the bar shows (None: no compress runs)."""

    @property
    def running(self) -> bool:
        return self._countdown is not None

    def toggle(self) -> None:
        """f: start a warm compress, or stop the one running (kept as stopped early)."""
        if self.today is None:
            return
        if self._countdown is not None:
            self._end(finished=False)
            return
        from ..timer import Timer as Countdown  # the first f: see TYPE_CHECKING above

        minutes = self.today.settings.compress_minutes
        self._countdown = Countdown.start(minutes * 60, host(self).monotonic())
        self._began = self.session.store.now()
        self.notify(f"Warm compress: {minutes} min. Space pauses; f stops.", timeout=4)
        self.tick()

    def pause(self) -> None:
        """Space: pause the running compress, or resume it."""
        countdown = self._countdown
        if countdown is None:
            return
        at = host(self).monotonic()
        self._countdown = countdown.resume(at) if countdown.paused else countdown.pause(at)
        self.tick()

    def tick(self) -> None:
        """Show the countdown as the clock says, and wake at its next change."""
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        countdown = self._countdown
        if countdown is None:
            self._show(None)
            return
        from ..timer import minutes_text  # loaded with the first f (see above)
        from .relief_bar import ReliefView  # mounted by f: see quick_log.py

        at = host(self).monotonic()
        if countdown.done(at):
            self._end(finished=True)
            return
        left = f"{minutes_text(countdown.remaining(at))} left"
        self._show(ReliefView(left, countdown.fraction(at), countdown.paused))
        wait = next_wake(countdown, at)
        if wait is not None:
            self._wake = self.set_timer(max(wait, 0.001), self.tick)

    def _show(self, view: ReliefView | None) -> None:
        if view != self.view:
            self.view = view
            self.post_message(self.Changed(view))

    def stop_for_quit(self) -> bool:
        """Quitting: keep a running compress as stopped early; whether one ran."""
        if self._countdown is None:
            return False
        self._end(finished=False)
        return True

    def _end(self, finished: bool) -> None:
        countdown, began = self._countdown, self._began
        self._countdown = None
        self.tick()
        if countdown is None or began is None:
            return
        done = round(countdown.elapsed(host(self).monotonic()))
        if done < MIN_SESSION_S and not finished:
            self.notify(
                f"Warm compress stopped after {done} s. A session under a minute is not saved.",
                timeout=5,
            )
            return
        settings = self.today.settings if self.today is not None else None
        kept = Relief("warm-compress", began, round(countdown.planned_s), done, finished)
        day = diary_day(began, settings.day_start_hour if settings else 0)
        what = "warm compress" if finished else f"warm compress stopped after {done // 60} min"
        self.session.submit(ops.AddRelief(day, kept, label=what))
        if finished:
            self.notify("Warm compress done. It is in the diary.", title="Relief", timeout=8)
            if settings is not None and settings.bell:
                self.app.bell()
