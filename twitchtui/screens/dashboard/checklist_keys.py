"""The checklist keys: each press is one undoable edit to the day shown."""

from __future__ import annotations

from datetime import date, datetime

from ... import ops
from ...model import diary_day
from ...session import Mode


class ChecklistKeys:
    """Mixed into ``DashboardScreen``."""

    @property
    def checklist_day(self) -> date:
        if self.today is None:
            return diary_day(self.store.now())
        return self.today.shown_day

    def action_water(self, glasses: int) -> None:
        glass = self.today.settings.glass_ml if self.today else 250
        delta = glass * glasses
        label = f"{'+' if delta > 0 else '−'}{abs(delta)} ml water"
        self.submit(ops.AddWater(self.checklist_day, delta, label=label))

    def _toggle(self, name: str, label: str) -> None:
        self.submit(ops.SetDayFields(self.checklist_day, {}, toggle=name, label=label))

    def action_electrolytes(self) -> None:
        self._toggle("electrolytes", "electrolytes ticked")

    def action_snack(self) -> None:
        """s: pick the food eaten (a snack already ticked is unticked)."""
        from ..snack import SnackScreen

        log = self.today.shown_log if self.today else None
        day = self.checklist_day
        if log is not None and log.snack:
            self.submit(
                ops.SetDayFields(day, {"snack": False, "snack_food": ""}, label="snack unticked")
            )
            return

        def chosen(food: str | None) -> None:
            if food is not None:
                values = {"snack": True, "snack_food": food}
                self.submit(ops.SetDayFields(day, values, label=f"snack: {food}"))

        self.app.push_screen(SnackScreen(), chosen)

    def action_coffee(self) -> None:
        now = self.store.now()
        day = self.checklist_day
        today = self.today.day if self.today else day
        at = now if day == today else datetime.combine(day, now.timetz())
        self.submit(ops.AddCoffee(day, at, label=f"coffee at {at:%H:%M}"))

    def action_no_coffee(self) -> None:
        """0: tick "no coffee today" (again unticks it), so the coffee item is
        answered; with a cup recorded, there is nothing to tick."""
        log = self.today.shown_log if self.today else None
        if log is not None and log.coffees and not log.no_coffee:
            self._toast(
                "A cup is recorded for this day, so it was not a day without coffee "
                "(C takes the cup off)."
            )
            return
        label = "no coffee unticked" if log is not None and log.no_coffee else "no coffee today"
        self.submit(ops.SetDayFields(self.checklist_day, {}, toggle="no_coffee", label=label))

    def action_coffee_remove(self) -> None:
        self.submit(ops.RemoveCoffee(self.checklist_day, label="last coffee removed"))

    def action_quiet(self) -> None:
        if self.today is None:
            return
        settings = self.today.settings
        quiet = settings.quiet_until is not None and settings.quiet_until >= self.today.day
        until = None if quiet else self.today.day
        self.submit(ops.SaveSettings({"quiet_until": until}), Mode.QUIET)
        self._toast("Reminders are back on." if quiet else "Reminders are quiet until tomorrow.")

    def tick_habit(self, name: str) -> None:
        """One more tick (a yes/no habit already done: its tick comes off)."""
        if self.today is None:
            return
        habit = next((h for h in self.today.settings.habits if h.name == name), None)
        if habit is None:
            return
        done = self.today.shown_log.habits.get(name, 0)
        times = -1 if habit.target == 1 and done else 1
        label = f"{name} {'unticked' if times < 0 else 'ticked'}"
        self.submit(ops.AddHabit(self.checklist_day, name, times, label=label))
