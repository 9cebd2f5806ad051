"""Help: every key of the app, generated from the bindings so it cannot drift."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

ABOUT = (
    "twitchtui keeps a twitch diary and a short daily checklist. It does not diagnose; "
    "if something worries you, talk to a clinician."
)


def action_name(binding: Binding) -> str:
    """The action without its namespace: a screen's "app.help" is the app's "help"."""
    return binding.action.removeprefix("app.").removeprefix("screen.")


def described(binding: Binding) -> str:
    """A binding as help, the palette and the README say it: its label, then
    what it does ("Snack (pick the food: …)")."""
    if binding.tooltip:
        return f"{binding.description} ({binding.tooltip})"
    return binding.description


NAMES = {"enter": "Enter", "delete": "Del", "escape": "Esc", "f1": "F1", "space": "Space"}


def key_name(app: App[object], key: str) -> str:
    """A key as help and the README write it: "Ctrl+Z", "Enter", "[", "W"."""
    if key in NAMES:
        return NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key.removeprefix("ctrl+").upper()
    return app.get_key_display(Binding(key, "noop"))


def binding_keys(app: App[object], binding: Binding) -> list[str]:
    """Every key of a binding, the one the Footer shows first:
    "u,ctrl+z" with key_display "u" gives ["u", "Ctrl+Z"]."""
    keys = [key_name(app, key) for key in binding.key.split(",")]
    first = binding.key_display or keys[0]
    return [first, *(k for k in keys if k != first)]


def binding_rows(under: Screen[object]) -> list[tuple[str, list[tuple[list[str], Binding]]]]:
    """Our bindings (the ones with an id), one row per action with all its
    keys, grouped by the part of the app they belong to."""
    nodes: list[DOMNode] = [under.app, under, *under.query("*")]
    seen_classes: set[type] = set()
    seen_actions: set[str] = set()
    groups: list[tuple[str, list[tuple[list[str], Binding]]]] = []
    for node in nodes:
        cls = type(node)
        if cls in seen_classes:
            continue
        seen_classes.add(cls)
        rows = []
        for binding in cls.BINDINGS:
            if not isinstance(binding, Binding) or not binding.id:
                continue
            if action_name(binding) in seen_actions:
                continue
            seen_actions.add(action_name(binding))
            rows.append((binding_keys(under.app, binding), binding))
        if rows:
            title = getattr(node, "BORDER_TITLE", None) or (
                "Everywhere" if node is under.app else "Dashboard"
            )
            groups.append((str(title), rows))
    return groups


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen .help-row { height: auto; }
    HelpScreen .help-keys { width: 16; }
    HelpScreen .help-what { width: 1fr; }
    """
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close help", id="help-close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("[b]Keys[/b]", classes="form-title")
            for title, rows in binding_rows(self.under):
                yield Static(Content.from_markup("\n[b $accent]$title[/]", title=title))
                for key_list, binding in rows:
                    # Two columns, so that a long description wraps under itself.
                    with Horizontal(classes="help-row"):
                        yield Static(
                            Content.from_markup("  [b]$keys[/b]", keys=" / ".join(key_list)),
                            classes="help-keys",
                        )
                        yield Static(Content(described(binding)), classes="help-what")
            yield Static(f"\n{ABOUT}\n\nCtrl+P opens the command palette. Esc closes this help.")
