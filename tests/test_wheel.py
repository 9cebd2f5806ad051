"""A wheel built from the tree is ready to publish: the licence, the type
marker and the report's fonts are in it, its readme points at absolute
URLs, and it installs and runs in a fresh venv."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIP = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("twitchtui-*.whl")
    return found


def test_the_wheel_holds_the_licence_type_marker_and_fonts(wheel: Path) -> None:
    files = zipfile.ZipFile(wheel).namelist()
    assert any(re.fullmatch(r"twitchtui-[^/]+\.dist-info/licenses/LICENSE", f) for f in files)
    assert "twitchtui/py.typed" in files
    fonts = {Path(f).name for f in files if f.startswith("twitchtui/report/fonts/")}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"} <= fonts


def test_the_index_page_has_absolute_links_only(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    (meta,) = [f for f in archive.namelist() if f.endswith(".dist-info/METADATA")]
    text = archive.read(meta).decode()
    assert "Classifier: Typing :: Typed" in text
    assert "License-Expression: MIT" in text
    links = re.findall(r"\]\(([^)\s]+)\)", text.split("\n\n", 1)[1])
    assert links, "the readme is in the metadata"
    relative = [link for link in links if not link.startswith(("https://", "#", "mailto:"))]
    assert relative == []
    assert any(link.endswith("screenshots/dashboard.svg") for link in links)


def test_the_wheel_installs_and_runs_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [*PIP, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    exe = env_dir / "bin" / "twitchtui"
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("twitchtui ")
    # The dependencies from this venv (PYTHONPATH skips its .pth files, so
    # this checkout's editable install stays out): the installed copy runs.
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    db = tmp_path / "d.json"
    subprocess.run([exe, "log", "--db", str(db)], env=env, check=True, capture_output=True)
    status = subprocess.run(
        [exe, "status", "--db", str(db), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"count": 1' in status.stdout
    where = subprocess.run(
        [python, "-c", "import twitchtui; print(twitchtui.__file__)"],
        env=env,
        cwd=tmp_path,  # not this checkout, which python -c would import first
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in where.stdout
