"""Where this machine keeps what never travels with the diary: the cached
names for shell completion, the record of reminders sent, and this
machine's device name (``device_name``: which diary files are its own).

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

import contextlib
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from .model.values import InvalidEntry

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


DEVICE_VAR = "TWITCHTUI_DEVICE"
DEVICE_FILE = "device"
_DEVICE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class BadDeviceName(InvalidEntry):
    """``$TWITCHTUI_DEVICE`` (or a name asked for) is not a device name: 1 to
    32 letters, digits, ``-`` or ``_`` (it becomes part of file names)."""


def check_device(name: str, what: str = DEVICE_VAR) -> str:
    """``name`` when it can name a device's files; ``BadDeviceName`` otherwise."""
    if (
        not isinstance(name, str)
        or not _DEVICE.fullmatch(name)
        or name.startswith("sync-conflict-")
    ):
        raise BadDeviceName(
            what,
            f"{str(name)[:40]!r} is not a device name (1 to 32 letters, digits, - or _)",
        )
    return name


def check_device_env(env: Mapping[str, str] | None = None) -> None:
    """Refuse a bad ``$TWITCHTUI_DEVICE`` before anything is opened (the shell)."""
    env = os.environ if env is None else env
    if env.get(DEVICE_VAR) is not None:
        check_device(env[DEVICE_VAR])


def device_name(env: Mapping[str, str] | None = None) -> str:
    """The name this machine's diary files carry (``store.files``).

    ``$TWITCHTUI_DEVICE`` when set (checked: ``BadDeviceName``); otherwise a
    name made once, the short host name and four random hex digits (two
    machines with one host name still differ), and kept in ``state_dir()``:
    never in the diary's folder, which a sync tool would carry to the other
    machine, and so give both the same name."""
    env = os.environ if env is None else env
    if env.get(DEVICE_VAR) is not None:
        return check_device(env[DEVICE_VAR])
    kept = state_dir(env) / DEVICE_FILE
    try:
        name = kept.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        name = ""
    if _DEVICE.fullmatch(name):
        return name
    name = new_device_name()
    keep_device_name(name, env)
    return name


def new_device_name() -> str:
    """The short host name, cleaned, and four random hex digits."""
    node = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    host = re.sub(r"[^A-Za-z0-9_-]", "", node.split(".")[0])[:27]
    return f"{host or 'device'}-{os.urandom(2).hex()}"


def keep_device_name(name: str, env: Mapping[str, str] | None = None) -> None:
    """Write ``name`` as this machine's device name (0600, in a 0700 folder).

    Best effort when the state folder cannot be written: the name then holds
    for this process only, and a new one is made next time (its files are
    still read with every other device's, so nothing is lost)."""
    folder = state_dir(env)
    try:
        missing = []
        probe = folder
        while not probe.exists() and probe != probe.parent:
            missing.append(probe)
            probe = probe.parent
        for made in reversed(missing):
            with contextlib.suppress(FileExistsError):
                made.mkdir(mode=0o700)
        tmp = folder / f".{DEVICE_FILE}.{os.urandom(4).hex()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, f"{check_device(name, 'device')}\n".encode())
        finally:
            os.close(fd)
        os.replace(tmp, folder / DEVICE_FILE)
    except OSError:
        return
