"""Start the dashboard. Kept apart from ``cli`` so that only this path imports Textual."""

from __future__ import annotations

from pathlib import Path


def run_tui(path: Path, demo: bool = False) -> int:
    from .app import TwitchApp

    if demo:
        from .model import local_now
        from .store.demo_file import temporary_demo_diary

        path = temporary_demo_diary(local_now())
    app = TwitchApp(path, first_run=not demo)
    if demo:
        app.sub_title = "demo diary (thrown away on exit)"
    app.run()
    return app.return_code or 0
