"""requirements/lock.txt pins every dependency with hashes and agrees with pyproject.toml.

When this fails after a change to pyproject.toml's dependencies, run `make lock`."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from dataclasses import dataclass, field

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

LOCK = ROOT / "requirements" / "lock.txt"
BUILD_IN = ROOT / "requirements" / "build.in"
FIX = "pyproject.toml and requirements/lock.txt disagree: run `make lock`"


@dataclass
class Pin:
    name: str
    version: Version
    marker: Marker | None
    hashes: list[str] = field(default_factory=list)
    via: set[str] = field(default_factory=set)


def read_lock(text: str) -> list[Pin]:
    """uv's (and pip-tools') format: ``name==version ; marker \\`` then ``--hash=`` lines,
    then ``# via`` annotations."""
    pins: list[Pin] = []
    in_via = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not raw.startswith((" ", "#")):
            requirement = Requirement(line.rstrip("\\").strip())
            (spec,) = requirement.specifier
            assert spec.operator == "==", f"{requirement} is not pinned exactly"
            pins.append(
                Pin(canonicalize_name(requirement.name), Version(spec.version), requirement.marker)
            )
            in_via = False
        elif line.startswith("--hash="):
            pins[-1].hashes.append(line.removeprefix("--hash=").rstrip("\\").strip())
        elif pins and line.startswith("# via"):
            rest = line.removeprefix("# via").strip()
            in_via = not rest
            if rest:
                pins[-1].via.add(rest)
        elif pins and in_via and line.startswith("#   "):
            pins[-1].via.add(line.removeprefix("#").strip())
    return pins


def direct_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    texts = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    texts += [
        line.strip()
        for line in BUILD_IN.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return {canonicalize_name(Requirement(t).name): Requirement(t) for t in texts}


@pytest.fixture(scope="module")
def pins() -> list[Pin]:
    return read_lock(LOCK.read_text())


def test_every_pin_has_a_version_and_hashes(pins: list[Pin]) -> None:
    assert len(pins) > 20
    for pin in pins:
        assert pin.hashes, f"{pin.name} has no hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in pin.hashes), pin.name


def test_every_direct_requirement_is_locked_within_its_bounds(pins: list[Pin]) -> None:
    by_name: dict[str, list[Pin]] = {}
    for pin in pins:
        by_name.setdefault(pin.name, []).append(pin)
    for name, requirement in direct_requirements().items():
        assert name in by_name, f"{name} is not in the lock. {FIX}"
        for pin in by_name[name]:
            assert requirement.specifier.contains(pin.version, prereleases=True), (
                f"{name}=={pin.version} is outside {requirement.specifier}. {FIX}"
            )


def test_the_lock_holds_no_direct_requirement_that_pyproject_dropped(pins: list[Pin]) -> None:
    direct = set(direct_requirements())
    for pin in pins:
        from_project = any(
            via.startswith(("voiceclone-bot", "-r requirements/build.in")) for via in pin.via
        )
        if from_project:
            assert pin.name in direct, f"{pin.name} is no longer asked for. {FIX}"


def test_extras_of_direct_requirements_are_locked(pins: list[Pin]) -> None:
    """``package[extra]`` pulls in more: those must be pinned too (read from the installed
    package's metadata, which ``make`` installed from this lock)."""
    locked = {pin.name for pin in pins}
    for requirement in direct_requirements().values():
        for extra in requirement.extras:
            wanted = importlib.metadata.requires(requirement.name) or []
            for text in wanted:
                needed = Requirement(text)
                if needed.marker is not None and needed.marker.evaluate({"extra": extra}):
                    assert canonicalize_name(needed.name) in locked, f"{needed.name}. {FIX}"


def test_this_environment_was_installed_from_the_lock(pins: list[Pin]) -> None:
    """``make`` installs exactly the lock: a stale .venv shows here."""
    for pin in pins:
        if pin.marker is not None and not pin.marker.evaluate():
            continue
        installed = Version(importlib.metadata.version(pin.name))
        assert installed == pin.version, f"{pin.name} {installed} installed, {pin.version} locked"


def test_the_reader_sees_a_dropped_dependency() -> None:
    text = (
        "aiohttp==3.9.0 \\\n    --hash=sha256:" + "a" * 64 + "\n"
        "    # via\n    #   voiceclone-bot (pyproject.toml)\n    #   discord-py\n"
        "left-pad==1.0 \\\n    --hash=sha256:" + "b" * 64 + "\n"
        "    # via voiceclone-bot (pyproject.toml)\n"
    )
    pins = read_lock(text)
    assert [(p.name, p.via) for p in pins] == [
        ("aiohttp", {"voiceclone-bot (pyproject.toml)", "discord-py"}),
        ("left-pad", {"voiceclone-bot (pyproject.toml)"}),
    ]
    with pytest.raises(AssertionError, match="left-pad is no longer asked for"):
        test_the_lock_holds_no_direct_requirement_that_pyproject_dropped(pins)
