"""The dashboard's keys that open a form or another screen, and what their answers save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ... import ops
from ...model import DayLog, Settings, Twitch
from ...session import Mode, at_noon, bedtime_night


class FormActions:
    """Mixed into ``DashboardScreen``: each action pushes a screen and submits its answer."""

    # ------------------------------------------------------------ twitches

    def action_details(self) -> None:
        from ..twitch_form import TwitchForm

        def save(twitch: Twitch | None) -> None:
            if twitch is not None:
                self.submit(ops.LogTwitch(twitch))

        base = self.session.new_twitch(self.today)
        if self.on_past_day and self.today is not None:
            base = at_noon(base, self.today.shown_day)  # "now" is not on that day
        self.app.push_screen(TwitchForm(base, self.store.now, past_day=self.on_past_day), save)

    def edit_twitch_form(self, old: Twitch) -> None:
        from ..twitch_form import TwitchForm

        def save(new: Twitch | None) -> None:
            if new is not None and new != old:
                self.submit(ops.EditTwitch(old, new))

        self.app.push_screen(TwitchForm(old, self.store.now, editing=True), save)

    # ------------------------------------------------------------ one day's log

    def _form(
        self, screen, label: str | Callable[[dict], str], log: DayLog | None = None, after=None
    ) -> None:
        if log is None:
            log = self.today.shown_log if self.today else DayLog(self.checklist_day)
        day = log.day

        def save(values: dict | None) -> None:
            if values:
                said = label(values) if callable(label) else label
                self.submit(ops.SetDayFields(day, values, label=said))
                if after is not None:
                    after(values)

        self.app.push_screen(screen(log), save)

    def action_bedtime(self) -> None:
        """Last night's bedtime before noon, tonight's after (as ``twitchtui bed``)."""
        from ..bedtime import BedtimeForm

        today = self.today
        if today is None:
            return
        night = bedtime_night(self.store.now(), today.settings.day_start_hour, today.shown_day)
        log = today.shown_log if night == today.shown_day else today.last_night or DayLog(night)
        earlier = log.bedtime

        def label(values: dict) -> str:
            said = f"bedtime for the night of {night:%a %d %b}"
            if earlier is not None and values.get("bedtime") != earlier:
                said += f" (replaces {earlier:%H:%M})"
            return said

        def form(log: DayLog) -> BedtimeForm:
            return BedtimeForm(log, self.store.now)

        self._form(form, label, log)

    def action_checkin(self) -> None:
        from ..day_forms import CheckInForm

        self._form(CheckInForm, "daily check-in")

    def action_selfcheck(self) -> None:
        from ...model import day_end
        from ..day_forms import SelfCheckForm

        log = self.today.shown_log if self.today else DayLog(self.checklist_day)
        day, start = log.day, (self.today.settings if self.today else Settings()).day_start_hour
        store = self.store
        past = self.today is not None and day < self.today.day

        def moment():
            # An answer about a past day has no time: it counts from that day's end.
            return day_end(day, start) if past else store.now()

        # Counted quietly (never undone): the report shows how often per day.
        self.submit(ops.CountSelfCheck(day), Mode.QUIET)

        def save(check) -> None:
            if check is not None:
                self.submit(ops.AddSelfCheck(day, check))
                self._self_checked(day, check)

        form = SelfCheckForm(
            log, self.who, moment, again=log.self_checks >= 1, urgent_open=bool(self.urgent)
        )
        self.app.push_screen(form, save)

    def _self_checked(self, day: date, check) -> None:
        """The moment an urgent answer is saved, say what to do, on top of everything."""
        from ...redflags import EMERGENCY, SAME_DAY, answers, open_urgent
        from ..urgent import UrgentScreen

        logs = {log.day: log for log in self._check_logs or ()}
        logs[day] = (logs.get(day) or DayLog(day)).with_check(check)
        start = self.today.settings.day_start_hour if self.today else 0
        now = self.store.now()
        finding = open_urgent(logs, now, start, self.who)
        self._show_urgent(finding)
        urgent_now = any(
            a.check.id == check.id and a.tier in (EMERGENCY, SAME_DAY)
            for a in answers(logs, now, start)
        )
        if finding is not None and urgent_now:
            self.app.push_screen(UrgentScreen(finding, self.who))

    # ------------------------------------------------------------ lists and settings

    def action_habits(self) -> None:
        from ..habits import HabitsScreen

        if self.today is None:
            return
        settings = self.today.settings

        def chosen(answer: tuple[str, object] | None) -> None:
            if answer is None:
                return
            kind, value = answer
            if kind == "add":
                label = f"habit {value.name!r} added"  # type: ignore[attr-defined]
                habits = settings.with_habit(value).habits  # type: ignore[arg-type]
                self.submit(ops.SaveSettings({"habits": habits}, label=label))
            else:
                self.tick_habit(str(value))

        self.app.push_screen(HabitsScreen(settings, self.today.shown_log), chosen)

    def action_medicines(self) -> None:
        from ..medicines import MedicinesForm

        if self.today is None:
            return
        current = self.today.settings.medicines

        def save(medicines) -> None:
            if medicines is not None and medicines != current:
                self.submit(ops.SaveSettings({"medicines": medicines}, label="medicine list"))

        self.app.push_screen(MedicinesForm(current, self.today.day), save)

    def action_settings(self) -> None:
        from ..settings import SettingsForm

        if self.today is None:
            return

        def save(changed: Settings | None) -> None:
            if changed is not None and changed != self.today.settings:
                self.submit(ops.SaveSettings.diff(self.today.settings, changed))

        themes = sorted(self.app.available_themes)
        self.app.push_screen(SettingsForm(self.today.settings, themes), save)

    # ------------------------------------------------------------ other screens

    def action_report(self) -> None:
        from ..report import ReportScreen

        screen = ReportScreen(self.store, turns=self.session.turns, on_damaged=self._report_damaged)
        self.app.push_screen(screen)

    def action_calendar(self) -> None:
        """The month heatmap; Enter there shows that day on the dashboard."""
        from ..calendar import CalendarScreen

        if self.today is None:
            return
        today = self.today.day

        def chosen(day: date | None) -> None:
            if day is not None:
                self.shown_day = None if day >= today else day

        screen = CalendarScreen(
            self.store,
            self.today.shown_day,
            today,
            turns=self.session.turns,
            on_damaged=self._report_damaged,
        )
        self.app.push_screen(screen, chosen)
