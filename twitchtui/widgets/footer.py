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

A focus move changes the keys (each pane has its own): the keys already
mounted take the new keys' text, and only the difference in number is
mounted or removed (``_update_keys``). Making and mounting all of them
again each time grew the process by about 10 MiB over 300 pane keys (tmux,
100,000 twitches), though nothing was kept.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, str, bool, bool, str], ...]
Key = tuple[str, str, str, str, bool, str]
"""What a FooterKey is made of: key, its display, description, action,
disabled, tooltip (as ``Footer.compose`` passes them)."""


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
        """How many times the keys were composed or brought up to date in
        place (tests count them)."""
        self._later: list[FooterKey] = []
        """Keys past the right edge, held back from the first compose."""
        self._recomposing = 0
        """Recomposes begun (the held keys are not mounted once one has)."""
        self._changed = False
        """Whether the last ``_update_keys`` changed any key shown."""

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
        keys = self._keys() if self.is_attached else None
        # Keys pressed faster than the Footer redraws queue a recompose each:
        # by the later ones the keys may be shown already. They still go
        # through ``_update_keys`` (which changes nothing then, and mounts the
        # keys held back from the first compose), never a compose of all of
        # them: that cost about 4 MiB over 300 pane keys in tmux.
        if keys is not None and await self._update_keys():
            if self._changed or keys != self._shown:
                self._shown = keys
                self.recomposed += 1
        else:
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
        if key._reactive_connect is not None and "compact" in key._reactive_connect:
            key._reactive_connect = None
            self._following(key)
        else:
            # (Reading ``key.compact`` here would run its watcher, and restyle it, early.)
            key.set_reactive(FooterKey.compact, True)  # FooterKey's own default
            key.set_class(True, "-compact", update=False)

    def _following(self, key: FooterKey) -> FooterKey:
        """``key``, compact as the Footer is (set before it mounts, so styled
        once) and following a change of it (``watch_compact``)."""
        key.add_class("-follows-footer", update=False)
        key.set_reactive(FooterKey.compact, self.compact)
        key.set_class(self.compact, "-compact", update=False)
        return key

    def watch_compact(self, compact: bool) -> None:
        for key in self.query(".-follows-footer").results(FooterKey):
            key.compact = compact

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self._keys() == self._shown:
            return  # the same keys as shown: nothing to redraw
        super().bindings_changed(screen)

    def _planned(self) -> tuple[list[Key], Key | None] | None:
        """The keys ``Footer.compose`` would make now, in its order, and its
        command-palette key; None when a binding group would make a KeyGroup
        (composed again in full)."""
        active = self.screen.active_bindings
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show:
                if binding.group is not None:
                    return None
                first.setdefault(binding.action, (binding, enabled, tooltip))
        display = self.app.get_key_display
        keys = [
            (b.key, display(b), b.description, b.action, not enabled, tooltip)
            for b, enabled, tooltip in first.values()
        ]
        palette: Key | None = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _, b, enabled, _ = found
                tip = b.tooltip or b.description
                palette = (b.key, display(b), b.description, b.action, not enabled, tip)
        return keys, palette

    async def _update_keys(self) -> bool:
        """Bring the keys shown up to date in place: the keys already mounted
        take the new keys' text, and only the difference in number is mounted
        or removed. A key made and mounted costs its styles and caches, and
        every focus move between panes changes the keys: recomposing them all
        each time made the process grow by about 10 MiB over 300 pane keys
        (tmux, 100,000 twitches), though nothing was kept."""
        planned = self._planned()
        if planned is None:
            return False
        keys, palette = planned
        children = list(self.children)
        if not all(type(child) is FooterKey for child in children):
            return False
        old = [k for k in children if isinstance(k, FooterKey) and not _is_palette(k)]
        old_palette = [k for k in children if isinstance(k, FooterKey) and _is_palette(k)]
        if len(old_palette) != (palette is not None) or children[len(old) :] != old_palette:
            return False
        changed = [_set(widget, key) for widget, key in zip(old, keys, strict=False)]
        if old_palette and palette is not None:
            changed.append(_set(old_palette[0], palette))
        surplus = old[len(keys) :]
        if surplus:
            await self.remove_children(surplus)
        added = [
            self._following(FooterKey(*key[:4], disabled=key[4], tooltip=key[5]))
            for key in keys[len(old) :]
        ]
        if added:
            await self.mount_all(added, before=old_palette[0] if old_palette else None)
        self.styles.grid_size_columns = len(keys)
        self._changed = any(changed) or bool(surplus or added)
        return True


def _is_palette(key: FooterKey) -> bool:
    return key.has_class("-command-palette")


def _set(widget: FooterKey, key: Key) -> bool:
    """A mounted key shows ``key`` instead, as a new FooterKey of it would;
    whether it showed another."""
    if (widget.key, widget.key_display, widget.description, widget.action) == key[:4] and (
        widget._disabled,
        widget.tooltip or "",
    ) == (key[4], key[5]):
        return False
    widget.key, widget.key_display, widget.description, widget.action = key[:4]
    widget._disabled = key[4]
    widget.set_class(key[4], "-disabled")
    widget.tooltip = key[5] or None
    widget.refresh(layout=True)
    return True


def key_width(key: FooterKey) -> int:
    """The cells ``key`` takes on the Footer's line (its key and description,
    each padded as Textual's Footer pads them when not compact)."""
    return cell_len(key.key_display) + 2 + (cell_len(key.description) + 1 if key.description else 0)
