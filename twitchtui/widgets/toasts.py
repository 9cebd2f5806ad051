"""Letting go of toasts: Textual's ``App.clear_notifications`` leaves a
ToastHolder behind for every toast it takes down early.

When a notification goes before its toast has timed out (the dashboard
shows one toast at a time, so each new notice clears the last), Textual's
``ToastRack.show`` removes the Toast but not the ToastHolder wrapped around
it: the empty holder stays mounted, and with it the toast it held (its
layout cache). A dashboard open all day logged a twitch and undid it a few
hundred times and held a few hundred of each. Removed here with their
holders, on every screen, before the notifications are cleared.

And one toast for the lot: a notice that comes while the last one's toast
is still up, of the same kind, is written into that toast, and its timer
starts again (``show_in_place``). Mounting a new toast for each ``t`` and
``u`` and taking the last one down left Python's memory a little more
scattered each time: 300 presses of ``t u`` grew the dashboard by about a
fifth, a third of that with notices off.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from textual.app import App
from textual.css.query import NoMatches
from textual.notifications import Notification, SeverityLevel
from textual.widgets._toast import Toast, ToastRack


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


def show_in_place(
    app: App[Any], message: str, title: str, severity: SeverityLevel, timeout: float | None
) -> bool:
    """Show a notice in the toast on the current screen, if one toast of the
    same severity is up (its class gives its colour), for ``timeout`` from now;
    whether it was. It takes the shown notification's identity, which is how
    Textual's rack tells that toast is the notice's own."""
    racks = []
    for screen in app.screen_stack:
        with suppress(NoMatches):
            racks.append(screen.get_child_by_type(ToastRack))
    # Every screen shown since the notice came has a toast of its own for it:
    # written into one alone, the other would come back with the old text.
    toasts = [toast for rack in racks for toast in rack.query(Toast)]
    if len(toasts) != 1 or len(app._notifications) != 1:
        return False
    toast = toasts[0]
    shown = toast._notification
    if toast.screen is not app.screen or not toast.is_mounted:
        return False  # not mounted yet: its own timer is still to be set from its time
    if shown not in app._notifications or shown.has_expired or shown.severity != severity:
        return False
    notice = Notification(
        message,
        title,
        severity,
        app.NOTIFICATION_TIMEOUT if timeout is None else timeout,
        markup=False,
        identity=shown.identity,
    )
    app._notifications.add(notice)  # in place of the shown one: same identity
    toast._notification = notice
    toast._timeout = notice.timeout
    for timer in list(toast._timers):
        timer.stop()
    toast.set_timer(notice.time_left, toast._expire)
    toast.refresh(layout=True)
    return True
