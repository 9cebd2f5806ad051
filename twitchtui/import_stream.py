"""An export file read a value at a time: the import's twitches come from
the file one by one, so neither the file's whole text nor the whole list of
parsed twitches is ever held (at 500,000 twitches each was hundreds of MB).

Pure: it reads only the text file object it is given. Anything not laid
out as an export is (not JSON, a key given twice, the twitches before the
export's time) is ``NotStreamed``: the caller then reads the file whole, as
``json.loads`` does, and gives the answer its text gets."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

from .model.values import Doc

CHUNK = 1 << 20
"""Characters read at a time (more when one value is longer: twice what is held)."""

_DECODE = json.JSONDecoder().raw_decode
_SPACE = re.compile(r"[ \t\n\r]*")
"""The white space JSON allows between its tokens."""


class NotStreamed(Exception):
    """The file cannot be read a value at a time: read it whole instead."""


class Source:
    """JSON text from a file, a chunk at a time, with only the part not yet
    taken held (plus what one value needs)."""

    def __init__(self, file: TextIO, chunk: int | None = None) -> None:
        self.file, self.chunk = file, chunk or CHUNK
        self.text, self.at, self.ended = "", 0, False
        self.began = 0
        """Where the last value read begins in ``text``."""
        self.chars_read = 0
        """Characters read from the file so far (for a progress bar)."""

    def _more(self, at_least: int = 0) -> bool:
        if self.ended:
            return False
        piece = self.file.read(max(self.chunk, at_least))
        if not piece:
            self.ended = True
            return False
        self.chars_read += len(piece)
        self.text, self.at = self.text[self.at :] + piece, 0
        return True

    def next_char(self) -> str:
        """The next character that is not white space (not taken); "" at the end."""
        while True:
            found = _SPACE.match(self.text, self.at)
            self.at = found.end() if found else self.at
            if self.at < len(self.text):
                return self.text[self.at]
            if not self._more():
                return ""

    def take(self, char: str) -> bool:
        """Take ``char`` if it comes next."""
        if self.next_char() != char:
            return False
        self.at += 1
        return True

    def value(self) -> Any:
        """The next JSON value, read on until it is whole. A value cut at the
        end of what is held reads as much again (twice as much held): a long
        one costs reading it a few times, never once per chunk."""
        self.next_char()
        while True:
            try:
                value, end = _DECODE(self.text, self.at)
            except RecursionError:
                raise NotStreamed("nested too deeply") from None
            except ValueError:
                if self._more(len(self.text)):
                    continue
                raise NotStreamed("not JSON") from None
            if end == len(self.text) and self._more(len(self.text)):
                continue  # a number or a word may go on in the next part
            self.began, self.at = self.at, end
            return value


DEEPEST = 32
"""Nesting past this is read whole instead: an export nests four deep, and
``json.loads`` of the whole text, nearer Python's recursion limit than a
value read here, refuses a depth this reading would take (near 990)."""


def value(source: Source) -> Any:
    """``source.value()``, refused (``NotStreamed``) when nested past ``DEEPEST``."""
    found = source.value()
    _shallow(source, found)
    return found


def _shallow(source: Source, found: Any) -> None:
    """``NotStreamed`` if ``found``, the value just read, nests past
    ``DEEPEST``. Its brackets are counted first, in its text (one in a
    string counts too, so this never says too little): a twitch has two."""
    text, began, at = source.text, source.began, source.at
    brackets = text.count("[", began, at) + text.count("{", began, at)
    if brackets > DEEPEST and _deeper(found, DEEPEST):
        raise NotStreamed("nested too deeply")


def _deeper(found: dict[str, Any] | list[Any], most: int) -> bool:
    """Whether ``found`` nests more than ``most`` lists and objects deep."""
    level: list[Any] = [found]
    for _ in range(most):
        level = [
            child
            for parent in level
            for child in (parent.values() if isinstance(parent, dict) else parent)
            if isinstance(child, (dict, list))
        ]
        if not level:
            return False
    return True


def items(source: Source) -> Iterator[Doc]:
    """The objects of the list that begins next (its "[" taken already), each
    nested no deeper than ``DEEPEST``."""
    if source.take("]"):
        return
    while True:
        item = value(source)
        if type(item) is not dict:
            raise NotStreamed("an item that is not an object")
        yield item
        if source.take("]"):
            return
        if not source.take(","):
            raise NotStreamed("not JSON")
