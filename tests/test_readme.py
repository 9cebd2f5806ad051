"""The README's key table and command list stay true to the app."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from twitchtui.app import TwitchApp
from twitchtui.cli import build_parser
from twitchtui.screens.dashboard import DashboardScreen
from twitchtui.widgets.quick_log import QuickLogPane

README = (Path(__file__).parents[1] / "README.md").read_text()


def keys_section() -> str:
    return README.split("## Keys", 1)[1].split("\n## ", 1)[0]


def test_every_binding_is_in_the_readme_key_table() -> None:
    table = keys_section()
    for owner in (TwitchApp, DashboardScreen, QuickLogPane):
        for binding in Binding.make_bindings(owner.BINDINGS):
            assert binding.description.rstrip("…") in table, f"{binding.key}: {binding.description}"


def test_every_command_is_in_the_readme() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    listed = set(re.findall(r"^twitchtui (\w+)", README, flags=re.MULTILINE))
    assert set(commands) <= listed


def test_the_development_tree_names_every_module() -> None:
    """The README's map of the code stays true when files move."""
    tree = README.split("## Development", 1)[1].split("```", 2)[1]
    package = Path(__file__).parents[1] / "twitchtui"
    missing = []
    for path in sorted(package.rglob("*.py")):
        if path.name in ("__init__.py", "__main__.py") or path.parent.name == "widgets":
            continue  # widgets/: "one file per pane"
        if path.parent.name == "screens":
            continue  # screens/: "one file per other screen"
        folder = f"{path.parent.name}/" if path.parent != package else None
        named = path.name in tree or (folder is not None and folder in tree)
        if path.parent.name in ("store", "dashboard"):  # listed file by file
            named = path.stem in tree
        if not named:
            missing.append(str(path.relative_to(package)))
    assert missing == []
