"""Where this machine keeps what never travels with the diary: the cached
names for shell completion and the record of reminders sent.

Both live outside the diary's folder, so a sync tool that carries the diary
to another computer never carries them (two machines would otherwise silence
each other's reminders). ``$TWITCHTUI_CACHE_DIR`` and ``$TWITCHTUI_STATE_DIR``
choose other folders (tests set them).

On Linux and macOS the folders are worked out here, as platformdirs would
(``$XDG_CACHE_HOME`` or ``~/.cache``; ``~/Library/Caches``): every write
refreshes the names, and importing platformdirs costs about 27 ms, more than
``twitchtui log`` may spend. Elsewhere platformdirs decides.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP = "twitchtui"
CACHE_VAR = "TWITCHTUI_CACHE_DIR"
STATE_VAR = "TWITCHTUI_STATE_DIR"


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder for what can be rebuilt at any time (the completion names)."""
    env = os.environ if env is None else env
    if env.get(CACHE_VAR):
        return Path(env[CACHE_VAR]).expanduser()
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    if sys.platform.startswith("linux"):
        base = env.get("XDG_CACHE_HOME", "").strip()
        return (Path(base) if base else Path.home() / ".cache") / APP
    from platformdirs import user_cache_path  # not Linux or macOS: about 19 ms

    return user_cache_path(APP, appauthor=False)


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    """The folder for what this machine remembers (the reminders sent)."""
    env = os.environ if env is None else env
    if env.get(STATE_VAR):
        return Path(env[STATE_VAR]).expanduser()
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP
    if sys.platform.startswith("linux"):
        base = env.get("XDG_STATE_HOME", "").strip()
        return (Path(base) if base else Path.home() / ".local" / "state") / APP
    from platformdirs import user_state_path  # see cache_dir

    return user_state_path(APP, appauthor=False)
