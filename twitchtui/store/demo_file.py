"""A throw-away sample diary for ``twitchtui --demo``: the real diary is never touched."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from ..demo import generate
from .diary import Store


def temporary_demo_diary(now: datetime, days: int = 60) -> Path:
    """Write a seeded sample diary in a private temp folder removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="twitchtui-demo-"))  # mode 0700
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "diary.json"
    twitches, logs = generate(now, days=days, seed=1)
    Store.open(path, now=lambda: now).merge(twitches, logs)
    return path
