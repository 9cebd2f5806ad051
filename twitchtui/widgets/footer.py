"""Textual's Footer, with its keys in the first frame, recomposed only when
they change, and without the keys it replaced kept alive.

Textual's Footer composes nothing until the screen's bindings are first
published (its keys, and the "^p palette" hint, came a few hundred ms after
the first frame), and recomposes all its keys on every ``refresh_bindings``
(each focus move, each pane key). Each ``FooterKey`` it composes is bound to
the Footer's ``compact`` (``data_bind``), and Textual forgets such a watcher
only when ``compact`` changes, which it never does here: every key ever
composed stayed in memory, with its styles and caches (about 170 KiB a
press of ``1``-``4``, ``v`` or ``n`` on the dashboard; benchmarks/tui.py).

That binding also restyled every key twice as it mounted: a ``FooterKey``
starts compact (its own default), its watcher adds ``-compact`` and the
binding takes it off again, each a pass of the stylesheet over the key
(about 35 passes for the dashboard's keys, the largest part of the first
frame's styling). Here each key is given the Footer's ``compact`` before it
mounts, and the Footer hands a change of it down itself: no binding, so no
watcher to keep, and each key is styled once.

Each key costs about 3 ms to compose, style and draw, and the dashboard has
18, of which a 120-column terminal shows 11 (the others are past the right
edge, reached by scrolling the Footer). The first time, the Footer composes
only the keys that fit on its line, and the palette hint; the others are
mounted just after the first frame, where nobody sees them arrive.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, str, bool, bool, str], ...]


class KeysFooter(Footer):
    """A Footer that shows its keys at once and recomposes only on a change."""

    def __init__(self) -> None:
        super().__init__()
        # The keys come with the first frame: the screen's bindings are known
        # by the time the Footer composes (it mounts with the screen).
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: Shown | None = None
        """The keys as last composed."""
        self.recomposed = 0
        """How many times the keys were composed (tests count them)."""
        self._later: list[FooterKey] = []
        """Keys past the right edge, held back from the first compose."""
        self._recomposing = 0
        """Recomposes begun (the held keys are not mounted once one has)."""

    def _keys(self) -> Shown:
        return tuple(
            (b.key, b.action, b.description, b.show, enabled, tooltip)
            for _, b, enabled, tooltip in self.screen.active_bindings.values()
        )

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        self.recomposed += 1
        self._later = []
        room = self._first_room()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                self._unbound(widget)
                if room is not None and not widget.has_class("-command-palette"):
                    if room <= 0:
                        self._later.append(widget)
                        continue
                    room -= key_width(widget)
            yield widget

    def _first_room(self) -> int | None:
        """The cells the first compose fills with keys (None: every key)."""
        if self.recomposed > 1 or any(b.group for _, b, *_ in self.screen.active_bindings.values()):
            return None  # (keys in a group are composed inside it: all at once)
        return self.app.size.width

    def on_mount(self) -> None:  # (Textual calls the Footer's own on_mount too)
        if self._later:
            self.call_after_refresh(self._mount_later)

    async def recompose(self) -> None:
        self._recomposing += 1  # before its first await: the held keys stay out
        await super().recompose()

    def _mount_later(self) -> None:
        """The keys held back, before the palette hint (unless a recompose,
        which composes all of them, has begun meanwhile)."""
        later, self._later = self._later, []
        if later and not self._recomposing and self.is_attached:
            palette = self.query(".-command-palette").results(FooterKey)
            self.mount_all(later, before=next(palette, None))

    def _unbound(self, key: FooterKey) -> None:
        """``key`` as the Footer composed it, styled once: a key bound to the
        Footer's ``compact`` gets its value, set before it mounts, without the
        binding; one left unbound (the palette's) keeps its own default."""
        bound = key._reactive_connect is not None and "compact" in key._reactive_connect
        # (Reading ``key.compact`` here would run its watcher, and restyle it, early.)
        compact = self.compact if bound else True  # FooterKey's own default
        if bound:
            key._reactive_connect = None
            key.add_class("-follows-footer", update=False)
        key.set_reactive(FooterKey.compact, compact)
        key.set_class(compact, "-compact", update=False)

    def watch_compact(self, compact: bool) -> None:
        for key in self.query(".-follows-footer").results(FooterKey):
            key.compact = compact

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self._keys() == self._shown:
            return  # the same keys as shown: nothing to redraw
        super().bindings_changed(screen)


def key_width(key: FooterKey) -> int:
    """The cells ``key`` takes on the Footer's line (its key and description,
    each padded as Textual's Footer pads them when not compact)."""
    return cell_len(key.key_display) + 2 + (cell_len(key.description) + 1 if key.description else 0)
