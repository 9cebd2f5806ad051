"""The dashboard's keys: one Binding each, with what it does (``tooltip``),
from which the Footer, help, the command palette and the README's table come."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# Footer order: help and quit first so that no width hides them, then the
# keys used most during a day. The rest are in help (?) and the palette.
KEYS: list[BindingType] = [
    Binding("question_mark,f1", "app.help", "Help", key_display="?", id="dash-help"),
    Binding("q", "app.quit", "Quit", id="dash-quit"),
    # Only while a small terminal shows one pane: back to the summary.
    Binding(
        "escape",
        "summary",
        "Back",
        tooltip="to the compact summary, in a small terminal",
        id="summary",
    ),
    Binding(
        "t",
        "log_twitch",
        "Log twitch",
        tooltip="on the day shown: now, or a form for a past day",
        id="log-twitch",
    ),
    Binding("w", "water(1)", "+Glass", tooltip="a glass of water", id="water"),
    Binding("c", "coffee", "Coffee", tooltip="record a cup of coffee with its time", id="coffee"),
    Binding(
        "s",
        "snack",
        "Snack",
        tooltip="pick the food: almonds, banana, spinach…; again unticks it",
        id="snack",
    ),
    Binding(
        "u,ctrl+z",
        "undo",
        "Undo",
        key_display="u",
        tooltip="the last 200 changes of this session",
        id="undo",
    ),
    Binding(
        "f",
        "compress",
        "Compress",
        tooltip="a warm compress timer; again stops it early",
        id="compress",
    ),
    Binding(
        "space",
        "pause_timer",
        "Pause timer",
        key_display="Space",
        tooltip="pauses or resumes a running compress",
        id="pause-timer",
    ),
    # Space with no compress running: the binding above is off, so this one
    # answers (no id: it is not a key of its own in help or the README).
    Binding("space", "timer_idle", "Pause timer", show=False),
    Binding("l", "relax", "Relax", tooltip="the guided face relaxation", id="relax"),
    Binding("i", "checkin", "Check-in", tooltip="stress, sleep and what you ate", id="checkin"),
    Binding("k", "selfcheck", "Self-check", id="selfcheck"),
    Binding("d", "details", "Details…", tooltip="log with a form", id="details"),
    Binding(
        "b",
        "bedtime",
        "Bedtime",
        tooltip="before noon: last night's, as twitchtui bed",
        id="bedtime",
    ),
    Binding("h", "habits", "Habits", tooltip="your own: 1-9 ticks one, a adds one", id="habits"),
    Binding(
        "g",
        "calendar",
        "Calendar",
        tooltip="a month heatmap; Enter shows that day",
        id="calendar",
    ),
    Binding("r", "report", "Report", tooltip="the doctor's report", id="report"),
    Binding("o", "settings", "Settings", id="settings"),
    Binding(
        "y",
        "experiment",
        "Experiment",
        show=False,
        tooltip="try one change for some days, or stop the one running",
        id="experiment",
    ),
    Binding("ctrl+y", "redo", "Redo", show=False, id="redo"),
    Binding(
        "W",
        "water(-1)",
        "−Glass",
        show=False,
        tooltip="take a glass of water off",
        id="water-less",
    ),
    Binding(
        "e",
        "electrolytes",
        "Electrolytes",
        show=False,
        tooltip="tick electrolytes in the water",
        id="electrolytes",
    ),
    Binding(
        "C",
        "coffee_remove",
        "−Coffee",
        show=False,
        tooltip="remove the last cup of coffee",
        id="coffee-less",
    ),
    Binding(
        "0",
        "no_coffee",
        "No coffee",
        show=False,
        tooltip="today had none: answers the coffee item; again unticks it",
        id="no-coffee",
    ),
    Binding(
        "T",
        "caps_lock",
        "Caps Lock?",
        show=False,
        tooltip="T does nothing: says that Caps Lock may be on",
        id="caps-lock",
    ),
    Binding(
        "p",
        "pause",
        "Coffee pause",
        show=False,
        tooltip="48 hours without coffee; asks first",
        id="pause",
    ),
    Binding(
        "m",
        "medicines",
        "Medicines",
        show=False,
        tooltip="your list, for the red flags and the report",
        id="medicines",
    ),
    # Shown in the trends pane's title rather than in the Footer.
    Binding("v", "next_chart", "Chart", show=False, tooltip="switch the trends chart", id="chart"),
    Binding(
        "n", "next_range", "Range", show=False, tooltip="7, 14, 30, 90 or 365 days", id="range"
    ),
    Binding(
        "z",
        "quiet",
        "Quiet",
        show=False,
        tooltip="reminders off until tomorrow; again to turn them back on",
        id="quiet",
    ),
    Binding("1", "pane('quick-log')", "Quick log pane", show=False, id="pane-1"),
    Binding("2", "pane('checklist')", "Checklist pane", show=False, id="pane-2"),
    Binding("3", "pane('trends')", "Trends pane", show=False, id="pane-3"),
    Binding("4", "pane('red-flags')", "Red flags pane", show=False, id="pane-4"),
    # Shown in the checklist's header rather than in the Footer.
    Binding(
        "left_square_bracket",
        "shift_day(-1)",
        "Prev day",
        False,
        key_display="[",
        tooltip="the whole dashboard shows that day",
        id="prev",
    ),
    Binding("right_square_bracket", "shift_day(1)", "Next day", False, key_display="]", id="next"),
]
