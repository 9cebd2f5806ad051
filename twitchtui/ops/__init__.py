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

from .base import Op
from .diary import (
    AddCoffee,
    AddHabit,
    AddWater,
    DeleteTwitch,
    EditTwitch,
    LogTwitch,
    RemoveCoffee,
    RestoreTwitch,
    SaveSettings,
    SetDayFields,
)
from .tried import (
    AddRelief,
    CancelExperiment,
    CountSelfCheck,
    EndExperiment,
    RemoveRelief,
    ReopenExperiment,
    StartExperiment,
)

__all__ = [
    "AddCoffee",
    "AddHabit",
    "AddRelief",
    "AddWater",
    "CancelExperiment",
    "CountSelfCheck",
    "DeleteTwitch",
    "EditTwitch",
    "EndExperiment",
    "LogTwitch",
    "Op",
    "RemoveCoffee",
    "RemoveRelief",
    "ReopenExperiment",
    "RestoreTwitch",
    "SaveSettings",
    "SetDayFields",
    "StartExperiment",
]
