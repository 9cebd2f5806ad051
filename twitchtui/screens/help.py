"""Help: every key of the app, generated from the bindings so it cannot drift."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

ABOUT = (
    "twitchtui keeps a twitch diary and a short daily checklist. It does not diagnose; "
    "if something worries you, talk to a clinician."
)


def binding_rows(under: Screen) -> list[tuple[str, list[Binding]]]:
    """Our bindings (the ones with an id), grouped by the part of the app they belong to."""
    nodes: list[DOMNode] = [under.app, under, *under.query("*")]
    seen: set[type] = set()
    groups: list[tuple[str, list[Binding]]] = []
    for node in nodes:
        cls = type(node)
        if cls in seen:
            continue
        seen.add(cls)
        ours = [b for b in Binding.make_bindings(cls.BINDINGS) if b.id]
        if ours:
            title = getattr(node, "BORDER_TITLE", None) or (
                "Everywhere" if node is under.app else "Dashboard"
            )
            groups.append((str(title), ours))
    return groups


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", "Close help", id="help-close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static("[b]Keys[/b]", classes="form-title")
            for title, bindings in binding_rows(self.under):
                lines = [Content.from_markup("\n[b $accent]$title[/]", title=title)]
                seen: set[str] = set()
                for binding in bindings:
                    if binding.action in seen:
                        continue
                    seen.add(binding.action)
                    keys = " / ".join(
                        self.app.get_key_display(Binding(key, binding.action))
                        for key in binding.key.split(",")
                    )
                    lines.append(
                        Content.from_markup(
                            "  [b]$keys[/b]  $desc", keys=f"{keys:<12}", desc=binding.description
                        )
                    )
                yield Static(Content("\n").join(lines))
            yield Static(f"\n{ABOUT}\n\nCtrl+P opens the command palette. Esc closes this help.")
