"""Report preview: the doctor's diary as Markdown, with keys to choose its
sections and to save it as Markdown, HTML or PDF."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Input,
    Label,
    MarkdownViewer,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from ..humanize import plural
from ..report import (
    SECTION_KEYS,
    PdfUnavailable,
    ReportInput,
    format_of,
    render_as,
    to_markdown,
)
from ..session import Session
from ..store import StoreError, write_private
from ..views import load_report
from ..widgets.footer import KeysFooter

FORMATS = {".md": "Markdown (plain text)", ".html": "HTML (prints well)", ".pdf": "PDF"}
"""The file endings the preview saves, and what each gives."""


def default_report_path(today: date, suffix: str = ".html") -> Path:
    return Path.home() / f"twitch-diary-{today.isoformat()}{suffix}"


def shorter_dates(text: str, year: int) -> str:
    """The preview's dates without the year when it is the period's own, so
    a line fits 80 columns (the saved report keeps every year)."""
    return re.sub(rf"\b(\d{{2}} [A-Z][a-z]{{2}}) {year}\b", r"\1", text)


class SectionsScreen(ModalScreen[tuple[str, ...] | None]):
    """Tick the sections this doctor asked for; the preview and the saved
    report then hold only those."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="sections-cancel"),
        Binding("enter", "use", "Use these", priority=True, id="sections-use"),
    ]

    def __init__(self, chosen: tuple[str, ...]) -> None:
        super().__init__()
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Static(classes="form"):
            yield Label("[b]Sections of the report[/b]  (Space ticks, Enter uses them)")
            yield SelectionList[str](
                *(Selection(title, key, key in self.chosen) for key, title in SECTION_KEYS.items()),
                id="sections",
            )
            yield Static("", id="error-sections", classes="error")
            with Horizontal(classes="form-buttons"):
                yield Button("Use these", variant="primary", id="use")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#sections", SelectionList).focus()

    @on(SelectionList.SelectedChanged)
    def _clear(self) -> None:
        self.query_one("#error-sections", Static).update("")

    @on(Button.Pressed, "#use")
    def action_use(self) -> None:
        picked = set(self.query_one("#sections", SelectionList).selected)
        if not picked:
            self.query_one("#error-sections", Static).update("Tick at least one section.")
            return
        self.dismiss(tuple(key for key in SECTION_KEYS if key in picked))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class SavePathScreen(ModalScreen[Path | None]):
    """Ask where to save and in which format: the file's ending follows the
    format chosen (.pdf, .html, or .md for anything else)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save-cancel")]

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Static(classes="form"):
            yield Label("[b]Save the report[/b]  (the format below sets the file's ending)")
            yield Input(str(self.suggested), id="report-path")
            yield Static("", id="error-report-path", classes="error")
            suffix = self.suggested.suffix.lower()
            yield Select(
                [(label, ending) for ending, label in FORMATS.items()],
                value=suffix if suffix in FORMATS else ".md",
                allow_blank=False,
                id="report-format",
            )
            with Horizontal(classes="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Select.Changed, "#report-format")
    def _format(self, event: Select.Changed) -> None:
        field = self.query_one("#report-path", Input)
        if isinstance(event.value, str) and field.value.strip():
            field.value = str(Path(field.value.strip()).with_suffix(event.value))

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
        Binding("c", "sections", "Sections…", id="report-sections"),
        Binding("plus,equals_sign", "days(28)", "+4 weeks", key_display="+", id="report-more"),
        Binding("minus", "days(-28)", "−4 weeks", key_display="-", id="report-less"),
    ]

    def __init__(self, session: Session, days: int = 28) -> None:
        super().__init__()
        self.session = session
        """The diary's session: reads take turns with the dashboard's saves."""
        self.days = days
        self.only: tuple[str, ...] = tuple(SECTION_KEYS)
        """The sections shown and saved (``c`` chooses them)."""
        self.last_format = ".html"
        """The ending the save form suggests: the one saved last."""

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
        yield KeysFooter()

    def on_mount(self) -> None:
        self.build()

    @work(thread=True, exclusive=True, group="report")
    def build(self) -> None:
        data = self._load()
        if data is None:
            return
        text = shorter_dates(to_markdown(data, self.only), data.last.year)
        self.app.call_from_thread(self._show, text, data.first, data.last)

    def _show(self, text: str, first: date, last: date) -> None:
        left_out = len(SECTION_KEYS) - len(self.only)
        some = f" · {plural(left_out, 'section')} left out" if left_out else ""
        self.query_one("#report-status", Static).update(
            f"[b]Report[/b] {first:%d %b}–{last:%d %b %Y} "
            f"({plural(self.days, 'day')}){some} · s save · c sections · + − period"
        )
        viewer = self.query_one("#report", MarkdownViewer)
        viewer.document.update(text)
        viewer.focus()

    def action_days(self, change: int) -> None:
        self.days = min(364, max(7, self.days + change))
        self.build()

    def action_sections(self) -> None:
        def chosen(keys: tuple[str, ...] | None) -> None:
            if keys is not None and keys != self.only:
                self.only = keys
                self.build()

        self.app.push_screen(SectionsScreen(self.only), chosen)

    def action_close(self) -> None:
        self.dismiss()

    def action_save(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.write(path)

        today = self.session.store.now().date()
        suggested = default_report_path(today, self.last_format)
        self.app.push_screen(SavePathScreen(suggested), chosen)

    @work(thread=True, group="report-save")
    def write(self, path: Path) -> None:
        if self.session.store.owns(path):
            self.app.call_from_thread(
                self.notify,
                f"{path} is one of the diary's own files: choose another name. "
                "Nothing was written.",
                severity="error",
                timeout=10,
            )
            return
        data = self._load()
        if data is None:
            return
        fmt = format_of(path)
        try:
            written = write_private(path, render_as(data, fmt, self.only))
        except PdfUnavailable as exc:
            self.app.call_from_thread(
                self.notify, f"{exc}. Nothing was written.", severity="error", timeout=10
            )
            return
        except OSError as exc:
            self.app.call_from_thread(
                self.notify,
                f"Could not save to {path}: {exc.strerror or exc}. Nothing was written.",
                severity="error",
                timeout=10,
            )
            return
        self.last_format = f".{fmt}"
        self.app.call_from_thread(
            self.notify, f"Saved the report to {written} (readable by you only).", timeout=10
        )
