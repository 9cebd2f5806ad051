"""Undoable records of what was tried: relief sessions, experiments (and the
stimulant pause)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ..model import PAUSE, Conflict, DayLog, Experiment, Relief, Settings
from ..store import Store

# ---------------------------------------------------------------- relief sessions


@dataclass(frozen=True)
class AddRelief:
    """Keep one warm compress or face relaxation in the day it began."""

    day: date
    relief: Relief
    label: str = "relief session"

    def apply(self, store: Store) -> RemoveRelief:
        session = self.relief.validated()
        store.update_day(self.day, lambda log: replace(log, relief=(*log.relief, session)))
        return RemoveRelief(self.day, session, label=self.label)


@dataclass(frozen=True)
class RemoveRelief:
    day: date
    relief: Relief
    label: str = "relief session removed"

    def apply(self, store: Store) -> AddRelief:
        def change(log: DayLog) -> DayLog:
            if self.relief not in log.relief:
                raise Conflict(f"that {self.relief.label} is no longer in the diary")
            kept = list(log.relief)
            kept.remove(self.relief)
            return replace(log, relief=tuple(kept))

        store.update_day(self.day, change)
        return AddRelief(self.day, self.relief, label=self.label)


# ---------------------------------------------------------------- experiments


def _one_at_a_time(settings: Settings) -> None:
    if settings.experiment is not None:
        raise Conflict(f"“{settings.experiment.title}” is running; stop it first")
    if settings.pause_started is not None:
        raise Conflict("a stimulant pause is running; stop it first (p)")


@dataclass(frozen=True)
class StartExperiment:
    """Start an experiment, or (``experiment.name == PAUSE``) the stimulant
    pause. One runs at a time."""

    experiment: Experiment
    label: str = "experiment started"

    def apply(self, store: Store) -> CancelExperiment:
        new = self.experiment.validated()

        def change(settings: Settings) -> Settings:
            _one_at_a_time(settings)
            return _set_running(settings, new.name, new)

        store.update_settings(change)
        return CancelExperiment(new, label=self.label)


def _running(settings: Settings, name: str) -> Experiment | None:
    """The experiment of this kind running now: the pause (kept in the settings
    as when it began) when ``name`` is PAUSE, else the one experiment."""
    if name == PAUSE:
        started = settings.pause_started
        return None if started is None else Experiment(PAUSE, started, 2)
    return settings.experiment


def _set_running(settings: Settings, name: str, experiment: Experiment | None) -> Settings:
    """``settings`` with the running experiment of this kind set (None: cleared)."""
    if name == PAUSE:
        return replace(settings, pause_started=experiment.started if experiment else None)
    return replace(settings, experiment=experiment)


@dataclass(frozen=True)
class CancelExperiment:
    """Take back a start: the experiment goes as if never begun (undo)."""

    experiment: Experiment
    label: str = "experiment cancelled"

    def apply(self, store: Store) -> StartExperiment:
        def change(settings: Settings) -> Settings:
            if _running(settings, self.experiment.name) != self.experiment:
                raise Conflict("that experiment is no longer the one running")
            return _set_running(settings, self.experiment.name, None)

        store.update_settings(change)
        return StartExperiment(self.experiment, label=self.label)


@dataclass(frozen=True)
class EndExperiment:
    """End the running experiment (or pause) of this ``name`` at ``at``: its
    before/during result is worked out from the diary now and kept with it."""

    name: str
    at: datetime
    stopped_early: bool
    label: str = "experiment ended"

    def apply(self, store: Store) -> ReopenExperiment:
        from ..tried import finish  # the comparison is needed only here
        from ..views import trial_window  # the comparison's reads, needed only here

        settings = store.settings()
        running = _running(settings, self.name)
        if running is None:
            raise Conflict("no such experiment is running now")
        twitches, logs = trial_window(store, running, self.at)
        done = finish(running, self.at, twitches, logs, settings, stopped_early=self.stopped_early)

        def change(current: Settings) -> Settings:
            if _running(current, self.name) != running:
                raise Conflict("that experiment changed elsewhere since")
            kept = replace(current, tried=(*current.tried, done))
            return _set_running(kept, self.name, None)

        store.update_settings(change)
        return ReopenExperiment(done, label=self.label)


@dataclass(frozen=True)
class ReopenExperiment:
    """Undo an end: the kept result goes, and the experiment runs again."""

    done: Experiment
    label: str = "experiment reopened"

    def apply(self, store: Store) -> EndExperiment:
        ended = self.done.ended
        if ended is None:
            raise Conflict("that experiment has not ended")

        def change(settings: Settings) -> Settings:
            if self.done not in settings.tried:
                raise Conflict("that result is no longer in the diary")
            _one_at_a_time(settings)
            tried = tuple(e for e in settings.tried if e != self.done)
            again = replace(self.done, ended=None, stopped_early=False, result=None)
            return _set_running(replace(settings, tried=tried), again.name, again)

        store.update_settings(change)
        return EndExperiment(self.done.name, ended, self.done.stopped_early, label=self.label)
