"""Report preview: the doctor's diary as Markdown, with a key to save it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, MarkdownViewer, Static

from ..humanize import plural
from ..report import ReportInput, to_html, to_markdown
from ..session import Session
from ..store import StoreError, write_private
from ..views import load_report


def default_report_path(today: date) -> Path:
    return Path.home() / f"twitch-diary-{today.isoformat()}.html"


class SavePathScreen(ModalScreen[Path | None]):
    """Ask where to save; .html gives a printable page, anything else Markdown."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save-cancel")]

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Static(classes="form"):
            yield Label("[b]Save the report[/b]  (.html prints well; .md is plain text)")
            yield Input(str(self.suggested), id="report-path")
            yield Static("", id="error-report-path", classes="error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        text = self.query_one("#report-path", Input).value.strip()
        if not text:
            self.query_one("#error-report-path", Static).update("Please give a file name.")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self.query_one("#error-report-path", Static).update(
                "That is a folder; add a file name."
            )
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ReportScreen(Screen[None]):
    """Shows the last ``days`` days as the clinician will read them."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="report-close"),
        Binding("s", "save", "Save…", id="report-save"),
        Binding("plus,equals_sign", "days(28)", "+4 weeks", key_display="+", id="report-more"),
        Binding("minus", "days(-28)", "−4 weeks", key_display="-", id="report-less"),
    ]

    def __init__(self, session: Session, days: int = 28) -> None:
        super().__init__()
        self.session = session
        """The diary's session: reads take turns with the dashboard's saves."""
        self.days = days

    def _load(self) -> ReportInput | None:
        """The report's data, or None after saying on screen why not (worker thread)."""
        days = self.days
        try:
            return self.session.read(lambda store: load_report(store, days))
        except StoreError as exc:
            self.app.call_from_thread(self._problem, str(exc))
        return None

    def _problem(self, why: str) -> None:
        self.query_one("#report-status", Static).update(
            Content.from_markup(
                "[b $warning]Could not build the report.[/] $w Nothing was written.", w=why
            )
        )

    def compose(self) -> ComposeResult:
        yield Static("Building the report…", id="report-status")
        yield MarkdownViewer("", show_table_of_contents=False, id="report")
        yield Footer()

    def on_mount(self) -> None:
        self.build()

    @work(thread=True, exclusive=True, group="report")
    def build(self) -> None:
        data = self._load()
        if data is None:
            return
        text = to_markdown(data)
        self.app.call_from_thread(self._show, text, data.first, data.last)

    def _show(self, text: str, first: date, last: date) -> None:
        self.query_one("#report-status", Static).update(
            f"[b]Doctor's report[/b]: {first:%d %b} to {last:%d %b %Y} "
            f"({plural(self.days, 'day')}). "
            "s saves it, + and − change the period."
        )
        viewer = self.query_one("#report", MarkdownViewer)
        viewer.document.update(text)
        viewer.focus()

    def action_days(self, change: int) -> None:
        self.days = min(364, max(7, self.days + change))
        self.build()

    def action_close(self) -> None:
        self.dismiss()

    def action_save(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.write(path)

        today = self.session.store.now().date()
        self.app.push_screen(SavePathScreen(default_report_path(today)), chosen)

    @work(thread=True, group="report-save")
    def write(self, path: Path) -> None:
        data = self._load()
        if data is None:
            return
        text = to_html(data) if path.suffix.lower() in (".html", ".htm") else to_markdown(data)
        try:
            written = write_private(path, text)
        except OSError as exc:
            self.app.call_from_thread(
                self.notify,
                f"Could not save to {path}: {exc.strerror or exc}. Nothing was written.",
                severity="error",
                timeout=10,
            )
            return
        self.app.call_from_thread(
            self.notify, f"Saved the report to {written} (readable by you only).", timeout=10
        )
