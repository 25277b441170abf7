"""The admins' reading settings: parsed with clear errors, stored, and turned into the rules
the reading flow follows (the real core on a SQLite store)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.errors import BotError
from bot.facade import VoiceBot
from bot.i18n import LANGUAGES, messages_for
from bot.models import Member
from bot.reading.rules import DEFAULT_IGNORE_PREFIXES, ReadingRules

ADMIN = Member("discord", "999", "900", is_admin=True)


async def test_a_new_community_reads_with_the_defaults(voicebot: VoiceBot) -> None:
    settings = await voicebot.community_settings(ADMIN)
    assert ReadingRules.from_settings(settings) == ReadingRules()
    assert settings.read_ignore_prefixes == DEFAULT_IGNORE_PREFIXES


async def test_every_reading_setting_is_parsed_stored_and_mapped(
    voicebot: VoiceBot, make_bot: Any
) -> None:
    await voicebot.update_community_settings(
        ADMIN,
        {
            "read_enabled": "off",
            "read_channel": "<#123456789>",
            "read_max_chars": "150",
            "read_ignore_prefixes": "- ~ -",
            "read_emoji": "OFF",
            "read_announce": "on-change",
            "read_member_chars_per_minute": "800",
            "read_community_chars_per_minute": "4000",
        },
    )
    rules = ReadingRules.from_settings(await voicebot.community_settings(ADMIN))
    assert rules == ReadingRules(
        enabled=False,
        channel_id="123456789",
        max_chars=150,
        ignore_prefixes=("-", "~"),
        emoji="off",
        announce="on_change",
        member_chars_per_minute=800,
        community_chars_per_minute=4000,
    )
    assert rules.ignores("  -skip me") and not rules.ignores("!not a prefix now")


@pytest.mark.parametrize("clear", ["no_read_channel", "none", ""])
async def test_no_read_channel_clears_the_channel(voicebot: VoiceBot, clear: str) -> None:
    await voicebot.update_community_settings(ADMIN, {"read_channel": "<#C0123ABC|general>"})
    assert (await voicebot.community_settings(ADMIN)).read_channel == "C0123ABC"
    cleared = await voicebot.update_community_settings(ADMIN, {"read_channel": clear})
    assert cleared.read_channel is None


async def test_none_means_no_ignore_prefixes(voicebot: VoiceBot) -> None:
    changed = await voicebot.update_community_settings(ADMIN, {"read_ignore_prefixes": "none"})
    assert changed.read_ignore_prefixes == ()
    assert not ReadingRules.from_settings(changed).ignores("!anything")


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"read_enabled": "maybe"}, "error-setting-not-on-off"),
        ({"read_emoji": "pictures"}, "error-setting-not-choice"),
        ({"read_announce": "always"}, "error-setting-not-choice"),
        ({"read_max_chars": "5"}, "error-setting-out-of-range"),
        ({"read_max_chars": "lots"}, "error-setting-not-number"),
        ({"read_member_chars_per_minute": "0"}, "error-setting-out-of-range"),
        ({"read_community_chars_per_minute": "1e9"}, "error-setting-out-of-range"),
        ({"read_ignore_prefixes": "a b c d e f g h i j k"}, "error-setting-prefixes"),
        ({"read_ignore_prefixes": "!!!!!!"}, "error-setting-prefixes"),
        ({"read_channel": "#general chat"}, "error-setting-not-channel"),
    ],
)
async def test_a_bad_value_is_refused_with_its_own_message_and_nothing_stored(
    voicebot: VoiceBot, change: dict[str, str], key: str
) -> None:
    before = await voicebot.community_settings(ADMIN)
    with pytest.raises(BotError) as caught:
        await voicebot.update_community_settings(ADMIN, {"read_max_chars": "200", **change})
    assert caught.value.code == "not_allowed"
    assert caught.value.key == key
    assert await voicebot.community_settings(ADMIN) == before
    for locale in LANGUAGES:
        shown = messages_for(locale).error(caught.value)
        assert "{" not in shown and next(iter(change)) in shown, (locale, shown)
