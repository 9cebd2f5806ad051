"""``twitchtui completions bash|zsh|fish``: a completion script for the shell.

The script is generated from the real parser by shtab, once, when this
command runs; pressing Tab then runs only the shell's own code, never
Python. Subcommands, flags and their choices (sites, sides, formats) come
from the parser; habit and medicine names come from the small files the
diary keeps up to date on every write (``twitchtui.names``), read with the
shell's own ``read``/``cat``.
"""

from __future__ import annotations

import argparse
import os
import shlex
from typing import Any

from ..machine import CACHE_VAR, cache_dir
from .args import Subparsers

SHELLS = ("bash", "zsh", "fish")
NAME_ARGS = {
    ("habit", "tick"): "habits",
    ("habit", "remove"): "habits",
    ("meds", "stop"): "medicines",
}
"""The command and action whose NAME takes a habit's or a medicine's name."""
FILE_METAVARS = {"PATH", "FILE", "NEW-PATH"}


def register(sub: Subparsers) -> None:
    parser = sub.add_parser(
        "completions",
        help="print a shell completion script (bash, zsh or fish)",
        description="Print a completion script for your shell; see the README for where to "
        "put it. Tab then completes commands, flags, sites, sides, and your habit and "
        "medicine names, without starting Python.",
    )
    parser.add_argument("shell", choices=SHELLS)
    parser.set_defaults(standalone=completions)


def preamble(shell: str, folder: str) -> str:
    """The shell functions that list the cached names: ``$1`` the list, the
    word typed as ``$2`` (bash); matches, one a line."""
    if shell == "bash":
        return (
            "# twitchtui: habit and medicine names, from the files the diary keeps\n"
            "_twitchtui_names() {\n"
            f'  local line dir="${{{CACHE_VAR}:-{folder}}}"\n'
            '  [ -r "$dir/$1" ] || return 0\n'
            '  while IFS= read -r line; do [[ $line == "$2"* ]] && printf \'%s\\n\' "$line"; '
            'done < "$dir/$1"\n'
            "}\n"
            '_twitchtui_habits() { _twitchtui_names habits "$1"; }\n'
            '_twitchtui_medicines() { _twitchtui_names medicines "$1"; }\n'
        )
    if shell == "zsh":
        return (
            "# twitchtui: habit and medicine names, from the files the diary keeps\n"
            "_twitchtui_names() {\n"
            f'  local f="${{{CACHE_VAR}:-{folder}}}/$1"\n'
            '  [[ -r $f ]] && compadd -- ${(f)"$(<$f)"}\n'
            "}\n"
            "_twitchtui_habits() { _twitchtui_names habits }\n"
            "_twitchtui_medicines() { _twitchtui_names medicines }\n"
        )
    return (
        "# twitchtui: habit and medicine names, from the files the diary keeps\n"
        "function _twitchtui_names\n"
        f"  set -l dir {folder}\n"
        f'  set -q {CACHE_VAR}; and test -n "${CACHE_VAR}"; and set dir ${CACHE_VAR}\n'
        '  test -r "$dir/$argv[1]"; and cat "$dir/$argv[1]"\n'
        "end\n"
    )


def names_complete(kind: str, folder: str) -> dict[str, Any]:
    """A shtab ``.complete`` value listing one cached list."""
    return {
        "bash": f"_twitchtui_{kind}",
        "zsh": f"_twitchtui_{kind}",
        "fish": f"(_twitchtui_names {kind})",
        "preamble": {shell: preamble(shell, folder) for shell in SHELLS},
    }


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def annotate(parser: argparse.ArgumentParser, folder: str) -> None:
    """Tell shtab what the parser cannot: which arguments are files, and
    which take a habit's or a medicine's name."""
    import shtab  # only when a script is printed

    def files(p: argparse.ArgumentParser) -> None:
        for action in p._actions:
            if action.metavar in FILE_METAVARS or action.dest in ("file", "output"):
                action.complete = shtab.FILE  # type: ignore[attr-defined]
        for child in subparsers(p).values():
            files(child)

    files(parser)
    commands = subparsers(parser)
    for (name, verb), kind in NAME_ARGS.items():
        target = subparsers(commands[name])[verb]
        for action in target._get_positional_actions():
            if action.dest == "name":
                action.complete = names_complete(kind, folder)  # type: ignore[attr-defined]


def script(shell: str, folder: str | None = None) -> str:
    """The completion script for ``shell``, for names kept in ``folder``
    (default: this machine's cache folder, which $TWITCHTUI_CACHE_DIR can
    still change when Tab is pressed)."""
    import shtab  # only when a script is printed

    from . import build_parser  # the whole parser, every command: only here

    if folder is None:
        env = {k: v for k, v in os.environ.items() if k != CACHE_VAR}
        folder = str(cache_dir(env))
    quoted = shlex.quote(folder) if shell == "fish" else folder.replace('"', "")
    parser = build_parser()
    annotate(parser, quoted)
    text: str = shtab.complete(parser, shell=shell)
    return text


def completions(args: argparse.Namespace) -> int:
    print(script(args.shell), end="")
    return 0
