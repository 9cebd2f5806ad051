"""The doctor's report as a PDF: page one is the whole summary, the text per
page is golden, the charts are shapes, the CSV is attached, and the page
counts for 14, 28 and 90 days of the demo diary stay small."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("fpdf")

from twitchtui.demo import generate  # noqa: E402
from twitchtui.model import Medicine, SelfCheck, Twitch  # noqa: E402
from twitchtui.redflags import STANDING_NOTE, check  # noqa: E402
from twitchtui.report import (  # noqa: E402
    PdfUnavailable,
    choose_sections,
    csv_for,
    to_pdf,
)
from twitchtui.report.pdf import attachment_name  # noqa: E402
from twitchtui.store import Store  # noqa: E402
from twitchtui.store.demo_file import with_tried  # noqa: E402
from twitchtui.views import load_report  # noqa: E402

from .conftest import NOW  # noqa: E402
from .test_report import report_input  # noqa: E402

GOLDEN = Path(__file__).parent / "golden" / "report_28_days.pdf.txt"
PAGES = {14: 3, 28: 3, 90: 4}
"""Pages of the demo diary's report for 14, 28 and 90 days (issue 28's closing note)."""


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Store:
    """The diary `twitchtui demo --days 90` writes, with what was tried in it."""
    store = Store.open(tmp_path_factory.mktemp("demo") / "diary.json", now=lambda: NOW)
    twitches, days = generate(NOW, days=90)
    with_tried(store, twitches, days)
    return store


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text with every run of white space (a wrapped line too) as one space."""
    return " ".join(text.split())


def test_pdf_text_per_page_matches_the_golden_file(demo: Store) -> None:
    data = load_report(demo, 28)
    text = "".join(
        f"=== page {i} ===\n{page}\n"
        for i, page in enumerate(pages(to_pdf(data, csv_for(data))), 1)
    )
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text)
    assert text == GOLDEN.read_text(), "PDF changed: rerun with UPDATE_GOLDEN=1 and review"


@pytest.mark.parametrize("days", sorted(PAGES))
def test_demo_diary_page_counts(demo: Store, days: int) -> None:
    data = load_report(demo, days)
    text = pages(to_pdf(data, csv_for(data)))
    assert len(text) == PAGES[days]
    assert PAGES[28] <= 3
    # Page one is the whole summary and nothing else; the details begin on page two.
    assert flat(STANDING_NOTE) in flat(text[0])
    assert "History of the twitching" not in text[0]
    assert text[1].splitlines()[1].startswith("History of the twitching")


def serious_input():
    """The report input with a sudden drooping face answered 20 hours ago."""
    data = report_input()
    day = NOW.date() - timedelta(days=1)
    droop = SelfCheck(NOW - timedelta(hours=20), {"droop": "sudden"}, id="3" * 32)
    logs = dict(data.all_logs)
    logs[day] = replace(logs[day], checks=(*logs[day].checks, droop))
    findings = check(data.twitches, logs, NOW.date(), medicines=data.settings.medicines)
    return replace(data, all_logs=logs, logs={**data.logs, day: logs[day]}, findings=findings)


def test_page_one_carries_the_most_serious_finding_first_and_the_onset() -> None:
    data = serious_input()
    tiers = [f.tier for f in data.findings]
    assert tiers[0] == "same-day" and len(tiers) >= 3  # a sudden droop, 20 h ago
    first = flat(pages(to_pdf(data))[0])
    at = [first.index(flat(f.title)) for f in data.findings]  # each title as flags gives it
    assert at == sorted(at)  # most serious first
    assert "This run began on 29 Oct 2026" in first  # the onset of this run
    assert "First twitch ever: 19 Sep 2026" in first


def test_the_csv_export_is_attached(demo: Store) -> None:
    data = load_report(demo, 28)
    csv_text = csv_for(data)
    reader = pypdf.PdfReader(io.BytesIO(to_pdf(data, csv_text)))
    name = attachment_name(data)
    assert name == "twitch-diary-2026-10-22-to-2026-11-18.csv"
    assert reader.attachments[name] == [csv_text.encode("utf-8")]
    assert csv_text.startswith("kind,") and csv_text.count("\r\n") > 28
    assert name in flat(reader.pages[-1].extract_text())  # and the reader is told so
    assert not pypdf.PdfReader(io.BytesIO(to_pdf(data))).attachments  # none unless given


