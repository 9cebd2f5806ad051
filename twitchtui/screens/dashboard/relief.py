"""The warm compress timer on the dashboard, and the keys that open the face
relaxation and the experiments.

The countdown keeps time by ``app.monotonic`` (a clock tests move by hand);
the screen is woken at the next whole second, never made to count ticks.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ... import ops
from ...model import PAUSE, Experiment, Relief, diary_day
from ...session import Mode

if TYPE_CHECKING:
    from ...timer import Timer


MIN_SESSION_S = 60
"""A relief session stopped before this many seconds is not saved: it says
nothing about relief (one that ran as planned is kept, however short)."""


class ReliefActions:
    """Mixed into ``DashboardScreen`` (which owns the ``relief`` reactive)."""

    def _init_relief(self) -> None:
        self._compress: Timer | None = None
        self._compress_began: datetime | None = None
        self._wake = None
        self._ending: tuple[str, datetime] | None = None

    @property
    def compress_running(self) -> bool:
        return self._compress is not None

    def action_compress(self) -> None:
        """f: start a warm compress, or stop the one running (kept as stopped early)."""
        if self.today is None:
            return
        if self._compress is not None:
            self._end_compress(finished=False)
            return
        from ...timer import Timer  # loaded on first use: not needed for the first frame

        minutes = self.today.settings.compress_minutes
        self._compress = Timer.start(minutes * 60, self.app.monotonic())
        self._compress_began = self.store.now()
        self._toast(f"Warm compress: {minutes} min. Space pauses; f stops.", timeout=4)
        self.tick_relief()
        self.refresh_bindings()

    def action_timer_idle(self) -> None:
        """Space while no compress runs: say why nothing happened."""
        self._toast("Space pauses a running warm compress, and none is running: f starts one.")

    def action_pause_timer(self) -> None:
        if self._compress is None:
            return
        at = self.app.monotonic()
        timer = self._compress
        self._compress = timer.resume(at) if timer.paused else timer.pause(at)
        self.tick_relief()

    def tick_relief(self) -> None:
        """Show the countdown as the clock says, and wake at its next change."""
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        timer = self._compress
        if timer is None:
            self.relief = None
            return
        from ...timer import clock_text
        from ...widgets.relief_bar import ReliefView

        at = self.app.monotonic()
        if timer.done(at):
            self._end_compress(finished=True)
            return
        self.relief = ReliefView(clock_text(timer.remaining(at)), timer.fraction(at), timer.paused)
        wait = timer.next_change(at)
        if wait is not None:
            self._wake = self.set_timer(max(wait, 0.001), self.tick_relief)

    def _end_compress(self, finished: bool) -> None:
        timer, began = self._compress, self._compress_began
        self._compress = None
        self.tick_relief()
        self.refresh_bindings()
        if timer is None or began is None:
            return
        done = round(timer.elapsed(self.app.monotonic()))
        if done < MIN_SESSION_S and not finished:
            self._toast(
                f"Warm compress stopped after {done} s. A session under a minute is not saved.",
                timeout=5,
            )
            return
        session = Relief("warm-compress", began, round(timer.planned_s), done, finished)
        day = diary_day(began, self.today.settings.day_start_hour)
        what = "warm compress" if finished else f"warm compress stopped after {done // 60} min"
        self.submit(ops.AddRelief(day, session, label=what))
        if finished:
            self._toast("Warm compress done. It is in the diary.", title="Relief", timeout=8)
            if self.today.settings.bell:
                self.app.bell()

    def stop_relief_for_quit(self) -> bool:
        """Quitting: keep a running compress as stopped early."""
        if self._compress is None:
            return False
        self._end_compress(finished=False)
        return True

    def action_relax(self) -> None:
        """l: the guided face relaxation, in its own screen."""
        from ..relax import RelaxScreen

        if self.today is None:
            return
        settings = self.today.settings

        def keep(session: Relief) -> None:
            if session.actual_s < MIN_SESSION_S and not session.finished:
                self._toast(
                    f"Face relaxation stopped after {session.actual_s} s. A session under "
                    "a minute is not saved.",
                    timeout=5,
                )
                return
            day = diary_day(session.started, settings.day_start_hour)
            label = "face relaxation" if session.finished else "face relaxation stopped early"
            self.submit(ops.AddRelief(day, session, label=label))

        self.app.push_screen(
            RelaxScreen(settings.pmr_rounds, self.store.now, keep, bell=settings.bell)
        )

    def action_pause(self) -> None:
        """p: start the 48-hour stimulant pause, or stop it (its result is kept)."""
        if self.today is None:
            return
        now = self.store.now().replace(microsecond=0)
        if self.today.settings.pause_started is None and self.today.settings.experiment:
            # One at a time: saying why it cannot start beats asking first.
            self.submit(
                ops.StartExperiment(Experiment(PAUSE, now, 2), label="48-hour stimulant pause")
            )
        elif self.today.settings.pause_started is None:
            from ..confirm import ConfirmScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    start = self.store.now().replace(microsecond=0)
                    self.submit(
                        ops.StartExperiment(
                            Experiment(PAUSE, start, 2), label="48-hour stimulant pause"
                        )
                    )

            question = (
                "Start a 48-hour stimulant pause now? No coffee (or other stimulants) "
                f"until {now + timedelta(hours=48):%a %H:%M}; p again stops it early."
            )
            self.app.push_screen(ConfirmScreen(question, "Start the pause"), answered)
        else:
            self.submit(
                ops.EndExperiment(PAUSE, now, stopped_early=True, label="stimulant pause stopped")
            )

    def action_experiment(self) -> None:
        """x: start an experiment, or see and stop the one running."""
        from ..experiment import ExperimentForm, RunningExperimentScreen

        if self.today is None:
            return

        def chosen(op) -> None:
            if op is not None:
                self.submit(op)

        settings = self.today.settings
        running = settings.experiment
        if running is not None:
            day = running.day_number(self.today.day, settings.day_start_hour)
            self.app.push_screen(RunningExperimentScreen(running, day), chosen)
        else:
            self.app.push_screen(ExperimentForm(self.store.now()), chosen)

    def end_if_due(self, now: datetime) -> None:
        """A pause or experiment whose time is up ends by itself (checked each
        minute); its result is kept and shown."""
        from ...trials import due_end

        if self.today is None:
            return
        due = due_end(self.today.settings, now)
        if due is not None and due != self._ending:
            self._ending = due  # once: the next minute's check sees it saved
            self.submit(ops.EndExperiment(due[0], due[1], stopped_early=False), Mode.QUIET)

    def show_result(self, outcome) -> None:
        """An experiment or pause that just ended (by a key, or by itself): its result."""
        from ...trials import result_sentence

        done = getattr(outcome.inverse, "done", None)
        if isinstance(outcome.op, ops.EndExperiment) and done is not None:
            self.notify(result_sentence(done), title="How it went", timeout=30)
