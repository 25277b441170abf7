"""The house: the core's top level stays small, every folder says what lives in it, and no
module hides behind a name that says nothing."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "adapters", "storage")
VAGUE = {"plumbing", "utils", "helpers", "misc", "common"}


def test_the_core_keeps_at_most_twelve_modules_at_its_top() -> None:
    top = sorted(path.name for path in (ROOT / "bot").glob("*.py"))
    assert len(top) <= 12, top


def test_every_folder_says_what_lives_there() -> None:
    undocumented = []
    for package in PACKAGES:
        for init in (ROOT / package).rglob("__init__.py"):
            if ast.get_docstring(ast.parse(init.read_text())) is None:
                undocumented.append(str(init.relative_to(ROOT)))
    assert undocumented == []


def test_no_module_has_a_name_that_says_nothing() -> None:
    vague = [
        str(path.relative_to(ROOT))
        for package in (*PACKAGES, "simulator")
        for path in (ROOT / package).rglob("*.py")
        if path.stem in VAGUE
    ]
    assert vague == []
