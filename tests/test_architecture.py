"""The package's import graph has no cycle.

A cycle means no module of it can be read, tested or changed on its own, and
an import inside a function only hides it: so the graph is built from the
source with ``ast``, counting every import wherever it stands (module top,
inside a function, under ``if TYPE_CHECKING:``).

How an import becomes an edge of the graph:

- ``import a.b.c`` and ``from a.b.c import x``: an edge to ``a.b.c``;
  relative imports are resolved against the importing module's package.
- ``from a.b import c`` where ``a/b/c.py`` (or ``a/b/c/``) exists: an edge
  to the submodule ``a.b.c``, not to ``a.b``; a name that is not a
  submodule is an edge to ``a.b`` (its ``__init__``).
- Importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` first, so
  those count too, except the packages the importer itself is inside (they
  are already running when it is imported). A module outside ``a.b`` that
  imports ``a.b.c`` also depends on ``a/b/__init__`` and all it imports.

So a package ``__init__`` that imports its own submodules (to re-export
their names) is normal, and so is a submodule that imports a sibling
(``from . import x``, ``from .x import y``). What counts as a cycle is a
submodule that takes a name from its own package's ``__init__`` (``from .
import Name``) while that ``__init__`` imports it, or a module that
imports ``p.x`` while ``p/__init__`` imports it back: real cycles, whose
outcome depends on which module happens to be imported first.

Not seen: imports by a computed name (``importlib.import_module(f"...")``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "twitchtui"

CLI = ("twitchtui.cli",)
"""The shell commands' modules (each name, and every module below or after it)."""
TEXTUAL = (
    "twitchtui.app",
    "twitchtui.tui",
    "twitchtui.__main__",
    "twitchtui.session",
    "twitchtui.turns",
    "twitchtui.screens",
    "twitchtui.widgets",
)
"""The Textual side, with the session the App owns."""


def module_names(root: Path) -> dict[str, Path]:
    """Every module under the package folder ``root``, by its dotted name."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imported(name: str, path: Path, modules: Iterable[str]) -> set[str]:
    known = set(modules)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target not in known:
                continue  # another package (the standard library, Textual...)
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                out.add(submodule if submodule in known else target)
    for target in list(out):  # the packages that importing it runs first
        parts = target.split(".")
        for depth in range(1, len(parts)):
            parent = ".".join(parts[:depth])
            if parent != name and not name.startswith(f"{parent}."):
                out.add(parent)
    out.discard(name)
    return out


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (see the module docstring)."""
    modules = module_names(root)
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (``a, b, ..., a``) through each strongly connected group of
    modules, found with Tarjan's algorithm (iterative, so depth is no limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(group)
    return [_cycle_in(group, graph) for group in groups]


def _cycle_in(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest cycle through the group's first module, by breadth-first search."""
    first = min(group)
    came_from: dict[str, str] = {}
    frontier = [first]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & group):
                if nxt == first:
                    path = [node]
                    while path[-1] != first:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), first]
                if nxt not in came_from:
                    came_from[nxt] = node
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle in {group}")  # pragma: no cover - Tarjan's groups have one


def area(module: str) -> str:
    def within(prefixes: tuple[str, ...]) -> bool:
        return any(module == p or module.startswith((f"{p}.", f"{p}_")) for p in prefixes)

    return "cli" if within(CLI) else "textual" if within(TEXTUAL) else "core"


def cycles_touching(wanted: str) -> list[str]:
    """The package's cycles with a module in the ``wanted`` area (a cycle
    that crosses areas counts for each), printed for the failure message."""
    found = [
        " -> ".join(cycle) for cycle in cycles(import_graph()) if wanted in {area(m) for m in cycle}
    ]
    for cycle in found:
        print(f"import cycle ({wanted}): {cycle}")
    return found


def test_the_core_has_no_import_cycle() -> None:
    assert cycles_touching("core") == []


def test_the_shell_commands_have_no_import_cycle() -> None:
    assert cycles_touching("cli") == []


def test_the_textual_side_has_no_import_cycle() -> None:
    assert cycles_touching("textual") == []


def test_the_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The checks above can fail: imports in functions, under TYPE_CHECKING,
    relative, and of a submodule by ``from pkg import name`` all count."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "from .a import A\n",
        "a.py": "def f():\n    from . import b\nA = 1\n",
        "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .sub import c\n",
        "sub/__init__.py": "from . import c\n",
        "sub/c.py": "from .. import A\nimport pkg.a\n",
        "d.py": "from pkg import sub\nfrom pkg.sub import c\nimport os\n",
    }
    for name, text in files.items():
        (pkg / name).write_text(text)
    graph = import_graph(pkg)
    assert graph == {
        "pkg": {"pkg.a"},
        "pkg.a": {"pkg.b"},
        "pkg.b": {"pkg.sub", "pkg.sub.c"},
        "pkg.sub": {"pkg.sub.c"},
        "pkg.sub.c": {"pkg", "pkg.a"},
        "pkg.d": {"pkg.sub", "pkg.sub.c"},
    }
    assert cycles(graph) == [["pkg", "pkg.a", "pkg.b", "pkg.sub.c", "pkg"]]


def test_a_package_init_that_imports_back_is_a_cycle(tmp_path: Path) -> None:
    """``data/__init__`` re-exports ``data.kept``, which needs ``tried.session``,
    which needs ``data.values``: importing ``tried.session`` first runs
    ``data/__init__``, which asks for the half-made ``tried.session``."""
    for name, text in {
        "pkg/__init__.py": "",
        "pkg/data/__init__.py": "from .kept import Kept\n",
        "pkg/data/kept.py": "from ..tried.session import Session\n",
        "pkg/data/values.py": "",
        "pkg/tried/__init__.py": "",
        "pkg/tried/session.py": "from ..data.values import Doc\n",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    graph = import_graph(tmp_path / "pkg")
    assert graph["pkg.tried.session"] == {"pkg.data", "pkg.data.values"}
    assert graph["pkg.data.kept"] == {"pkg.tried", "pkg.tried.session"}
    assert cycles(graph) == [["pkg.data", "pkg.data.kept", "pkg.tried.session", "pkg.data"]]


def test_the_areas_cover_the_package() -> None:
    names = set(module_names(PACKAGE))
    assert {area(m) for m in names} == {"core", "cli", "textual"}
    assert area("twitchtui.cli.report") == "cli"
    assert area("twitchtui.screens.dashboard.screen") == "textual"
    assert area("twitchtui.store.reader") == "core"
