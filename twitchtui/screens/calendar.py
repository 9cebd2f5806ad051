"""The month calendar: a heatmap of twitches per day with the checklist ticks;
Enter shows the chosen day on the dashboard. Dismisses with that date or None."""

from __future__ import annotations

from datetime import date, timedelta

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..humanize import plural
from ..session import Session
from ..store import StoreError
from ..views import Month, load_month
from ..widgets.calendar import MonthGrid


class CalendarScreen(ModalScreen[date | None]):
    BINDINGS = [
        Binding("left", "move(-1)", "Day before", show=False, id="cal-left"),
        Binding("right", "move(1)", "Day after", show=False, id="cal-right"),
        Binding("up", "move(-7)", "Week before", show=False, id="cal-up"),
        Binding("down", "move(7)", "Week after", show=False, id="cal-down"),
        Binding("pageup,left_square_bracket", "month(-1)", "Month before", id="cal-prev"),
        Binding("pagedown,right_square_bracket", "month(1)", "Month after", id="cal-next"),
        Binding("t", "today", "Today", id="cal-today"),
        Binding("enter", "choose", "Show that day", id="cal-choose"),
        Binding("escape,g", "dismiss(None)", "Close", id="cal-close"),
    ]

    def __init__(
        self,
        session: Session,
        chosen: date,
        today: date,
    ) -> None:
        super().__init__()
        self.session = session
        self.chosen = chosen
        self.today = today
        self._months: dict[tuple[int, int], Month] = {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form", id="calendar"):
            yield Static("", id="cal-title", classes="form-title")
            yield MonthGrid()
            yield Static("", id="cal-day")
            yield Static(
                "[dim]Shade: twitches that day (darker, more) · n/m: checklist done\n"
                "arrows move · [ ] or PgUp/PgDn: month · t: today · "
                "Enter: show that day · Esc closes[/]",
                classes="form-hint",
            )

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        key = (self.chosen.year, self.chosen.month)
        grid = self.query_one(MonthGrid)
        self.query_one("#cal-title", Static).update(f"[b]{self.chosen:%B %Y}[/b]")
        grid.chosen = self.chosen
        month = self._months.get(key)
        grid.month = month
        if month is None:
            self.load(*key)
            return
        done = month.ticks.get(self.chosen)
        checklist = f", checklist {done[0]}/{done[1]}" if done else ", nothing in the checklist"
        count = month.counts.get(self.chosen)
        what = "before the diary began" if count is None else plural(count, "twitch") + checklist
        self.query_one("#cal-day", Static).update(
            Content.from_markup("[b]$d[/b]: $w", d=f"{self.chosen:%a %d %b %Y}", w=what)
        )

    @work(thread=True, group="calendar")
    def load(self, year: int, month: int) -> None:
        try:
            data = self.session.read(lambda store: load_month(store, year, month))
        except StoreError as exc:
            self.app.call_from_thread(self._problem, str(exc))
            return
        self.app.call_from_thread(self._loaded, data)

    def _loaded(self, data: Month) -> None:
        self._months[(data.first.year, data.first.month)] = data
        self._show()

    def _problem(self, why: str) -> None:
        self.query_one("#cal-day", Static).update(
            Content.from_markup("[b $warning]Could not read this month.[/] $w", w=why)
        )

    def _go(self, day: date) -> None:
        self.chosen = min(day, self.today)
        self._show()

    def action_move(self, days: int) -> None:
        self._go(self.chosen + timedelta(days=days))

    def action_month(self, months: int) -> None:
        index = self.chosen.year * 12 + self.chosen.month - 1 + months
        year, month = divmod(index, 12)
        first = date(year, month + 1, 1)
        following = (first + timedelta(days=32)).replace(day=1)
        self._go(min(first.replace(day=min(self.chosen.day, 28)), following - timedelta(days=1)))

    def action_today(self) -> None:
        self._go(self.today)

    def action_choose(self) -> None:
        self.dismiss(self.chosen)
