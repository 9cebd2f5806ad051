"""The dashboard's keys for what was tried: the face relaxation, the 48-hour
stimulant pause and experiments, and how a pause or experiment ends by itself.
(The warm compress is its own widget: ``widgets/compress_timer.py``.)

The screens here open by a key and load on its first press (the experiment
form about 15 ms, the relaxation 5 ms; ``python -X importtime``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ... import ops
from ...model import PAUSE, Experiment, Relief, diary_day
from ...session import Mode, Outcome
from ...widgets.compress_timer import MIN_SESSION_S
from .protocol import Dashboard


class ReliefKeys:
    """l, p and y, and the ends that come by themselves."""

    def __init__(self, dash: Dashboard) -> None:
        self.dash = dash
        self._ending: tuple[str, datetime] | None = None

    def relax(self) -> None:
        """l: the guided face relaxation, in its own screen."""
        from ..relax import RelaxScreen

        today = self.dash.today
        if today is None:
            return
        settings = today.settings

        def keep(session: Relief) -> None:
            if session.actual_s < MIN_SESSION_S and not session.finished:
                self.dash.notify(
                    f"Face relaxation stopped after {session.actual_s} s. A session under "
                    "a minute is not saved.",
                    timeout=5,
                )
                return
            day = diary_day(session.started, settings.day_start_hour)
            label = "face relaxation" if session.finished else "face relaxation stopped early"
            self.dash.submit(ops.AddRelief(day, session, label=label))

        now = self.dash.session.store.now
        self.dash.app.push_screen(RelaxScreen(settings.pmr_rounds, now, keep, bell=settings.bell))

    def pause(self) -> None:
        """p: start the 48-hour stimulant pause, or stop it (its result is kept)."""
        from ..confirm import ConfirmScreen

        today = self.dash.today
        if today is None:
            return
        store = self.dash.session.store
        now = store.now().replace(microsecond=0)
        if today.settings.pause_started is not None:
            self.dash.submit(
                ops.EndExperiment(PAUSE, now, stopped_early=True, label="stimulant pause stopped")
            )
            return
        if today.settings.experiment:
            # One at a time: saying why it cannot start beats asking first.
            self.dash.submit(
                ops.StartExperiment(Experiment(PAUSE, now, 2), label="48-hour stimulant pause")
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                start = store.now().replace(microsecond=0)
                pause = Experiment(PAUSE, start, 2)
                self.dash.submit(ops.StartExperiment(pause, label="48-hour stimulant pause"))

        question = (
            "Start a 48-hour stimulant pause now? No coffee (or other stimulants) "
            f"until {now + timedelta(hours=48):%a %H:%M}; p again stops it early."
        )
        self.dash.app.push_screen(ConfirmScreen(question, "Start the pause"), answered)

    def experiment(self) -> None:
        """y: start an experiment, or see and stop the one running."""
        from ..experiment import ExperimentForm, RunningExperimentScreen

        today = self.dash.today
        if today is None:
            return

        def chosen(op: ops.Op | None) -> None:
            if op is not None:
                self.dash.submit(op)

        settings = today.settings
        running = settings.experiment
        if running is not None:
            day = running.day_number(today.day, settings.day_start_hour)
            self.dash.app.push_screen(RunningExperimentScreen(running, day), chosen)
        else:
            self.dash.app.push_screen(ExperimentForm(self.dash.session.store.now()), chosen)

    def end_if_due(self, now: datetime) -> None:
        """A pause or experiment whose time is up ends by itself (checked each
        minute); its result is kept and shown."""
        from ...tried import due_end  # with the comparisons: about 14 ms, after the first frame

        today = self.dash.today
        if today is None:
            return
        due = due_end(today.settings, now)
        if due is not None and due != self._ending:
            self._ending = due  # once: the next minute's check sees it saved
            self.dash.submit(ops.EndExperiment(due[0], due[1], stopped_early=False), Mode.QUIET)

    def show_result(self, outcome: Outcome) -> None:
        """An experiment or pause that just ended (by a key, or by itself): its result."""
        from ...tried import result_sentence  # see end_if_due

        done = getattr(outcome.inverse, "done", None)
        if isinstance(outcome.op, ops.EndExperiment) and done is not None:
            self.dash.notify(result_sentence(done), title="How it went", timeout=30)
