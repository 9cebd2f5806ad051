"""Start the dashboard. Kept apart from ``cli`` so that only this path imports Textual."""

from __future__ import annotations

from pathlib import Path


def run_tui(path: Path) -> int:
    from .app import TwitchApp

    app = TwitchApp(path)
    app.run()
    return app.return_code or 0
