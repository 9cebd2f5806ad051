"""Help, the Footer and the README's key table say the same thing."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Footer

from twitchtui.screens.help import binding_rows, described

from .conftest import Clock
from .test_app import make_app, settle
from .test_readme import keys_section


def readme_rows() -> dict[tuple[str, ...], str]:
    rows = {}
    for line in keys_section().splitlines():
        match = re.match(r"^\| ((?:`[^`]+`(?: / )?)+) \| (.+) \|$", line)
        if match:
            keys = tuple(re.findall(r"`([^`]+)`", match.group(1)))
            rows[keys] = match.group(2)
    return rows


def expected_table(rows) -> str:
    return "\n".join(
        f"| {' / '.join(f'`{k}`' for k in keys)} | {described(binding)} |" for keys, binding in rows
    )


async def test_help_footer_and_readme_agree(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        rows = [row for _, group in binding_rows(app.screen) for row in group]
        keys = app.screen.query_one(Footer).query("FooterKey")
        footer = [(key.key_display, key.description) for key in keys]
    readme = readme_rows()
    table = expected_table(rows)
    help_keys = {tuple(keys): binding.description for keys, binding in rows}
    said = {tuple(keys): described(binding) for keys, binding in rows}
    # Every key in help is in the README, with the same keys and the same words.
    for keys in help_keys:
        assert keys in readme, f"README lacks {keys}; expected rows:\n{table}"
        assert readme[keys] == said[keys], (
            f"{keys}: README says {readme[keys]!r}, help {said[keys]!r}; expected:\n{table}"
        )
    # ...and the README lists nothing that help does not.
    assert set(readme) <= set(help_keys), set(readme) - set(help_keys)
    # Every key the Footer shows is in help, shown the same way.
    shown = {(keys[0], description) for keys, description in help_keys.items()}
    for key, description in footer:
        if description == "palette":
            continue
        assert (key, description) in shown, (key, description)


async def test_help_and_quit_stay_visible_in_a_narrow_footer(db_path: Path, clock: Clock) -> None:
    app = make_app(db_path, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        keys = list(app.screen.query_one(Footer).query("FooterKey"))
        first = [(k.key_display, k.description) for k in keys[:3]]
        assert first == [("?", "Help"), ("q", "Quit"), ("t", "Log twitch")]
        for key in keys[:3]:
            assert key.region.right <= 60 - 10  # clear of the palette key on the right
