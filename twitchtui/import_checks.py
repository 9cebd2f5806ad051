"""What an import file's values must be: a number is a number and a yes/no a
yes/no, with nothing converted on the way (the model's checks, shared with the
forms, read the text "3" as 3; a file says what it means). No Textual import."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from .model import InvalidEntry, Settings
from .model.settings import check_theme
from .model.values import shown


def _numbers(doc: dict[str, Any], whole: tuple[str, ...] = (), real: tuple[str, ...] = ()) -> None:
    """Refuse a number written as text, a true/false or a fraction where a
    whole number belongs: the model's checks read ``"3"`` and ``3.0`` as 3 (a
    form's field is text), but a file says what it means. Null (not
    recorded) passes."""
    for name in whole:
        _typed(doc, name, (int,), "a whole number")
    for name in real:
        _typed(doc, name, (int, float), "a number")


def _typed(doc: dict[str, Any], name: str, kinds: tuple[type, ...], what: str) -> None:
    value = doc.get(name)
    if value is not None and (isinstance(value, bool) or not isinstance(value, kinds)):
        raise InvalidEntry(name, f"{shown(value)} is not {what}")


def _setting_kinds(doc: dict[str, Any]) -> None:
    """A setting of the wrong kind in a file is refused, not converted: a
    yes/no must be true or false, a number a whole number, a name text."""
    for f in fields(Settings):
        value, default = doc.get(f.name), f.default
        if value is None or f.name not in doc:
            continue
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise InvalidEntry(f.name, f"{shown(value)} is not true or false")
        elif isinstance(default, int):
            _typed(doc, f.name, (int,), "a whole number")
        elif isinstance(default, str) and not isinstance(value, str):
            raise InvalidEntry(f.name, f"{shown(value)} is not text")
    if doc.get("theme") is not None:  # refused here, not read as the default
        check_theme(doc["theme"])
