"""The core never imports Textual, and shell commands stay free of it (they must start fast)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_to_first_frame

PACKAGE = Path(__file__).resolve().parents[1] / "twitchtui"
TEXTUAL_SIDE = {"app", "tui", "__main__", "screens", "widgets"}
"""Only these may import Textual; every other module is core."""


def core_modules() -> list[str]:
    """Every module of the package outside the Textual side, found on disk, so
    that a new core module is checked without anyone adding it here."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] in TEXTUAL_SIDE:
            continue
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        names.append(".".join(("twitchtui", *parts)))
    return names


CORE = core_modules()


def test_the_core_list_holds_the_session_and_the_store() -> None:
    assert {"twitchtui.session", "twitchtui.store.store", "twitchtui.cli"} <= set(CORE)
    assert not any(m.startswith(("twitchtui.screens", "twitchtui.widgets")) for m in CORE)


def loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    modules = loaded_after(f"import {module}")
    assert module in modules
    assert not {m for m in modules if m.split(".")[0] in ("textual", "textual_plotext", "plotext")}


@pytest.mark.parametrize(
    "command", ["status", "log", "export", "water", "selfcheck", "flags", "report"]
)
def test_shell_commands_do_not_import_textual(command: str, tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    modules = loaded_after(
        "import contextlib, io\n"
        "from twitchtui.cli import main\n"
        "from twitchtui.store import Store\n"
        f"Store.open({str(db)!r})\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main([{command!r}, '--db', {str(db)!r}]) == 0\n"
    )
    assert "twitchtui.store.store" in modules
    assert "textual" not in modules


def test_the_app_does_import_textual() -> None:
    """The check above can fail: the TUI module really pulls Textual in."""
    assert "textual" in loaded_after("import twitchtui.app")


LONG_FUNCTION = 60
LONG_CLASS = 300
"""A function or class longer than this does more than one job, unless its
docstring says why it does not ("... lines because ...")."""


def _definitions() -> list[tuple[str, ast.AST]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text())
        where = str(path.relative_to(PACKAGE))
        found += [(where, node) for node in ast.walk(tree)]
    return found


def test_long_functions_and_classes_say_why() -> None:
    """Size measured by what a function or class does, not by the file it is
    in: a file-length limit was met by splitting one class across files."""
    unexplained = []
    for where, node in _definitions():
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            limit = LONG_FUNCTION
        elif isinstance(node, ast.ClassDef):
            limit = LONG_CLASS
        else:
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length > limit and "lines because" not in (ast.get_docstring(node) or ""):
            unexplained.append(f"{where} {node.name}")
    assert sorted(unexplained) == []


def test_no_screen_or_widget_class_has_more_than_two_bases() -> None:
    """Behaviour lives in what owns it: a class built from mixins that reach
    into each other through ``self`` is what neither mypy nor the import
    graph can follow."""
    many = [
        f"{where}:{node.lineno} {node.name}"
        for where, node in _definitions()
        if where.startswith(("screens", "widgets"))
        and isinstance(node, ast.ClassDef)
        and len(node.bases) > 2
    ]
    assert many == []


NOT_BEFORE_THE_FIRST_FRAME = {
    "twitchtui.ops.twitches": "the operations: needed by the first key, not the first frame",
    "twitchtui.ops.days": "the checklist's operations",
    "twitchtui.ops.settings": "the settings' operations",
    "twitchtui.ops.tried": "the toolkit's operations",
    "twitchtui.ops.entries": "a demo's and an import's",
    "twitchtui.timer": "the compress timer: loaded by f",
    "twitchtui.widgets.relief_bar": "the compress bar: mounted by f",
    "twitchtui.widgets.compact": "the compact summary: a large terminal never needs it",
    "twitchtui.redflags": "the rules: the findings are worked out after the first frame",
    "twitchtui.stats": "the charts' data: built after the first frame",
    "twitchtui.screens.report": "a screen opened by a key",
    "twitchtui.nudges": "the reminders' rules: none comes in the first minutes",
    "twitchtui.notify": "the record of reminders sent, and the desktop's notifiers",
    "hashlib": "OpenSSL's hashes: the reminders' record is named by one",
    "rich._emoji_codes": "Rich's emoji table: no text on the dashboard is markup with emoji",
    "tinydb": "TinyDB: only writes use it; reading the diary does not",
}


def test_the_first_frame_loads_only_what_it_shows(tmp_path: Path) -> None:
    """Each module here costs start-up time (dataclasses alone, about 1 ms
    each) and is loaded on first use instead; a top-level import added back
    by mistake fails here rather than slowly creeping into the benchmark."""
    from twitchtui.model import Twitch
    from twitchtui.store import Store

    db = tmp_path / "d.json"
    Store.open(db).log_twitch(Twitch(at=Store.open(db).now()))
    out = run_to_first_frame(db, '" ".join(sys.modules)', size=(120, 40))
    assert out.returncode == 0, out.stderr
    loaded = set(out.stdout.split())
    assert "twitchtui.screens.dashboard.screen" in loaded  # it did reach the dashboard
    assert {m: why for m, why in NOT_BEFORE_THE_FIRST_FRAME.items() if m in loaded} == {}


def test_every_operation_in_ops_is_in_its_table() -> None:
    """``twitchtui.ops`` loads its classes on first use from a table of
    names. The classes are found in the files, so one added to a module but
    not to the table (or to the wrong home) fails here, not when its key is
    pressed."""
    import ast

    from twitchtui import ops

    found = {
        node.name: path.stem
        for path in sorted((PACKAGE / "ops").glob("*.py"))
        if path.stem != "__init__"
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.ClassDef)
    }
    assert found == ops._HOMES
    assert set(ops.__all__) == set(found)
    assert all(isinstance(getattr(ops, name), type) for name in found)


