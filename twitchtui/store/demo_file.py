"""A throw-away sample diary for ``twitchtui --demo``: the real diary is never touched."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

from ..demo import generate, tried
from ..model import PAUSE, DayLog, Twitch
from ..ops import EndExperiment
from .atomic import make_private_folder
from .errors import StoreError
from .files import Layout
from .store import Store
from .writer import write_error


class DiaryExists(StoreError):
    """``demo`` was pointed at a diary that exists: it is never touched."""


def existing_files(path: Path) -> list[Path]:
    """The files of a diary at ``path`` that are already there (a main file,
    a link, or month files): a demo may only write where this is empty."""
    layout = Layout(path)
    found = [path] if path.exists() or path.is_symlink() else []
    return found + [f.path for f in layout.listing(fresh=True).files]


def new_demo_diary(path: Path, now: Callable[[], datetime], fill: Callable[[Store], int]) -> int:
    """Write a sample diary at ``path``, which must be new: all of it or none.

    The diary is built in a private folder beside ``path`` and its files are
    then linked into place, never over an existing file; if one cannot be,
    the ones already placed are removed again. Returns what ``fill`` returns.
    """
    if existing_files(path):
        raise DiaryExists(f"{path} already holds a diary")
    folder = path.parent
    if not folder.exists():
        try:
            make_private_folder(folder)
        except OSError as exc:
            raise write_error(folder, exc) from exc
    try:
        work = Path(tempfile.mkdtemp(prefix=".twitchtui-demo-", dir=folder))
    except OSError as exc:
        raise write_error(folder, exc) from exc
    try:
        written = fill(Store.open(work / path.name, now=now))
        built = Layout(work / path.name)
        # Month and settings files first, the main file last: the diary appears whole.
        files = [*(f.path for f in built.listing(fresh=True).files), built.path]
        placed: list[Path] = []
        for src in files:
            dst = folder / src.name
            try:
                os.link(src, dst)  # refuses to replace a file that appeared meanwhile
            except OSError as exc:
                for done in placed:
                    done.unlink(missing_ok=True)
                if isinstance(exc, FileExistsError):
                    raise DiaryExists(f"{dst} appeared while the demo was written") from exc
                raise write_error(dst, exc) from exc
            placed.append(dst)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return written


def with_tried(store: Store, twitches: list[Twitch], logs: list[DayLog]) -> int:
    """Write a sample diary with what was tried in it, the stimulant pause's
    result kept as the app keeps it when a pause ends. Returns the twitches written."""
    twitches, logs, began = tried(store.now(), twitches, logs)
    store.merge(twitches, logs)
    store.update_settings(lambda settings: replace(settings, pause_started=began))
    EndExperiment(PAUSE, began + timedelta(hours=48), stopped_early=False).apply(store)
    return len(twitches)


def temporary_demo_diary(
    now: datetime, days: int = 60, bedtime: time | None = None, emergency_number: str = ""
) -> Path:
    """Write a seeded sample diary in a private temp folder removed at exit
    (with the person's usual ``bedtime`` and emergency number, when given)."""
    folder = Path(tempfile.mkdtemp(prefix="twitchtui-demo-"))  # mode 0700
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "diary.json"
    twitches, logs = generate(now, days=days, seed=1)
    store = Store.open(path, now=lambda: now)
    with_tried(store, twitches, logs)
    if bedtime is not None:
        store.update_settings(lambda settings: replace(settings, usual_bedtime=bedtime))
    if emergency_number:
        store.update_settings(lambda settings: replace(settings, emergency_number=emergency_number))
    return path
