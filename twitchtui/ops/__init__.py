"""User actions as undoable operations. No Textual import.

Each operation's ``apply(store)`` performs one store transaction and returns
the operation that undoes it. An inverse is a *delta*, never a snapshot: undo
of "+250 ml water" takes 250 ml off the water recorded now, so a glass added
meanwhile by ``twitchtui water +1`` or by a second dashboard stays. Each delta
is applied under the diary lock to the current state. When it no longer fits
(the entry was deleted or changed elsewhere, the cup is gone), it raises
``Conflict`` and changes nothing.

An inverse keeps the label of the change it undoes, so the dashboard can say
"Undone: +250 ml water" and "Redone: +250 ml water".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Op
    from .days import (
        AddCoffee,
        AddHabit,
        AddSelfCheck,
        AddWater,
        CountSelfCheck,
        RemoveCoffee,
        RemoveSelfCheck,
        SetDayFields,
        WithdrawSelfCheck,
    )
    from .entries import MergeEntries, NotUndone, RestoreExport
    from .settings import (
        AddMedicine,
        DropHabit,
        NewHabit,
        SaveSettings,
        StopMedicine,
    )
    from .tried import (
        AddRelief,
        CancelExperiment,
        EndExperiment,
        RemoveRelief,
        ReopenExperiment,
        StartExperiment,
    )
    from .twitches import (
        DeleteTwitch,
        EditTwitch,
        LogTwitch,
        RestoreTwitch,
    )

# The operations load on first use, as ``textual.widgets`` does: neither the
# dashboard's first frame nor a shell command needs them all, and building
# their 27 frozen dataclasses is slow. Measured on this project's 2-core
# machine: importing all six modules after the session takes 18-28 ms (nine
# runs); ``twitchtui log`` loads only ``twitches`` (4 of them). Under load
# the first frame's median could not tell the difference (516 ms lazy,
# 514 ms plain, 15 alternating rounds), so the import time is the figure.
# ``from twitchtui.ops import LogTwitch`` works as usual; a test checks this
# table against the classes in the files.
_HOMES = {
    "Op": "base",
    "LogTwitch": "twitches",
    "DeleteTwitch": "twitches",
    "RestoreTwitch": "twitches",
    "EditTwitch": "twitches",
    "AddCoffee": "days",
    "CountSelfCheck": "days",
    "AddHabit": "days",
    "AddSelfCheck": "days",
    "AddWater": "days",
    "RemoveCoffee": "days",
    "RemoveSelfCheck": "days",
    "WithdrawSelfCheck": "days",
    "SetDayFields": "days",
    "SaveSettings": "settings",
    "AddMedicine": "settings",
    "StopMedicine": "settings",
    "NewHabit": "settings",
    "DropHabit": "settings",
    "AddRelief": "tried",
    "CancelExperiment": "tried",
    "EndExperiment": "tried",
    "RemoveRelief": "tried",
    "ReopenExperiment": "tried",
    "StartExperiment": "tried",
    "MergeEntries": "entries",
    "NotUndone": "entries",
    "RestoreExport": "entries",
}


def __getattr__(name: str) -> object:
    try:
        home = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    # __import__, as an import statement does, so ``-X importtime`` reports it.
    value = getattr(__import__(f"{__name__}.{home}", fromlist=[name]), name)
    globals()[name] = value  # later look-ups skip this function
    return value


__all__ = [
    "AddCoffee",
    "AddHabit",
    "AddMedicine",
    "AddRelief",
    "AddSelfCheck",
    "AddWater",
    "CancelExperiment",
    "CountSelfCheck",
    "DeleteTwitch",
    "DropHabit",
    "EditTwitch",
    "EndExperiment",
    "LogTwitch",
    "MergeEntries",
    "NewHabit",
    "NotUndone",
    "Op",
    "RemoveCoffee",
    "RemoveRelief",
    "RemoveSelfCheck",
    "ReopenExperiment",
    "RestoreExport",
    "RestoreTwitch",
    "SaveSettings",
    "SetDayFields",
    "StartExperiment",
    "StopMedicine",
    "WithdrawSelfCheck",
]


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
