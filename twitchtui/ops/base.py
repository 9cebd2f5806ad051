"""The shape every undoable action has, and how an action that sets some
fields (of a day's log, or of the settings) keeps what it replaced."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..model import Conflict, DayLog, Settings

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


def field_values(entry: DayLog | Settings, names: list[str]) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in names}


Entry = TypeVar("Entry", DayLog, Settings)


def patch(
    current: Entry,
    values: dict[str, Any],
    expect: dict[str, Any] | None,
    what: str,
    before: dict[str, Any],
) -> Entry:
    """``current`` with ``values`` set, only while the ``expect``-ed fields still
    hold those values (else ``Conflict``). The old values go into ``before``."""
    if expect is not None and field_values(current, list(expect)) != expect:
        raise Conflict(f"{what} changed elsewhere since")
    before.update(field_values(current, list(values)))
    return replace(current, **values)