NOT_IN_LOG = {
    "textual": "the TUI framework",
    "tinydb": "TinyDB: a new twitch is appended as TinyDB would",
    "_ssl": "OpenSSL (hashlib, ssl, random, tempfile and uuid load it)",
    "_hashlib": "OpenSSL's hashes (hashlib)",
    "random": "random: it loads hashlib",
    "tempfile": "tempfile: it loads random",
    "uuid": "ids are made from os.urandom",
    "secrets": "secrets: it loads hashlib",
    "shutil": "shutil: copies and moves, not a single write",
    "platformdirs": "platformdirs: the cache folder is worked out by hand on Linux and macOS",
    "html": "html and its entity table: waybar's escape only",
    "twitchtui.when": "the parser of typed moments: only with --at",
    "twitchtui.views": "what the dashboard shows",
    "twitchtui.redflags": "the red-flag rules",
    "twitchtui.report": "the report",
    "twitchtui.stats": "the charts' data",
    "twitchtui.checklist": "the checklist's score: status's, not log's",
    "twitchtui.ops.days": "the checklist's operations",
    "twitchtui.ops.settings": "the settings' operations",
    "twitchtui.ops.tried": "the toolkit's operations",
    "twitchtui.ops.entries": "a demo's and an import's",
    "twitchtui.cli.status": "another command",
}
"""What ``twitchtui log`` (the hotkey's command) may not load: each is time
spent before the twitch is saved. ``python -X importtime -m twitchtui log``
shows what it does load."""


def modules_of_command(argv: list[str], db: Path) -> set[str]:
    """The modules a fresh process has loaded after running ``argv`` on ``db``."""
    run = (
        "import sys\n"
        "from twitchtui.cli import main\n"
        f"code = main({[*argv, '--db', str(db)]!r})\n"
        "sys.stdout.flush()\n"
        "print(' '.join(sys.modules), file=sys.stderr)\n"
        "raise SystemExit(code)\n"
    )
    out = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, check=True)
    return set(out.stderr.split())


def test_log_loads_only_what_a_single_write_needs(tmp_path: Path) -> None:
    from twitchtui.model import Twitch
    from twitchtui.store import Store

    db = tmp_path / "diary.json"
    store = Store.open(db)
    store.log_twitch(Twitch(at=store.now()))
    loaded = modules_of_command(["log", "--site", "eye"], db)
    assert "twitchtui.ops.twitches" in loaded  # it did log
    found = {m for m in loaded if any(m == b or m.startswith(f"{b}.") for b in NOT_IN_LOG)}
    assert found == set()


@pytest.mark.parametrize("fmt", ["json", "waybar", "tmux"])
def test_a_status_bar_call_after_no_change_runs_no_red_flag_rule(fmt: str, tmp_path: Path) -> None:
    """The second call of a status bar's format, the diary unchanged, takes
    its answer from the cache (``cli.status_cache``): no rule is imported."""
    from twitchtui.model import Twitch
    from twitchtui.store import Store

    db = tmp_path / "diary.json"
    store = Store.open(db)
    store.log_twitch(Twitch(at=store.now()))
    assert "twitchtui.redflags" in modules_of_command(["status", "--format", fmt], db)
    warm = modules_of_command(["status", "--format", fmt], db)
    assert "twitchtui.cli.status_cache" in warm
    assert not {m for m in warm if m.startswith(("twitchtui.redflags", "twitchtui.views"))}
