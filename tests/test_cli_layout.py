"""The shell's shape: every command writes through ``ops``, registers its own
parser, and loads only itself."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from importlib import import_module
from pathlib import Path

from twitchtui.cli import COMMANDS, build_parser, wanted
from twitchtui.store import Store
from twitchtui.store.writer import DiaryWriter

CLI = Path(__file__).resolve().parents[1] / "twitchtui" / "cli"


def store_writes() -> set[str]:
    """Every public method of the Store that changes a file, found in the
    class, so a new write method is covered without anyone listing it."""
    writes = {
        name
        for name, value in vars(DiaryWriter).items()
        if inspect.isfunction(value) and not name.startswith("_")
    }
    # Store's own set_aside moves a damaged file; ``store.writer`` is the
    # writer itself, whose methods the Store forwards.
    return writes | {"set_aside", "writer"}


def test_the_write_methods_are_found() -> None:
    writes = store_writes()
    assert {"log_twitch", "merge", "restore", "update_day", "update_settings"} <= writes
    assert all(callable(getattr(Store, name)) for name in writes & set(vars(Store)))
    assert {"log_twitch", "merge", "update_day", "set_aside"} <= set(vars(Store))
    assert not writes & {"settings", "twitches", "day_log", "last_twitch"}  # reads


def test_no_shell_command_calls_a_store_write_method() -> None:
    """The shell writes through ``ops``, the dashboard's vocabulary, so a rule
    and its conflicts are written once."""
    writes = store_writes()
    calls = []
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in writes:
                calls.append(f"{path.name}:{node.lineno} .{node.attr}")
    assert calls == []


def test_the_scan_can_fail() -> None:
    tree = ast.parse("def f(store):\n    store.update_day(day, change)\n")
    assert any(isinstance(n, ast.Attribute) and n.attr in store_writes() for n in ast.walk(tree))


def test_each_command_module_registers_its_command_and_handler() -> None:
    for name, module in COMMANDS.items():
        parser = build_parser([name])
        sub = next(a for a in parser._actions if a.dest == "command")
        assert sub.choices is not None and list(sub.choices) == [name]
        assert (CLI / f"{module}.py").exists()
        assert callable(import_module(f"twitchtui.cli.{module}").register)


def test_every_command_module_is_listed() -> None:
    shared = {"__init__", "args", "progress", "running"}  # what commands share
    shared |= {"status_cache"}  # status's result cache, in a module of its own
    modules = {p.stem for p in CLI.glob("*.py")} - shared
    assert modules == set(COMMANDS.values())


def test_the_command_is_found_in_the_arguments() -> None:
    assert wanted(["log", "--at", "10:00"]) == ["log"]
    assert wanted(["--db", "log", "status"]) == ["status"]  # log is the --db path
    assert wanted(["--db=x", "import", "f.json"]) == ["import"]
    assert wanted([]) == wanted(["--demo"]) == []  # the dashboard needs none
    assert wanted(["--help"]) == wanted(["lgo"]) == list(COMMANDS)


def loaded_by(argv: list[str], db: Path) -> set[str]:
    code = (
        "import contextlib, io, sys\n"
        "from twitchtui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({[*argv, '--db', str(db)]!r})\n"
        "print(' '.join(sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {m for m in out.stdout.split() if m.startswith("twitchtui.cli.")}


def test_only_the_command_run_is_imported(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    assert loaded_by(["log"], db) == {
        "twitchtui.cli.args",
        "twitchtui.cli.log",
        "twitchtui.cli.running",
    }
    assert loaded_by(["water"], db) == {
        "twitchtui.cli.args",
        "twitchtui.cli.running",
        "twitchtui.cli.status",  # the checklist's line
        "twitchtui.cli.water",
    }


def imports_of(path: Path, name: str, modules: set[str]) -> set[str]:
    """The twitchtui modules ``path`` imports anywhere: at the top, inside a
    function, or under ``if TYPE_CHECKING:``."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[: len(base) - max(0, node.level - 1)] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            for a in node.names:
                found.add(f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target)
    return {m for m in found if m in modules and m != name}


def cycles(folder: Path, names: list[str]) -> list[list[str]]:
    """The import cycles among these modules (strongly connected groups)."""
    modules = {}
    for path in folder.rglob("*.py"):
        parts = path.relative_to(folder.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {m: imports_of(p, m, set(modules)) for m, p in modules.items()}
    graph = {m: {t for t in ts if t.startswith(tuple(names))} for m, ts in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            if group:
                groups.append(sorted([v, *group]))

    for v in sorted(m for m in graph if m.startswith(tuple(names))):
        if v not in index:
            visit(v)
    return groups


def test_no_import_cycle_in_the_shell_or_ops() -> None:
    """Counting imports inside functions and for the type checker."""
    assert cycles(CLI.parent, ["twitchtui.cli", "twitchtui.ops"]) == []


def test_the_cycle_finder_finds_one(tmp_path: Path) -> None:
    folder = tmp_path / "twitchtui"
    (folder / "cli").mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    (folder / "cli" / "__init__.py").write_text("from .args import x\n")
    (folder / "cli" / "args.py").write_text("def f():\n    from . import main\n")
    (folder / "cli" / "main.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .args import f\n"
    )
    assert cycles(folder, ["twitchtui.cli"]) == [["twitchtui.cli.args", "twitchtui.cli.main"]]
