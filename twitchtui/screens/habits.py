"""Your own habits: tick one with its number, or add a new one.

Dismisses with ``("tick", name)``, ``("add", Habit)`` or None.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from ..model import DayLog, Habit, InvalidEntry, Settings
from .form import FormCheckbox, FormScreen


class HabitsScreen(ModalScreen[tuple[str, object] | None]):
    """The list of the person's habits for the day shown; 1-9 tick one."""

    BINDINGS = [
        *(
            Binding(str(n), f"tick({n})", f"Tick habit {n}", show=False, id=f"habit-{n}")
            for n in range(1, 10)
        ),
        Binding("a", "add", "Add a habit", id="habit-add"),
        Binding("escape,h", "dismiss(None)", "Close", id="habit-close"),
    ]

    def __init__(self, settings: Settings, log: DayLog) -> None:
        super().__init__()
        self.settings = settings
        self.day_log = log

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form", id="habits"):
            yield Static(f"[b]Your habits, {self.day_log.day:%a %d %b}[/b]", classes="form-title")
            lines = []
            for number, habit in enumerate(self.settings.habits[:9], 1):
                done = self.day_log.habit_count(habit.name)
                mark = "[$success]✔[/]" if done >= habit.target else "·"
                count = "" if habit.target == 1 else f"  {done}/{habit.target}"
                scored = "  [dim](in the score)[/]" if habit.in_score else ""
                lines.append(
                    Content.from_markup(
                        f"[b]$n[/b]  {mark} $name$count{scored}",
                        n=str(number),
                        name=habit.name,
                        count=count,
                    )
                )
            if not lines:
                lines.append(Content("No habits of your own yet. Press a to add one."))
            yield Static(Content("\n").join(lines), id="habit-list")
            yield Static(
                "[dim]1-9 ticks a habit (again: one more, or off for a yes/no habit) · "
                "a adds one · Esc closes (then u undoes a tick)[/]",
                classes="form-hint",
            )

    def action_tick(self, number: int) -> None:
        if number <= len(self.settings.habits):
            self.dismiss(("tick", self.settings.habits[number - 1].name))

    def action_add(self) -> None:
        def added(habit: Habit | None) -> None:
            if habit is not None:
                self.dismiss(("add", habit))

        self.app.push_screen(HabitForm(self.settings), added)


class HabitForm(FormScreen[Habit]):
    TITLE = "Add a habit of your own"

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def fields(self) -> Iterable[Widget]:
        yield from self.field(
            "Name (e.g. stretch jaw, magnesium, walk)", Input(id="habit-name"), "habit"
        )
        yield from self.field(
            "Times a day (1 for a yes/no habit)", Input("1", id="habit-target"), "target"
        )
        yield FormCheckbox("Count it in the checklist score", False, id="habit-score")

    def collect(self) -> tuple[Habit | None, dict[str, str]]:
        name = self.query_one("#habit-name", Input).value
        target = self.query_one("#habit-target", Input).value.strip()
        in_score = self.query_one("#habit-score", FormCheckbox).value
        try:
            habit = Habit(name, int(target) if target.isdigit() else -1, in_score).validated()
            self.settings.with_habit(habit)
        except InvalidEntry as exc:
            return None, {exc.field: exc.message}
        return habit, {}
