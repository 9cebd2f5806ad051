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

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Op
    from .diary import (
        AddCoffee,
        AddHabit,
        AddSelfCheck,
        AddWater,
        DeleteTwitch,
        EditTwitch,
        LogTwitch,
        RemoveCoffee,
        RemoveSelfCheck,
        RestoreTwitch,
        SaveSettings,
        SetDayFields,
    )
    from .entries import MergeEntries, NotUndone, RestoreExport
    from .lists import AddMedicine, DropHabit, NewHabit, StopMedicine
    from .tried import (
        AddRelief,
        CancelExperiment,
        CountSelfCheck,
        EndExperiment,
        RemoveRelief,
        ReopenExperiment,
        StartExperiment,
    )

# The operations load on first use, as ``textual.widgets`` does: the dashboard's
# first frame needs none of them, and building their 17 dataclasses costs about
# 15 ms of start-up. ``from twitchtui.ops import LogTwitch`` works as usual.
_HOMES = {
    "Op": "base",
    "AddCoffee": "diary",
    "AddHabit": "diary",
    "AddSelfCheck": "diary",
    "AddWater": "diary",
    "DeleteTwitch": "diary",
    "EditTwitch": "diary",
    "LogTwitch": "diary",
    "RemoveCoffee": "diary",
    "RemoveSelfCheck": "diary",
    "RestoreTwitch": "diary",
    "SaveSettings": "diary",
    "SetDayFields": "diary",
    "AddRelief": "tried",
    "CancelExperiment": "tried",
    "CountSelfCheck": "tried",
    "EndExperiment": "tried",
    "RemoveRelief": "tried",
    "ReopenExperiment": "tried",
    "StartExperiment": "tried",
    "AddMedicine": "lists",
    "StopMedicine": "lists",
    "NewHabit": "lists",
    "DropHabit": "lists",
    "MergeEntries": "entries",
    "RestoreExport": "entries",
    "NotUndone": "entries",
}


def __getattr__(name: str) -> object:
    try:
        home = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f".{home}", __name__), name)
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
]


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
