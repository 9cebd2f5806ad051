"""A throw-away sample diary for ``twitchtui --demo``: the real diary is never touched."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

from ..demo import generate, tried
from ..model import Twitch
from .diary import Store


def with_tried(store: Store, twitches: list[Twitch], logs: list) -> int:
    """Write a sample diary with what was tried in it, the stimulant pause's
    result kept as the app keeps it when a pause ends. Returns the twitches written."""
    from ..model import PAUSE
    from ..ops import EndExperiment

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
