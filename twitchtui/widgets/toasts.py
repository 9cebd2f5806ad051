"""Letting go of toasts: Textual's ``App.clear_notifications`` leaves a
ToastHolder behind for every toast it takes down early.

When a notification goes before its toast has timed out (the dashboard
shows one toast at a time, so each new notice clears the last), Textual's
``ToastRack.show`` removes the Toast but not the ToastHolder wrapped around
it: the empty holder stays mounted, and with it the toast it held (its
layout cache). A dashboard open all day logged a twitch and undid it a few
hundred times and held a few hundred of each. Removed here with their
holders, on every screen, before the notifications are cleared.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.css.query import NoMatches
from textual.widgets._toast import ToastRack


def clear_toasts(app: App[Any]) -> None:
    """Clear every notification, and take down its toast with its holder."""
    for screen in app.screen_stack:
        try:
            rack = screen.get_child_by_type(ToastRack)  # not found by a query
        except NoMatches:
            continue
        for holder in rack.children:  # each a ToastHolder with its Toast
            holder.remove()
    app.clear_notifications()
