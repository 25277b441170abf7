"""/clone-settings: admins (Manage Server) show and change the server's rules; the core refuses
everyone else."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.models import Member
from tests.discord.conftest import Harness
from tests.discord.helpers import slash_clone
from tests.discord.payloads import (
    ADMIN,
    ALICE,
    BOOLEAN,
    GUILD_ID,
    INTEGER,
    NUMBER,
    ROLE,
    STRING,
    option,
)

ROLE_ID = 1200000000000000077
READ_CHANNEL_ID = 1200000000000000088
CHANNEL = 7


def role_payload() -> dict[str, Any]:
    return {
        "id": str(ROLE_ID),
        "name": "Cloners",
        "color": 0,
        "hoist": False,
        "position": 1,
        "permissions": "0",
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def channel_payload() -> dict[str, Any]:
    return {
        "id": str(READ_CHANNEL_ID),
        "name": "read-aloud",
        "type": 0,
        "permissions": "0",
        "guild_id": str(GUILD_ID),
    }


async def settings_command(h: Harness, who: Any, options: list[dict[str, Any]]) -> str:
    resolved = {
        "roles": {str(ROLE_ID): role_payload()},
        "channels": {str(READ_CHANNEL_ID): channel_payload()},
    }
    payload = h.payloads.slash("clone-settings", who, options, resolved=resolved)
    await h.run(payload)
    return h.reply_text(payload["token"])


async def test_admin_sees_and_changes_settings(h: Harness) -> None:
    shown = await settings_command(h, ADMIN, [])
    assert "Cloning: on" in shown and "Voices per member: 3" in shown

    changed = await settings_command(
        h,
        ADMIN,
        [
            option("say", BOOLEAN, False),
            option("voices_per_member", INTEGER, 2),
            option("cooldown_seconds", NUMBER, 30),
            option("max_say_length", INTEGER, 100),
            option("required_role", ROLE, str(ROLE_ID)),
        ],
    )
    assert "/say: off" in changed
    assert "Voices per member: 2" in changed
    assert "Cooldown between clones: 30 s" in changed
    assert "Max /say length: 100" in changed
    assert f"Required role: <@&{ROLE_ID}>" in changed
    edit = h.fake.find("PATCH", r"/messages/@original$")[-1]
    assert edit.json["allowed_mentions"] == {"parse": []}  # the role is shown, never pinged

    cleared = await settings_command(h, ADMIN, [option("no_required_role", BOOLEAN, True)])
    assert "Required role: none" in cleared


async def test_admin_sets_and_clears_the_reading_settings(h: Harness) -> None:
    shown = await settings_command(h, ADMIN, [])
    assert "Reading messages aloud: on" in shown
    assert "Read channel: none" in shown
    assert "Longest message read: 300 characters" in shown
    assert "Not read when starting with: `!` `;` `/` `.`" in shown
    assert "Emoji: read by their name" in shown
    assert "Say who speaks: never" in shown
    assert "Characters read per minute: 1,000 per member, 5,000 for the server" in shown

    changed = await settings_command(
        h,
        ADMIN,
        [
            option("read", BOOLEAN, False),
            option("read_channel", CHANNEL, str(READ_CHANNEL_ID)),
            option("read_max_length", INTEGER, 120),
            option("read_ignore_prefixes", STRING, "- ~ >"),
            option("read_emoji", STRING, "off"),
            option("read_announce", STRING, "on_change"),
            option("read_member_chars_per_minute", INTEGER, 600),
            option("read_server_chars_per_minute", INTEGER, 2400),
        ],
    )
    assert "Reading messages aloud: off" in changed
    assert f"Read channel: <#{READ_CHANNEL_ID}>" in changed
    assert "Longest message read: 120 characters" in changed
    assert "Not read when starting with: `-` `~` `>`" in changed
    assert "Emoji: left out" in changed
    assert "Say who speaks: when another member spoke" in changed
    assert "Characters read per minute: 600 per member, 2,400 for the server" in changed
    rules = await h.voicebot.community_settings(_admin_member())
    assert rules.read_channel == str(READ_CHANNEL_ID)
    assert rules.read_ignore_prefixes == ("-", "~", ">")

    cleared = await settings_command(h, ADMIN, [option("no_read_channel", BOOLEAN, True)])
    assert "Read channel: none" in cleared
    assert (await h.voicebot.community_settings(_admin_member())).read_channel is None


async def test_a_bad_reading_value_is_explained(h: Harness) -> None:
    text = await settings_command(h, ADMIN, [option("read_max_length", INTEGER, 5)])
    assert "read_max_chars must be between 20 and 2,000" in text
    assert text.endswith("-# not_allowed")
    text = await settings_command(h, ADMIN, [option("read_ignore_prefixes", STRING, "x" * 9)])
    assert "at most 10 prefixes" in text and text.endswith("-# not_allowed")


async def test_non_admin_is_refused(h: Harness) -> None:
    text = await settings_command(h, ALICE, [option("cloning", BOOLEAN, False)])
    assert "Only admins" in text
    assert text.endswith("-# not_allowed")
    assert (await settings_command(h, ALICE, [])).endswith("-# not_allowed")
    rules = await h.voicebot.community_settings(_admin_member())
    assert rules.clone_enabled


async def test_bad_value_is_explained(h: Harness) -> None:
    text = await settings_command(h, ADMIN, [option("voices_per_member", INTEGER, 0)])
    assert "between 1 and 100" in text
    assert text.endswith("-# not_allowed")


async def test_required_role_applies_to_members(h: Harness) -> None:
    await settings_command(h, ADMIN, [option("required_role", ROLE, str(ROLE_ID))])

    refused = await slash_clone(h, ALICE)
    assert h.reply_text(refused["token"]).endswith("-# not_allowed")

    allowed = await slash_clone(h, replace(ALICE, roles=(ROLE_ID,)))
    assert h.voicebot.consent_statement in h.reply_text(allowed["token"])


def _admin_member() -> Member:
    return Member("discord", str(ADMIN.id), str(GUILD_ID), is_admin=True)
