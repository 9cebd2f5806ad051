"""The names shell completion offers (habits, medicines), cached in a small
file each so that Tab never starts Python: the completion scripts read them
with ``cat``.

``refresh`` runs after every write from the shell (``cli.running``) and
should run after every save of the dashboard (``session``): it costs one
small read, and a write only when a name was added, renamed or removed. The
files hold the diary written last on this machine; they live in the user
cache folder (``machine.cache_dir``), never beside the diary, 0600.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path

from .machine import cache_dir
from .model import Settings
from .store import write_private

KINDS = ("habits", "medicines")
"""One file each, one name a line."""


def names_path(kind: str, folder: Path | None = None) -> Path:
    return (folder or cache_dir()) / kind


def wanted(settings: Settings) -> dict[str, str]:
    """Each file's contents for these settings."""
    habits = [h.name for h in settings.habits]
    medicines = sorted({m.name for m in settings.medicines}, key=str.lower)
    return {
        "habits": "".join(f"{one_line(n)}\n" for n in habits),
        "medicines": "".join(f"{one_line(n)}\n" for n in medicines),
    }


def one_line(name: str) -> str:
    """A name as one line, with no character a shell would act on."""
    return "".join(c for c in name if c.isprintable() and c not in "\\`$\"'")


def refresh(settings: Settings, folder: Path | None = None) -> bool:
    """Bring the files up to date with ``settings``; True when one changed.
    Never raises: completion is a convenience, and a diary write has
    already succeeded when this runs."""
    changed = False
    try:
        folder = folder or cache_dir()
        for kind, text in wanted(settings).items():
            path = names_path(kind, folder)
            try:
                if path.read_text(encoding="utf-8") == text:
                    continue
            except (OSError, UnicodeDecodeError):
                pass
            write_private(path, text)
            changed = True
    except (OSError, ValueError):
        return changed
    return changed


def read(kind: str, folder: Path | None = None) -> list[str]:
    """The names cached (what Tab offers), [] when there are none."""
    with contextlib.suppress(OSError, UnicodeDecodeError):
        return names_path(kind, folder).read_text(encoding="utf-8").splitlines()
    return []


def cache_folder(env: Mapping[str, str] | None = None) -> Path:
    return cache_dir(env)
