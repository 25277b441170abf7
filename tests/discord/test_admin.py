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
    option,
)

ROLE_ID = 1200000000000000077


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


async def settings_command(h: Harness, who: Any, options: list[dict[str, Any]]) -> str:
    payload = h.payloads.slash(
        "clone-settings", who, options, resolved={"roles": {str(ROLE_ID): role_payload()}}
    )
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
