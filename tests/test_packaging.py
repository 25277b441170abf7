"""The wheel holds the bot and nothing the tests or the demo need only: the Async API
simulator is a development fake, run from the checkout (tests, `make demo`, `make simulator`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_holds_the_bot_and_not_the_simulator(tmp_path: Path) -> None:
    # Built from a copy: setuptools writes build/ and *.egg-info beside the sources.
    source = tmp_path / "source"
    junk = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for package in ("bot", "adapters", "storage", "simulator"):
        shutil.copytree(ROOT / package, source / package, ignore=junk)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {"bot", "adapters", "storage"} <= tops
    assert "simulator" not in tops
    assert "tests" not in tops
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/i18n/catalogues/en.ftl" in names  # package data still ships
