"""A modal form: fields, a clear message under each field, Enter saves, Esc cancels."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

T = TypeVar("T")


class FormCheckbox(Checkbox):
    """A form's checkbox: Space ticks it, Enter saves the form (as in every form)."""

    BINDINGS = [Binding("enter", "screen.save", "Save", show=False)]


class FormSelectionList(SelectionList[T]):
    """A form's tick list: Space ticks the highlighted line, Enter saves the form."""

    BINDINGS = [Binding("enter", "screen.save", "Save", show=False)]


class FormScreen(ModalScreen[T | None], Generic[T]):
    """Subclasses yield their fields from ``fields`` and turn them into a result
    in ``collect``, which returns ``(value, errors)``: errors map a field id to
    the message shown under it."""

    TITLE = "Form"
    AUTO_FOCUS = None  # focused in on_mount, without scrolling the title away
    FIELDS = "Input, Select, SelectionList, Checkbox"
    HINT = "Enter saves · Esc cancels"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
        Binding("enter,ctrl+s", "save", "Save", key_display="Enter", id="form-save"),
    ]

    @property
    def heading(self) -> str:
        """The form's title line (``TITLE``, unless a form words it for its entry)."""
        return self.TITLE or ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(f"[b]{self.heading}[/b]", classes="form-title")
            yield from self.fields()
            yield Static("", id="form-errors", classes="error")
            with Horizontal(classes="form-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
            yield Static(f"[dim]{self.HINT}[/]", classes="form-hint")

    first_field: str | None = None
    """A selector for the field to focus first, when not the first one."""

    def on_mount(self) -> None:
        """Open at the top, title and first field in view, the first field
        (or ``first_field``) focused."""
        self._first_values = {
            **{i.id or "": i.value for i in self.query(Input)},
            **(self._first_values or {}),
        }
        fields = self.query(self.first_field or self.FIELDS)
        if fields:
            fields.first().focus(scroll_visible=False)
        self.call_after_refresh(self._to_top)

    def _to_top(self) -> None:
        self.query_one(".form", VerticalScroll).scroll_home(animate=False, immediate=True)

    def fields(self) -> Iterable[Widget]:
        raise NotImplementedError

    def collect(self) -> tuple[T | None, dict[str, str]]:
        raise NotImplementedError

    @staticmethod
    def field(label: str, widget: Widget, field_id: str) -> Iterable[Widget]:
        """A labelled field with its (initially empty) error line. Both are
        plain text: a label or an error may quote what the person typed."""
        yield Label(label, classes="field-label", markup=False)
        yield widget
        yield Static("", id=f"error-{field_id}", classes="error field-error", markup=False)

    @staticmethod
    def choice(options: Iterable[str], value: str, widget_id: str) -> Select[str]:
        """A drop-down of plain strings (shown as typed, never as markup) with
        one always chosen."""
        return Select(
            [(Content(o), o) for o in options], value=value, allow_blank=False, id=widget_id
        )

    _touched: set[str] | None = None
    """Fields whose value was changed since the form opened: only their
    errors show while typing. After Save is pressed, every error shows."""
    _first_values: dict[str, str] | None = None
    _saved_once = False

    def show_errors(self, errors: dict[str, str]) -> None:
        if not self._saved_once:
            touched = self._touched or set()
            errors = {k: v for k, v in errors.items() if k in touched}
        for line in self.query(".field-error").results(Static):
            field_id = (line.id or "").removeprefix("error-")
            line.update(errors.get(field_id, ""))
            line.set_class(field_id in errors, "shown")
        summary = self.query_one("#form-errors", Static)
        summary.update("Please fix the fields marked above." if errors and self._saved_once else "")

    @on(Input.Changed)
    def _revalidate(self, event: Input.Changed) -> None:
        # Textual reports each input's first value as a change too: a field
        # counts as touched only once its value differs from the one it opened with.
        first = self._first_values if self._first_values is not None else {}
        self._first_values = first
        key = event.input.id or ""
        first.setdefault(key, event.value)
        if event.value != first[key]:
            self._touched = (self._touched or set()) | {self._error_key(event.input)}
        _, errors = self.collect()
        self.show_errors(errors)

    @staticmethod
    def _error_key(widget: Widget) -> str:
        """The error line's key of a field: the error line that follows it."""
        parent = widget.parent
        siblings = list(parent.children) if parent is not None else []
        for later in siblings[siblings.index(widget) + 1 :] if widget in siblings else []:
            if later.has_class("field-error"):
                return (later.id or "").removeprefix("error-")
        return widget.id or ""

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self._saved_once = True
        value, errors = self.collect()
        self.show_errors(errors)
        if not errors:
            self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
