"""The shape every undoable action has."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..store import Store


class Op(Protocol):
    """One user action: ``apply`` makes it in one store transaction and
    returns the action that undoes it, which keeps the same label."""

    @property
    def label(self) -> str:
        """What the change is, in a few words ("+250 ml water")."""
        ...

    def apply(self, store: Store) -> Op: ...
