"""The import reads an export in one pass, a piece at a time, and gives the
same answer as reading it whole: the same entries for a good file, the same
one-line refusal for a broken or hostile one."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from twitchtui import importer
from twitchtui.cli import main
from twitchtui.importer import ExportFile, read_export, read_whole
from twitchtui.model import InvalidEntry
from twitchtui.store import SCHEMA

from .conftest import NOW
from .test_import_hostile import HOSTILE, export


@pytest.fixture
def demo_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A real export: a demo diary (relief sessions and experiments too)."""
    db = tmp_path / "demo" / "diary.json"
    assert main(["demo", "--db", str(db), "--days", "40"]) == 0
    capsys.readouterr()
    assert main(["export", "--db", str(db)]) == 0
    return capsys.readouterr().out


def whole_only(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each time the whole-file reader is called."""
    calls: list[str] = []
    real = importer.read_whole

    def counted(text: str, **kwargs: object) -> ExportFile:
        calls.append(text[:20])
        return real(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "read_whole", counted)
    return calls


@pytest.mark.parametrize("chunk", [1 << 20, 97, 7, 1])
def test_an_export_is_read_in_one_pass_as_it_would_be_whole(
    demo_export: str, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer._Stream, "CHUNK", chunk)  # values across every boundary
    calls = whole_only(monkeypatch)
    got = read_export(io.StringIO(demo_export), newest_schema=SCHEMA, now=NOW)
    assert calls == []  # never read again whole
    assert got == read_whole(demo_export, newest_schema=SCHEMA, now=NOW)
    assert len(got.twitches) > 100 and got.experiments
    assert any(d.relief for d in got.days)


def test_what_was_read_is_let_go(demo_export: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text held stays near the piece size, whatever the file's length."""
    monkeypatch.setattr(importer._Stream, "CHUNK", 512)
    held: list[int] = []
    real = importer._Stream._more

    def more(self: importer._Stream, wanted: int) -> bool:
        held.append(len(self.text) - self.pos)
        return real(self, wanted)

    monkeypatch.setattr(importer._Stream, "_more", more)
    read_export(io.StringIO(demo_export), newest_schema=SCHEMA, now=NOW)
    assert len(demo_export) > 100 * 512
    assert max(held) < 4 * 512


def same_answer(text: str) -> None:
    """``read_export`` gives what ``read_whole`` gives: the same entries, or
    the same refusal."""
    try:
        whole = read_whole(text, newest_schema=SCHEMA, now=NOW)
    except InvalidEntry as refused:
        with pytest.raises(InvalidEntry) as streamed:
            read_export(io.StringIO(text), newest_schema=SCHEMA, now=NOW)
        assert type(streamed.value) is type(refused)
        assert (streamed.value.field, streamed.value.message) == (refused.field, refused.message)
    else:
        assert read_export(io.StringIO(text), newest_schema=SCHEMA, now=NOW) == whole


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_hostile_file_gets_the_answer_of_the_whole_file_reader(case: str) -> None:
    same_answer(HOSTILE[case][0])


GOOD = {
    "id": "0123456789abcdef0123456789abcdef",
    "at": "2026-11-18T10:00:00+01:00",
    "site": "upper-lip",
    "side": "left",
}
UNUSUAL = {
    "the time after the entries": json.dumps(
        {"app": "twitchtui", "schema": SCHEMA, "twitches": [GOOD], "exported_at": NOW.isoformat()}
    ),
    "no time at all": json.dumps({"app": "twitchtui", "schema": SCHEMA, "twitches": [GOOD]}),
    "a list twice (the last counts)": (
        f'{{"app": "twitchtui", "schema": {SCHEMA}, "exported_at": "{NOW.isoformat()}", '
        f'"twitches": [], "twitches": [{json.dumps(GOOD)}]}}'
    ),
    "the header after the lists": json.dumps(
        {"exported_at": NOW.isoformat(), "twitches": [GOOD], "app": "twitchtui", "schema": SCHEMA}
    ),
    "only a header": json.dumps({"app": "twitchtui", "schema": SCHEMA}),
    "null lists": json.dumps(
        {"app": "twitchtui", "schema": SCHEMA, "exported_at": None, "twitches": None}
    ),
    "space everywhere": f'\n {{\t"app" :"twitchtui" , "schema":{SCHEMA},"exported_at" : null ,'
    f'"twitches" : [ {json.dumps(GOOD)} , {json.dumps({**GOOD, "id": "1" * 32})} ] }}\r\n',
}


@pytest.mark.parametrize("case", list(UNUSUAL), ids=list(UNUSUAL))
def test_an_unusual_but_valid_file_is_read_as_it_would_be_whole(case: str) -> None:
    read_whole(UNUSUAL[case], newest_schema=SCHEMA, now=NOW)  # valid: no refusal
    same_answer(UNUSUAL[case])


@pytest.mark.parametrize(
    "text",
    [
        export(twitches=[GOOD]) + " x",  # more after the document
        export(twitches=[GOOD])[:-3],  # cut short
        "\ufeff" + export(),  # a byte-order mark
        export(twitches=[GOOD, GOOD]),  # an id twice
        export(twitches=[GOOD])[:-2] + ",]}",  # a trailing comma
        "[]",
        "",
    ],
)
def test_a_broken_file_gets_the_answer_of_the_whole_file_reader(text: str) -> None:
    with pytest.raises(InvalidEntry):
        read_whole(text, newest_schema=SCHEMA, now=NOW)
    same_answer(text)


def test_a_file_not_utf8_in_its_middle_is_refused_and_nothing_written(
    tmp_path: Path, demo_export: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Decoded as it is read: bad bytes past the first piece still say so."""
    path = tmp_path / "x.json"
    raw = demo_export.encode()
    path.write_bytes(raw[: len(raw) // 2] + b"\xff\xfe" + raw[len(raw) // 2 :])
    db = tmp_path / "new" / "diary.json"
    assert main(["import", str(path), "--db", str(db)]) == 2
    assert "is not a text file" in capsys.readouterr().err
    assert not db.parent.exists() or not list(db.parent.glob("diary.*-*.json"))


class Pipe(io.StringIO):
    """A stream that cannot be read again (``twitchtui import /dev/stdin``)."""

    def seekable(self) -> bool:
        return False

    def seek(self, *args: object) -> int:
        raise io.UnsupportedOperation("not seekable")


@pytest.mark.parametrize("case", ["good", "cut short", "an entry refused"])
def test_a_pipe_is_read_whole_and_answered_the_same(case: str) -> None:
    text = {
        "good": export(twitches=[GOOD]),
        "cut short": export(twitches=[GOOD])[:-3],
        "an entry refused": export(twitches=[{**GOOD, "site": "knee"}]),
    }[case]
    try:
        want: object = read_whole(text, newest_schema=SCHEMA, now=NOW)
    except InvalidEntry as refused:
        want = str(refused)
    try:
        got: object = read_export(Pipe(text), newest_schema=SCHEMA, now=NOW)
    except InvalidEntry as refused:
        got = str(refused)
    assert got == want
