"""The shape every undoable action has."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..store import Store


class Op(Protocol):
    label: str

    def apply(self, store: Store) -> Op: ...
