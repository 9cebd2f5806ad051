"""The dashboard's keys that open a form or another screen, and what their answers save.

Each screen here is opened by a key and loaded on its first press: loading
them all with the dashboard would cost the first frame about 120 ms
(measured with ``python -X importtime``: the report 68, the experiment form
15, the day forms 11, habits 9, the twitch form 9, settings 8 ms).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from textual.screen import Screen

from ... import ops
from ...machine import DEVICE_VAR
from ...model import DayLog, Habit, Medicine, SelfCheck, Settings, Twitch, day_end, diary_day
from ...session import Mode, at_noon, bedtime_night
from ...store import StoreError
from .protocol import Dashboard

DayValues = dict[str, object]


class FormKeys:
    """Each key pushes a screen and submits its answer."""

    def __init__(self, dash: Dashboard) -> None:
        self.dash = dash

    @property
    def on_past_day(self) -> bool:
        today = self.dash.today
        return today is not None and today.shown_day != today.day

    def _shown_log(self) -> DayLog:
        today = self.dash.today
        return today.shown_log if today is not None else DayLog(self.dash.checklist.day)

    # ------------------------------------------------------------ twitches

    def details(self) -> None:
        """d: a twitch with every detail (on a past day: at noon of that day)."""
        from ..twitch_form import TwitchForm

        def save(twitch: Twitch | None) -> None:
            if twitch is not None:
                self.dash.submit(ops.LogTwitch(twitch))

        dash, past = self.dash, self.on_past_day
        base = dash.session.new_twitch(dash.today)
        if past and dash.today is not None:
            base = at_noon(base, dash.today.shown_day)  # "now" is not on that day
        dash.app.push_screen(TwitchForm(base, dash.session.store.now, past_day=past), save)

    def edit_twitch(self, old: Twitch) -> None:
        from ..twitch_form import TwitchForm

        def save(new: Twitch | None) -> None:
            if new is not None and new != old:
                self.dash.submit(ops.EditTwitch(old, new))

        form = TwitchForm(old, self.dash.session.store.now, editing=True)
        self.dash.app.push_screen(form, save)

    # ------------------------------------------------------------ one day's log

    def _form(
        self,
        screen: Callable[[DayLog], Screen[DayValues | None]],
        label: str | Callable[[DayValues], str],
        log: DayLog | None = None,
    ) -> None:
        log = log or self._shown_log()
        day = log.day

        def save(values: DayValues | None) -> None:
            if not values:
                return
            said = label(values) if callable(label) else label
            # As the day is now (a shell or another machine may have changed
            # it while the form was open), not as it was when the form opened.
            now = self._day_log(day) or log
            if all(getattr(now, key, object()) == value for key, value in values.items()):
                # Saved as it was: no write, and no undo of a change never made.
                self.dash.app.notify(f"Nothing changed: the {said} is as it was.")
                return
            self.dash.submit(ops.SetDayFields(day, values, label=said))

        self.dash.app.push_screen(screen(log), save)

    def _day_log(self, day: date) -> DayLog | None:
        """The log of ``day`` as the dashboard last read it (the day shown, or last night)."""
        today = self.dash.today
        if today is None:
            return None
        if today.shown_day == day:
            return today.shown_log
        night = today.last_night
        return night if night is not None and night.day == day else None

    def bedtime(self) -> None:
        """b: last night's bedtime before noon, tonight's after (as ``twitchtui bed``)."""
        from ..bedtime import BedtimeForm

        today = self.dash.today
        if today is None:
            return
        now = self.dash.session.store.now
        night = bedtime_night(now(), today.settings.day_start_hour, today.shown_day)
        log = self._day_log(night) or DayLog(night)
        earlier = log.bedtime

        def label(values: DayValues) -> str:
            said = f"bedtime for the night of {night:%a %d %b}"
            if earlier is not None and values.get("bedtime") is None:
                said += f" ({earlier:%H:%M} taken off)"
            elif earlier is not None and values.get("bedtime") != earlier:
                said += f" (replaces {earlier:%H:%M})"
            return said

        def form(log: DayLog) -> BedtimeForm:
            return BedtimeForm(log, now, aim=f"{today.settings.target_bedtime:%H:%M}")

        self._form(form, label, log)

    def checkin(self) -> None:
        """i: stress, sleep and what was eaten."""
        from ..day_forms import CheckInForm

        self._form(CheckInForm, "daily check-in")

    def selfcheck(self) -> None:
        """k: the weakness self-check for the day shown."""
        from ..day_forms import SelfCheckForm

        dash = self.dash
        log = self._shown_log()
        day = log.day
        # An answer still waiting to be saved (the disk held it back) is
        # shown as recorded earlier, and can be said to have passed.
        for check in (dash.answers.logs().get(day) or log).checks:
            log = log.with_check(check)
        start = (dash.today.settings if dash.today else Settings()).day_start_hour
        store = dash.session.store
        past = dash.today is not None and day < dash.today.day

        def moment() -> datetime:
            # An answer about a past day has no time: it counts from that day's end.
            return day_end(day, start) if past else store.now()

        # Counted quietly (never undone): the report shows how often per day.
        dash.submit(ops.CountSelfCheck(day), Mode.QUIET)

        def save(check: SelfCheck | None) -> None:
            if check is not None:
                if past:  # told now, about a day gone: as the shell's --day saves it
                    check = replace(check, saved=store.now())
                # Filed under the day of its moment: a form opened before
                # midnight (or the day-start hour) and saved after is the new day's.
                on = day if past else diary_day(check.at, start)
                dash.submit(ops.AddSelfCheck(on, check))  # counted from now (answers)
                self._self_checked(check)

        again = log.self_checks >= 1 or bool(log.checks)
        form = SelfCheckForm(log, dash.who, moment, again=again, urgent_open=bool(dash.urgent))
        dash.app.push_screen(form, save)

    def _self_checked(self, check: SelfCheck) -> None:
        """The moment an urgent answer is saved, say what to do, on top of everything."""
        # The rules load after the first frame (see rebuilds.py).
        from ...redflags import EMERGENCY, SAME_DAY, answers
        from ..urgent import UrgentScreen

        dash = self.dash
        start = dash.today.settings.day_start_hour if dash.today else 0
        finding = dash.urgent_finding()  # with this answer and any not saved yet
        dash.show_urgent(finding)
        urgent_now = any(
            a.check.id == check.id and a.tier in (EMERGENCY, SAME_DAY)
            for a in answers(dash.answers.logs(), dash.session.store.now(), start)
        )
        if finding is not None and urgent_now:
            dash.app.push_screen(UrgentScreen(finding, dash.who))

    # ------------------------------------------------------------ lists and settings

    def habits(self) -> None:
        """h: tick one of your own habits, or add one."""
        from ..habits import HabitsScreen

        today = self.dash.today
        if today is None:
            return
        settings = today.settings

        def chosen(answer: tuple[str, object] | None) -> None:
            if answer is None:
                return
            kind, value = answer
            if kind == "add" and isinstance(value, Habit):
                label = f"habit {value.name!r} added"
                habits = settings.with_habit(value).habits
                self.dash.submit(ops.SaveSettings({"habits": habits}, label=label))
            elif kind != "add":
                self.dash.checklist.tick_habit(str(value))

        self.dash.app.push_screen(HabitsScreen(settings, today.shown_log), chosen)

    def medicines(self) -> None:
        """m: the medicine list, for the red flags and the report."""
        from ..medicines import MedicinesForm

        today = self.dash.today
        if today is None:
            return
        current = today.settings.medicines

        def save(medicines: tuple[Medicine, ...] | None) -> None:
            if medicines is not None and medicines != current:
                self.dash.submit(ops.SaveSettings({"medicines": medicines}, label="medicine list"))

        self.dash.app.push_screen(MedicinesForm(current, today.day), save)

    def settings(self) -> None:
        """o: the settings form."""
        from ..settings import SettingsForm

        today = self.dash.today
        if today is None:
            return

        store = self.dash.session.store
        themes = sorted(self.dash.app.available_themes)
        form = SettingsForm(
            today.settings, themes, store.device, fixed=bool(os.environ.get(DEVICE_VAR))
        )

        def save(changed: Settings | None) -> None:
            now = self.dash.today  # the settings as they are when the form closes
            if changed is not None and now is not None and changed != now.settings:
                self.dash.submit(ops.SaveSettings.diff(now.settings, changed))
            if changed is not None and form.device != store.device:
                self._rename_device(form.device)

        self.dash.app.push_screen(form, save)

    def _rename_device(self, new: str) -> None:
        """This machine's files take its new name (off the event loop: it renames files)."""
        app, session = self.dash.app, self.dash.session

        def rename() -> None:
            try:
                session.write(lambda store: store.rename_device(new))
            except StoreError as exc:
                app.call_from_thread(self.dash.notify, str(exc), severity="error", timeout=15)
                return
            app.call_from_thread(
                self.dash.notify, f"This machine's diary files are now named for {new}."
            )

        app.run_worker(rename, thread=True, group="rename", exclusive=True)

    # ------------------------------------------------------------ other screens

    def report(self) -> None:
        """r: the doctor's report."""
        from ..report import ReportScreen

        self.dash.app.push_screen(ReportScreen(self.dash.session))

    def calendar(self) -> None:
        """g: the month heatmap; Enter there shows that day on the dashboard."""
        from ..calendar import CalendarScreen

        today = self.dash.today
        if today is None:
            return

        def chosen(day: date | None) -> None:
            if day is not None:
                self.dash.show_day(None if day >= today.day else day)

        screen = CalendarScreen(self.dash.session, today.shown_day, today.day)
        self.dash.app.push_screen(screen, chosen)
