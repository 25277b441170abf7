"""What is read, decided from the facts alone, and the flood control's memory (a fake
monotonic clock: no waiting, no timing)."""

from __future__ import annotations

import pytest

from bot.reading.flood import ANNOUNCE_AFTER_SECONDS, Announcer, CharBudget
from bot.reading.rules import ChatMessage, ReadingRules
from bot.reading.service import Incoming, skip_reason

VOICE, TEXT_CHANNEL, READ_CHANNEL = "10", "20", "30"


def incoming(text: str = "hello", **facts: object) -> Incoming:
    values: dict[str, object] = {
        "chat": ChatMessage(text),
        "author_name": "Alice",
        "channel_id": VOICE,
        "author_voice_channel_id": VOICE,
        "bot_voice_channel_id": VOICE,
    }
    values.update(facts)
    return Incoming(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("message", "rules", "reason"),
    [
        (incoming(), ReadingRules(), None),
        (incoming(channel_id=READ_CHANNEL), ReadingRules(channel_id=READ_CHANNEL), None),
        (incoming(channel_id=TEXT_CHANNEL), ReadingRules(channel_id=READ_CHANNEL), "other_channel"),
        (incoming(channel_id=TEXT_CHANNEL), ReadingRules(), "other_channel"),
        (incoming(), ReadingRules(enabled=False), "disabled"),
        (incoming(from_bot=True), ReadingRules(), "bot"),
        (incoming(edited=True), ReadingRules(), "edit"),
        (incoming(silent=True), ReadingRules(), "silent"),
        (incoming(author_voice_channel_id=None), ReadingRules(), "not_in_channel"),
        (incoming(author_voice_channel_id="11"), ReadingRules(), "not_in_channel"),
        (
            incoming(bot_voice_channel_id=None, author_voice_channel_id=None),
            ReadingRules(),
            "not_in_channel",
        ),
        (incoming("!play song"), ReadingRules(), "prefix"),
        (incoming("  ;roll"), ReadingRules(), "prefix"),
        (incoming(".hidden"), ReadingRules(), "prefix"),
        (incoming("/nope"), ReadingRules(), "prefix"),
        (incoming("!play"), ReadingRules(ignore_prefixes=("$",)), None),
        (incoming("$play"), ReadingRules(ignore_prefixes=("$",)), "prefix"),
        (incoming(""), ReadingRules(), None),  # empty: reading_text decides (nothing left)
    ],
)
def test_skip_reason(message: Incoming, rules: ReadingRules, reason: str | None) -> None:
    assert skip_reason(message, rules) == reason


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_characters_per_minute_slide() -> None:
    clock = FakeMonotonic()
    budget = CharBudget(clock)
    assert budget.fits("m", 600, 1000)
    budget.spend("m", 600)
    clock.now += 30
    assert budget.fits("m", 400, 1000) and not budget.fits("m", 401, 1000)
    budget.spend("m", 400)
    clock.now += 30  # the first 600 left the window
    assert budget.used("m") == 400
    assert budget.fits("m", 600, 1000)
    assert budget.fits("other", 1000, 1000)
    budget.forget(lambda key: key == "m")
    assert budget.used("m") == 0


def test_the_name_is_said_on_a_change_of_speaker_or_after_silence() -> None:
    clock = FakeMonotonic()
    announcer = Announcer(clock)
    assert announcer.spoke("guild", "alice")
    clock.now += 5
    assert not announcer.spoke("guild", "alice")
    assert announcer.spoke("guild", "bob")
    assert announcer.spoke("guild", "alice")
    assert announcer.spoke("other-guild", "alice")
    clock.now += ANNOUNCE_AFTER_SECONDS - 1
    assert not announcer.spoke("guild", "alice")
    clock.now += ANNOUNCE_AFTER_SECONDS
    assert announcer.spoke("guild", "alice")
    announcer.forget("alice")
    assert announcer.spoke("guild", "alice")
