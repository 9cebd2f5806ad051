"""The import holds the checked entries, not the file's text through the
write: the text is let go once parsed. Read from a file or from its text,
the answer is the same."""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path

import pytest

from twitchtui import importer
from twitchtui.cli import main
from twitchtui.export import EXPORT_SCHEMA as SCHEMA
from twitchtui.importer import ExportFile, read_export
from twitchtui.model import InvalidEntry

from .conftest import NOW
from .test_import_hostile import HOSTILE


@pytest.fixture
def demo_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A real export: a demo diary (relief sessions and experiments too)."""
    db = tmp_path / "demo" / "diary.json"
    assert main(["demo", "--db", str(db), "--days", "40"]) == 0
    capsys.readouterr()
    assert main(["export", "--db", str(db)]) == 0
    return capsys.readouterr().out


def test_a_file_and_its_text_give_the_same_entries(demo_export: str) -> None:
    got = read_export(io.StringIO(demo_export), newest_schema=SCHEMA, now=NOW)
    assert got == read_export(demo_export, newest_schema=SCHEMA, now=NOW)
    assert len(got.twitches) > 100 and got.experiments and any(d.relief for d in got.days)


def test_the_text_is_let_go_before_the_entries_are_checked(
    demo_export: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    freed: list[str] = []

    class Text(str):
        def __del__(self) -> None:
            freed.append("text")

    class File:
        def read(self) -> str:
            return Text(demo_export)

    real = importer._Entries.twitches
    seen: list[list[str]] = []

    def twitches(self: importer._Entries) -> object:
        seen.append(list(freed))
        return real(self)

    monkeypatch.setattr(importer._Entries, "twitches", twitches)
    read_export(File(), newest_schema=SCHEMA, now=NOW)  # type: ignore[arg-type]
    assert seen == [["text"]]


def same_answer(text: str) -> None:
    """Read from a file, the same entries or the same refusal as from the text."""
    try:
        want = read_export(text, newest_schema=SCHEMA, now=NOW)
    except InvalidEntry as refused:
        with pytest.raises(InvalidEntry) as streamed:
            read_export(io.StringIO(text), newest_schema=SCHEMA, now=NOW)
        assert type(streamed.value) is type(refused)
        assert (streamed.value.field, streamed.value.message) == (refused.field, refused.message)
    else:
        got: ExportFile = read_export(io.StringIO(text), newest_schema=SCHEMA, now=NOW)
        assert got == want


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_hostile_file_gets_the_answer_its_text_gets(case: str) -> None:
    same_answer(HOSTILE[case][0])


def test_a_file_not_utf8_in_its_middle_is_refused_and_nothing_written(
    tmp_path: Path, demo_export: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.json"
    raw = demo_export.encode()
    path.write_bytes(raw[: len(raw) // 2] + b"\xff\xfe" + raw[len(raw) // 2 :])
    db = tmp_path / "new" / "diary.json"
    assert main(["import", str(path), "--db", str(db)]) == 2
    assert "is not a text file" in capsys.readouterr().err
    assert not db.parent.exists() or not list(db.parent.glob("diary.*-*.json"))


def test_an_export_read_from_a_pipe_is_imported(
    tmp_path: Path, demo_export: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``twitchtui import /dev/stdin``: a file that can be read only once."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(demo_export))
    writer.start()
    db = tmp_path / "new" / "diary.json"
    assert main(["import", str(fifo), "--db", str(db)]) == 0
    writer.join()
    count = len(json.loads(demo_export)["twitches"])
    assert f"Twitches: {count} were added" in capsys.readouterr().out
