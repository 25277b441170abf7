"""The core (bot/) never imports a platform library, the adapters or the stores."""

from __future__ import annotations

import ast
from pathlib import Path

FORBIDDEN = {"discord", "slack_bolt", "slack_sdk", "adapters", "storage"}
BOT = Path(__file__).resolve().parent.parent / "bot"


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_imports_no_platform_or_storage() -> None:
    offenders = {
        str(path.relative_to(BOT.parent)): sorted(imported_roots(path) & FORBIDDEN)
        for path in BOT.rglob("*.py")
        if path.name != "__main__.py" or path.parent != BOT
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_sees_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import discord\nfrom storage.sqlite import X\nfrom . import y\n")
    assert imported_roots(sample) == {"discord", "storage"}
