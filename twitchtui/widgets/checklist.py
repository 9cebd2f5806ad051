"""Checklist pane: the source articles' daily list, for today or a past day,
and its keys (the screen's bindings hand each press to the pane): every
press is one undoable edit to the day shown."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static

from .. import checklist, ops
from ..humanize import plural
from ..model import diary_day
from ..session import Mode, Session
from ..views import Today
from .quiet_bar import QuietBar

if TYPE_CHECKING:
    from ..redflags import Finding  # the rules load after the first frame


class WaterBar(QuietBar):
    """The day's water: a bar that redraws only when a glass is added."""


def _mark(done: bool, warning: str = "") -> str:
    if warning:
        return "[$warning]![/]"
    return "[$success]✔[/]" if done else "[$text-muted]·[/]"


class ChecklistPane(Vertical):
    """Water, coffee, snack, early night, check-in and self-check for one day."""

    BORDER_TITLE = "Checklist"

    today: reactive[Today | None] = reactive(None)
    findings: reactive[tuple[Finding, ...] | None] = reactive(None)
    """The red flags' findings: the self-check line points there when they hold one."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static("", id="checklist-day")
        with Horizontal(id="water-row"):
            yield Static("Water", id="water-label")
            yield WaterBar(total=2000, show_eta=False, id="water-bar")
        yield Static("", id="checklist-items")
        yield Static("", id="checkin")

    def watch_findings(self) -> None:
        if self.today is not None and self.is_mounted:
            self.query_one("#checkin", Static).update(self._checkin(self.today))

    def watch_today(self, today: Today | None) -> None:
        if today is None:
            return
        log, settings = today.shown_log, today.settings
        past = today.shown_day < today.day
        items = checklist.all_items(log, settings, past=past)
        done, total = checklist.tally(items)
        answered = checklist.answered(items)
        when = "[ earlier" if today.shown_day == today.day else "[ earlier · ] later"
        self.query_one("#checklist-day", Static).update(
            Content.from_markup(
                "[b]$day[/b]  $score done · $answered answered  [dim]($when)[/]",
                day=f"{today.shown_day:%a %d %b}",
                score=f"{done}/{total}",
                answered=str(answered),
                when=when,
            )
        )
        self.border_subtitle = f"{done}/{total}"
        bar = self.query_one("#water-bar", ProgressBar)
        bar.update(total=settings.water_target_ml, progress=min(log.water_ml, bar.total or 0))
        lines = []
        for item in items:
            if item.key.startswith("habit:") and item is items[4]:
                lines.append(Content.from_markup("[dim]Your own (h ticks):[/]"))
            text = Content.from_markup(
                "$mark [b]$label[/b]  $detail", mark="", label=item.label, detail=item.detail
            )
            mark = Content.from_markup(_mark(item.done, item.warning))
            lines.append(mark + text)
            if item.warning:
                lines.append(Content.from_markup("    [$warning]$w[/]", w=item.warning))
            pause = today.pause
            if item.key == "coffee" and pause is not None and self._pause_covers(today):
                style = "$warning" if pause.broken_by else "$text-muted"
                lines.append(Content.from_markup(f"    [{style}]$p[/]", p=pause.text))
        if (trial := self._experiment_line(today)) is not None:
            lines.append(trial)
        self.query_one("#checklist-items", Static).update(Content("\n").join(lines))
        self.query_one("#checkin", Static).update(self._checkin(today))

    @staticmethod
    def _experiment_line(today: Today) -> Content | None:
        """ "Experiment: … day k of N" on the days the running experiment covers."""
        running = today.settings.experiment
        if running is None:
            return None
        day = running.day_number(today.shown_day, today.settings.day_start_hour)
        if not 1 <= day <= running.days:
            return None
        return Content.from_markup(
            "[$accent]◆[/] [b]Experiment[/b]  $name · day $k of $n [dim](y)[/]",
            name=running.name,
            k=str(day),
            n=str(running.days),
        )

    @staticmethod
    def _pause_covers(today: Today) -> bool:
        """A stimulant pause shows on the days it runs, not on days before it began."""
        pause = today.pause
        return pause is not None and (
            diary_day(pause.started, today.settings.day_start_hour) <= today.shown_day
        )

    def _checkin(self, today: Today) -> Content:
        log = today.shown_log
        parts = []
        parts.append(f"stress {log.stress}/5" if log.stress else "stress ?")
        parts.append(f"slept {log.sleep_h:g} h" if log.sleep_h is not None else "sleep ?")
        parts.append(f"ate: {log.food}" if log.food else "food ?")
        flagged = list(log.symptoms)
        if not log.self_checked:
            check = "self-check: not done (k)"
        elif flagged:
            # "See Red flags" only when they show something: a sign noted once
            # (a pulling feeling) is no finding yet.
            shown = any(f.id != "unread" for f in self.findings or ())
            where = "see Red flags" if shown else "kept for the report"
            check = f"self-check: {plural(len(flagged), 'sign')} noted, {where}"
        else:
            check = "self-check: done, nothing noted"
        return Content.from_markup(
            "[b]Check-in[/b] $parts\n$check", parts=" · ".join(parts), check=check
        )

    # ------------------------------------------------------------ keys

    @property
    def day(self) -> date:
        """The day the keys edit: the day shown."""
        if self.today is None:
            return diary_day(self.session.store.now())
        return self.today.shown_day

    def water(self, glasses: int) -> None:
        """w and W: a glass more, or one less."""
        glass = self.today.settings.glass_ml if self.today else 250
        delta = glass * glasses
        label = f"{'+' if delta > 0 else '−'}{abs(delta)} ml water"
        self.session.submit(ops.AddWater(self.day, delta, label=label))

    def electrolytes(self) -> None:
        """e: tick electrolytes in the water (again unticks it)."""
        self.session.submit(
            ops.SetDayFields(self.day, {}, toggle="electrolytes", label="electrolytes ticked")
        )

    def snack(self) -> None:
        """s: pick the food eaten (a snack already ticked is unticked)."""
        # A screen opened by a key: it loads on the first press (about 1 ms).
        from ..screens.snack import SnackScreen

        log = self.today.shown_log if self.today else None
        day = self.day
        if log is not None and log.snack:
            self.session.submit(
                ops.SetDayFields(day, {"snack": False, "snack_food": ""}, label="snack unticked")
            )
            return

        def chosen(food: str | None) -> None:
            if food is not None:
                values: dict[str, object] = {"snack": True, "snack_food": food}
                self.session.submit(ops.SetDayFields(day, values, label=f"snack: {food}"))

        self.app.push_screen(SnackScreen(), chosen)

    def coffee(self) -> None:
        """c: a cup now (on a past day: at this time of that day)."""
        now = self.session.store.now()
        day = self.day
        today = self.today.day if self.today else day
        at = now if day == today else datetime.combine(day, now.timetz())
        self.session.submit(ops.AddCoffee(day, at, label=f"coffee at {at:%H:%M}"))

    def no_coffee(self) -> None:
        """0: tick "no coffee today" (again unticks it), so the coffee item is
        answered; with a cup recorded, there is nothing to tick."""
        log = self.today.shown_log if self.today else None
        if log is not None and log.coffees and not log.no_coffee:
            self.notify(
                "A cup is recorded for this day, so it was not a day without coffee "
                "(C takes the cup off)."
            )
            return
        label = "no coffee unticked" if log is not None and log.no_coffee else "no coffee today"
        self.session.submit(ops.SetDayFields(self.day, {}, toggle="no_coffee", label=label))

    def coffee_remove(self) -> None:
        """C: take the last cup off."""
        self.session.submit(ops.RemoveCoffee(self.day, label="last coffee removed"))

    def quiet(self) -> None:
        """z: reminders off until tomorrow, or back on."""
        if self.today is None:
            return
        settings = self.today.settings
        quiet = settings.quiet_until is not None and settings.quiet_until >= self.today.day
        until = None if quiet else self.today.day
        self.session.submit(ops.SaveSettings({"quiet_until": until}), Mode.QUIET)
        self.notify("Reminders are back on." if quiet else "Reminders are quiet until tomorrow.")

    def tick_habit(self, name: str) -> None:
        """One more tick (a yes/no habit already done: its tick comes off)."""
        if self.today is None:
            return
        habit = next((h for h in self.today.settings.habits if h.name == name), None)
        if habit is None:
            return
        done = self.today.shown_log.habit_count(name)
        times = -1 if habit.target == 1 and done else 1
        label = f"{name} {'unticked' if times < 0 else 'ticked'}"
        self.session.submit(ops.AddHabit(self.day, name, times, label=label))
