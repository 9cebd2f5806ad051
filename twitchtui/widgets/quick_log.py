"""Quick-log pane: today's count, the last twitch, a 24-hour sparkline, today's entries.

All of it is in the first frame: the entries table is what a person looks
for on opening the dashboard, so the screen is not complete without it (its
module costs about 6 ms of start-up; mounted just after the first frame, the
table came a few hundred ms later in a terminal, behind the other panes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive, var
from textual.widget import Widget
from textual.widgets import DataTable, Sparkline, Static

from ..humanize import ago, given, plural
from ..model import Twitch
from ..views import Today

if TYPE_CHECKING:
    from .relief_bar import ReliefView


class QuickLogPane(Vertical):
    """Shows what was logged today; asks the screen to edit or delete an entry."""

    BORDER_TITLE = "Quick log"
    BINDINGS = [
        Binding("enter", "edit", "Edit entry", tooltip="in the day's list", id="edit-entry"),
        Binding(
            "delete,x",
            "delete",
            "Delete entry",
            key_display="x",
            tooltip="delete the selected twitch, in the day's list",
            id="delete-entry",
        ),
    ]

    today: reactive[Today | None] = reactive(None)
    now: var[datetime | None] = var(None)
    """The minute: only the lines that say "ago" follow it (no repaint of the pane)."""
    pending: reactive[int] = reactive(0)
    relief: var[ReliefView | None] = var(None)
    """A warm compress running (shown under the summary line)."""
    next_site: var[tuple[str, str] | None] = var(None)
    """Where the next t logs: the site and side of the twitch logged last,
    however it was made, or the settings' default."""

    @dataclass
    class EditRequested(Message):
        twitch: Twitch

    @dataclass
    class DeleteRequested(Message):
        twitch: Twitch

    def watch_relief(self, view: ReliefView | None) -> None:
        if view is None and not self.query("#relief-bar"):
            return  # no compress yet: the bar's code loads with the first one
        from .relief_bar import show_relief  # about 2 ms; test_import_hygiene

        show_relief(self, view, bar_id="relief-bar", after="#summary")

    def compose(self) -> ComposeResult:
        yield Static("Opening the diary…", id="summary")
        yield Sparkline([0] * 24, id="hours")
        yield Static("", id="hours-caption")
        yield from self.body()

    def body(self) -> Iterable[Widget]:
        table: DataTable[Text] = DataTable(id="entries", cursor_type="row", zebra_stripes=True)
        # Plain Text, never markup: a note may hold "[" or ":word:", and the
        # labels then need no markup parser (nor Rich's emoji table).
        table.add_columns(*map(Text, ("Time", "Site", "Side", "Int", "Secs", "Triggers / note")))
        table.border_title = "Today"
        yield table

    def watch_today(self, old: Today | None, today: Today | None) -> None:
        if today is None:
            return
        self.query_one("#hours", Sparkline).data = list(today.shown_hourly)
        self.query_one("#hours-caption", Static).update(today.shown_caption)
        self._show_entries(old, today)
        self._summarise()

    def _table(self) -> DataTable[Text]:
        return self.query_one("#entries")  # type: ignore[return-value]

    def _show_entries(self, old: Today | None, today: Today | None) -> None:
        if today is None:
            return
        # A glass of water or a coffee changes the day but not its twitches:
        # rebuilding the table then would only cost time on every such key.
        table = self._table()
        shown = today.shown_twitches
        if old is None or old.shown_twitches != shown or table.row_count != len(shown):
            self._fill_table(shown)
        table.border_title = (
            "Today" if today.shown_day == today.day else f"{today.shown_day:%a %d %b}"
        )

    def watch_now(self) -> None:
        self._summarise()

    def watch_pending(self) -> None:
        self._summarise()

    def watch_next_site(self) -> None:
        self._summarise()

    def _summarise(self) -> None:
        today, now = self.today, self.now
        if today is None or now is None:
            return
        if today.shown_day != today.day:
            count = plural(len(today.shown_twitches), "twitch")
            lines = [
                f"[b]{count}[/b] on {today.shown_day:%a %d %b}",
                "[b]t[/b] or [b]d[/b] logs one on this day; [b]][/b] goes back to today",
            ]
            self.query_one("#summary", Static).update("\n".join(lines))
            return
        count = f"[b]{plural(len(today.twitches), 'twitch')}[/b] today"
        last = today.last
        if last is None:
            lines = [count, "Nothing logged yet. Press [b]t[/b] when a twitch comes."]
        else:
            lines = [f"{count} · last {ago(last.at, now)} ({last.site}, {last.side})"]
            site, side = self.next_site or (last.site, last.side)
            lines.append(today.free_since or f"Next [b]t[/b] logs: {site}, {side}")
        if self.pending:
            lines.append(f"[$warning]{plural(self.pending, 'entry', 'entries')} waiting to save[/]")
        summary = self.query_one("#summary", Static)
        text = "\n".join(lines)
        if summary.content != text:  # "2 h ago" stays for an hour: no redraw every minute
            summary.update(text)

    def _fill_table(self, twitches: tuple[Twitch, ...]) -> None:
        table = self._table()
        row = table.cursor_row
        table.clear()
        for t in reversed(twitches):
            extra = ", ".join(t.triggers)
            if t.note:
                extra = f"{extra} · {t.note}" if extra else t.note
            strength, length = given(t.intensity), given(t.duration_s)
            cells = (f"{t.at:%H:%M}", t.site, t.side, strength, length, extra)
            table.add_row(*map(Text, cells), key=t.id)
        if twitches:
            table.move_cursor(row=min(row, len(twitches) - 1))

    def _selected(self) -> Twitch | None:
        if self.today is None:
            return None
        table = self._table()
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((t for t in self.today.shown_twitches if t.id == key), None)

    def on_data_table_row_selected(self) -> None:  # Enter on a row of the entries table
        self.action_edit()

    def action_edit(self) -> None:
        twitch = self._selected()
        if twitch is not None:
            self.post_message(self.EditRequested(twitch))
        else:
            self._nothing_listed("edit")

    def action_delete(self) -> None:
        twitch = self._selected()
        if twitch is not None:
            self.post_message(self.DeleteRequested(twitch))
        else:
            self._nothing_listed("delete")

    def _nothing_listed(self, what: str) -> None:
        """A list key with no entry under it says why it did nothing."""
        if self.today is not None:
            self.notify(f"No twitch is listed for this day, so there is nothing to {what}.")
