"""``twitchtui completions``: scripts made ahead of time from the real
parser; Tab runs only the shell, which reads the cached names."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from twitchtui import names
from twitchtui.cli import main
from twitchtui.cli.completions import script
from twitchtui.model import SITES
from twitchtui.store import Store

BASH = shutil.which("bash")


def complete(script_path: Path, *words: str) -> list[str]:
    """What bash offers for the last of ``words``, as Tab would: the script
    sourced in a plain bash, its function driven by COMP_WORDS/COMP_CWORD.
    PATH holds only ``sed`` (to find the function's name), so neither Python
    nor twitchtui could start if the script tried."""
    assert BASH is not None
    tools = script_path.parent / "bin"
    tools.mkdir(exist_ok=True)
    sed = shutil.which("sed")
    assert sed is not None
    if not (tools / "sed").exists():
        (tools / "sed").symlink_to(sed)
    line = " ".join(f"'{w}'" for w in ("twitchtui", *words))
    code = (
        f"source '{script_path}'\n"
        f"COMP_WORDS=({line}); COMP_CWORD={len(words)}\n"
        "$(complete -p twitchtui | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')\n"
        "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    out = subprocess.run(
        [BASH, "--norc", "--noprofile", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": str(tools), "HOME": str(script_path.parent)},
    )
    assert out.stderr == ""
    return [w for w in out.stdout.splitlines() if w]


@pytest.fixture
def bash_script(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "names"
    path = tmp_path / "twitchtui.bash"
    path.write_text(script("bash", str(folder)))
    return path, folder


@pytest.mark.skipif(BASH is None, reason="no bash on this machine")
def test_se_tab_completes_to_selfcheck(bash_script: tuple[Path, Path]) -> None:
    path, _ = bash_script
    assert complete(path, "se") == ["selfcheck"]


@pytest.mark.skipif(BASH is None, reason="no bash on this machine")
def test_flags_and_their_choices_complete(bash_script: tuple[Path, Path]) -> None:
    path, _ = bash_script
    assert complete(path, "log", "--sit") == ["--site"]
    assert complete(path, "log", "--site", "") == list(SITES)
    assert complete(path, "log", "--side", "l") == ["left"]
    assert complete(path, "status", "--format", "w") == ["waybar"]


@pytest.mark.skipif(BASH is None, reason="no bash on this machine")
def test_habit_and_medicine_names_come_from_the_cached_lists(
    bash_script: tuple[Path, Path], tmp_path: Path
) -> None:
    path, folder = bash_script
    assert complete(path, "habit", "tick", "") == []  # no list yet: nothing, no error
    db = tmp_path / "d.json"
    assert main(["habit", "add", "stretch", "--db", str(db)]) == 0
    assert main(["habit", "add", "squats", "--db", str(db)]) == 0
    assert main(["meds", "add", "Vitamin D", "--db", str(db)]) == 0
    names.refresh(Store.open(db).settings(), folder)
    assert complete(path, "habit", "tick", "s") == ["stretch", "squats"]
    assert complete(path, "habit", "remove", "st") == ["stretch"]
    assert complete(path, "meds", "stop", "V") == ["Vitamin D"]


def test_every_write_from_the_shell_refreshes_the_names(tmp_path: Path) -> None:
    """Through the runner: the cache folder ($TWITCHTUI_CACHE_DIR, set by
    conftest) is outside the diary's folder, and its files are 0600."""
    db = tmp_path / "diary" / "d.json"
    assert main(["habit", "add", "stretch", "--db", str(db)]) == 0
    assert names.read("habits") == ["stretch"]
    assert main(["meds", "add", "Magnesium", "--db", str(db)]) == 0
    assert names.read("medicines") == ["Magnesium"]
    assert main(["habit", "remove", "stretch", "--db", str(db)]) == 0
    assert names.read("habits") == []
    for kind in names.KINDS:
        path = names.names_path(kind)
        assert db.parent not in path.parents
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_name_cannot_smuggle_shell_code_into_the_list(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    assert main(["habit", "add", "a$(touch x)`y`", "--db", str(db)]) == 0
    assert names.read("habits") == ["a(touch x)y"]


def test_refresh_writes_only_when_a_name_changed(tmp_path: Path) -> None:
    db = tmp_path / "d.json"
    assert main(["habit", "add", "stretch", "--db", str(db)]) == 0
    settings = Store.open(db).settings()
    folder = tmp_path / "c"
    assert names.refresh(settings, folder) is True
    assert names.refresh(settings, folder) is False


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_with_the_name_lists(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completions", shell]) == 0
    out = capsys.readouterr().out
    assert "selfcheck" in out
    assert "_twitchtui_names" in out
    assert "TWITCHTUI_CACHE_DIR" in out


def test_completions_needs_no_diary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "none" / "d.json"
    monkeypatch.setenv("TWITCHTUI_DB", str(db))
    assert main(["completions", "bash"]) == 0
    assert not db.parent.exists()


ZSH = shutil.which("zsh")
FISH = shutil.which("fish")

ZSH_CAPTURE = r"""
# What zsh's completion offers for a command line, as Tab would: an
# interactive zsh in a pseudo-terminal, compinit loaded with the script on
# fpath, and compadd wrapped to print each match between << and >>. Each
# step waits until zsh has printed its own marker (a condition, never a
# sleep): keys typed ahead of a busy or starting zsh may be dropped.
zmodload zsh/zpty
zpty z zsh -f -i
step() {  # type $2, then read until the marker $1 has been printed
  zpty -w z "$2; print -r -- ${1[1]}''${1[2,-1]}"
  zpty -r z out "*$1*"
}
step READY-ONE "fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
step READY-TWO 'compadd () { builtin compadd -O __hits "$@";'\
' print -l -- "<<${^__hits[@]}>>"; builtin compadd "$@" }'
# Tab completes, then says so: the next keys wait for it (zle gives up
# work while keys are pending).
step READY-THREE 'tab-then-mark() { zle complete-word; print -n -- "TAB"-"DONE" }'
step READY-FOUR "zle -N tab-then-mark; bindkey '^I' tab-then-mark; PROMPT=''"
zpty -w z "$2"$'\t'
zpty -r z before '*TAB-DONE*'
print -r -- "$before"
zpty -w z $'\n''print END''-OF-MATCHES'
zpty -r z out '*END-OF-MATCHES*'
print -r -- "$out"
zpty -d z
"""


def zsh_complete(folder: Path, line: str) -> list[str]:
    """What zsh offers at the end of ``line`` (the script is ``folder/_twitchtui``)."""
    assert ZSH is not None
    capture = folder / "capture.zsh"
    capture.write_text(ZSH_CAPTURE)
    out = subprocess.run(
        [ZSH, "-f", str(capture), str(folder), line],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(folder), "TERM": "dumb"},
    )
    import re

    found = re.findall(r"<<([^<>$]*)>>", out.stdout)
    return sorted(set(found) - {""})


def fish_complete(script_path: Path, line: str) -> list[str]:
    assert FISH is not None
    out = subprocess.run(
        [FISH, "--no-config", "-c", f"source {script_path}; complete --do-complete {line!r}"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(script_path.parent)},
    )
    return [row.split("\t")[0] for row in out.stdout.splitlines() if row]


@pytest.fixture
def with_names(tmp_path: Path) -> Path:
    """A names folder with two habits and a medicine, as a write leaves it."""
    db = tmp_path / "d.json"
    for args in (["habit", "add", "stretch"], ["habit", "add", "squats"], ["meds", "add", "Zinc"]):
        assert main([*args, "--db", str(db)]) == 0
    folder = tmp_path / "names"
    names.refresh(Store.open(db).settings(), folder)
    return folder


@pytest.mark.skipif(ZSH is None, reason="no zsh on this machine")
def test_zsh_completes_commands_flags_choices_and_names(tmp_path: Path, with_names: Path) -> None:
    """In a real zsh: the script on fpath as its README lines say."""
    scripts = tmp_path / "zfunc"
    scripts.mkdir()
    (scripts / "_twitchtui").write_text(script("zsh", str(with_names)))
    assert zsh_complete(scripts, "twitchtui se") == ["selfcheck"]
    assert zsh_complete(scripts, "twitchtui log --si") == ["--side", "--site"]
    assert zsh_complete(scripts, "twitchtui log --site ") == sorted(SITES)
    assert zsh_complete(scripts, "twitchtui habit tick s") == ["squats", "stretch"]


@pytest.mark.skipif(FISH is None, reason="no fish on this machine")
def test_fish_completes_commands_flags_choices_and_names(tmp_path: Path, with_names: Path) -> None:
    path = tmp_path / "twitchtui.fish"
    path.write_text(script("fish", str(with_names)))
    assert fish_complete(path, "twitchtui se") == ["selfcheck"]
    assert fish_complete(path, "twitchtui status --format w") == ["waybar"]
    assert sorted(fish_complete(path, "twitchtui log --site ")) == sorted(SITES)
    assert sorted(fish_complete(path, "twitchtui habit tick s")) == ["squats", "stretch"]
    assert fish_complete(path, "twitchtui meds stop Z") == ["Zinc"]
