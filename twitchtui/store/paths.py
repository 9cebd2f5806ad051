"""Where the diary lives: ``--db``, then ``$TWITCHTUI_DB``, then the platform data dir."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "TWITCHTUI_DB"


def default_db_path() -> Path:
    """The diary in the platform's user data folder (e.g. ~/.local/share/twitchtui)."""
    from platformdirs import user_data_path

    return user_data_path("twitchtui", appauthor=False) / "diary.json"


def resolve_db_path(cli_value: str | None, env: Mapping[str, str] | None = None) -> Path:
    """The diary file to use: the ``--db`` value, the env var, or the default."""
    env = os.environ if env is None else env
    chosen = cli_value or env.get(ENV_VAR)
    return Path(chosen).expanduser() if chosen else default_db_path()
