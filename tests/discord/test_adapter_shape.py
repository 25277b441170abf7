"""The Discord adapter's shape: handlers talk to the core through the VoiceBot facade only,
and its modules are named after what they hold."""

from __future__ import annotations

import ast
from pathlib import Path

ADAPTER = Path(__file__).resolve().parents[2] / "adapters" / "discord"
#: Names that say nothing about what a module holds.
GRAB_BAGS = {"plumbing", "utils", "helpers", "misc", "common"}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def reaches_past_facade(source: str) -> list[str]:
    """Every ``voicebot.<part>.<anything>``: a reach into the core's parts (its store,
    converter, voice queues...) instead of a facade method."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and _name(node.value.value) == "voicebot"
        ):
            found.append(f"{node.lineno}: voicebot.{node.value.attr}.{node.attr}")
    return found


def test_the_adapter_calls_only_the_facade() -> None:
    offenders = {path.name: reaches_past_facade(path.read_text()) for path in ADAPTER.glob("*.py")}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_check_sees_a_reach_past_the_facade() -> None:
    sample = "queue = self._playback.voicebot.voice.get(guild)\nctx.voicebot.say(member)\n"
    assert reaches_past_facade(sample) == ["1: voicebot.voice.get"]


def test_no_module_is_a_grab_bag() -> None:
    assert sorted(p.stem for p in ADAPTER.glob("*.py") if p.stem in GRAB_BAGS) == []