def test_the_same_diary_gives_the_same_bytes(demo: Store) -> None:
    data = load_report(demo, 14)
    assert to_pdf(data, csv_for(data)) == to_pdf(data, csv_for(data))
    info = pypdf.PdfReader(io.BytesIO(to_pdf(data))).metadata
    assert info.creation_date.date() == NOW.date()  # from the diary's clock, not the machine's


def test_the_charts_are_shapes_not_block_characters(demo: Store) -> None:
    reader = pypdf.PdfReader(io.BytesIO(to_pdf(load_report(demo, 28))))
    page = reader.pages[1]
    assert "█" not in page.extract_text()
    drawn = page.get_contents().get_data()
    assert drawn.count(b" re") >= 28 + 18  # a rectangle a day, and an hour


def test_names_and_notes_come_out_as_typed_and_a_missing_glyph_never_crashes() -> None:
    data = report_input()
    name = "Zoë Łukasz Ångström-Øre “Ŝ” №5"
    data = replace(data, settings=replace(data.settings, patient_name=name))
    data.twitches.append(Twitch(at=NOW - timedelta(hours=1), note="ça tremble — ß € ł ő"))
    text = pages(to_pdf(data))
    assert name in text[0] and name in text[1]  # the summary, and each page's header
    assert "ça tremble — ß € ł ő" in "".join(text)
    assert "\ufffd" not in "".join(text)

    cjk = replace(data, settings=replace(data.settings, patient_name="Zoë ł 日本"))
    csv_text = csv_for(cjk)
    pdf = to_pdf(cjk, csv_text)  # DejaVu Sans has no CJK: shown as U+FFFD, and said so
    text = pages(pdf)
    assert "Zoë ł \ufffd\ufffd" in text[0]
    assert "not in this PDF's font" in flat(text[-1])


def test_a_long_summary_still_fits_page_one() -> None:
    data = serious_input()
    meds = tuple(
        Medicine(
            f"{'a very long medicine name ' * 3}{i}"[:80], "250 mg twice a day", date(2026, 11, i)
        )
        for i in range(1, 9)
    )
    extra = [
        Twitch(at=NOW - timedelta(hours=i), site=site, side=side)
        for i, (site, side) in enumerate(
            (s, d)
            for s in ("upper-lip", "lower-lip", "eye", "cheek", "other")
            for d in ("left", "right", "both")
        )
    ]
    settings = replace(
        data.settings, medicines=meds, patient_name="N" * 80, patient_born=date(1950, 1, 1)
    )
    data = replace(
        data, settings=settings, history=sorted([*data.history, *extra], key=lambda t: t.at)
    )
    text = pages(to_pdf(data))
    assert flat(STANDING_NOTE) in flat(text[0])
    assert "and 4 more, under Medicines" in flat(text[0])
    assert "History of the twitching" not in text[0]


def test_sections_chosen_for_the_pdf() -> None:
    data = report_input()
    text = pages(to_pdf(data, only=choose_sections("findings")))
    assert len(text) == 2 and "Summary" in text[0] and "Findings worth discussing" in text[1]
    alone = pages(to_pdf(data, only=choose_sections("-summary,medicines")))
    assert len(alone) == 1 and "Summary" not in alone[0] and "prednisolone" in alone[0]


def test_without_fpdf2_the_error_is_one_line(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "fpdf", None)  # as if it were not installed
    with pytest.raises(PdfUnavailable) as caught:
        to_pdf(report_input())
    assert str(caught.value) == "PDF needs the pdf extra: pip install 'twitchtui[pdf]'"


def test_fpdf2_is_imported_only_when_a_pdf_is_made() -> None:
    code = (
        "import sys, twitchtui.report, twitchtui.cli, twitchtui.views\n"
        "assert 'fpdf' not in sys.modules, 'fpdf imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_fonts_ship_with_their_licence() -> None:
    fonts = Path(__file__).parent.parent / "twitchtui" / "report" / "fonts"
    assert {p.name for p in fonts.iterdir()} >= {
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "LICENSE-DejaVu.txt",
    }
    licence = (fonts / "LICENSE-DejaVu.txt").read_text()
    assert "Bitstream" in licence and "Permission is hereby granted" in licence
