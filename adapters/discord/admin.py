"""/clone-settings: the community's rules. Discord shows it to Manage Server members only;
the core refuses anyone else (Member.is_admin)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from adapters.discord.plumbing import (
    begin,
    member_from_interaction,
    messages_of,
    reply,
    voicebot_of,
)
from bot.i18n import Translator
from bot.models import CommunitySettings


def settings_text(t: Translator, rules: CommunitySettings) -> str:
    role = f"<@&{rules.required_role}>" if rules.required_role else t("value-none")
    return "\n".join(
        [
            f"**{t('settings-title-server')}**",
            t("settings-cloning", value=t.on_off(rules.clone_enabled)),
            t("settings-say", value=t.on_off(rules.say_enabled)),
            t("settings-required-role", value=role),
            t("settings-voices-per-member", value=rules.voices_per_member),
            t("settings-cooldown", value=t.duration(rules.cooldown_seconds)),
            t("settings-max-say", count=rules.max_say_chars),
        ]
    )


@app_commands.command(
    name="clone-settings", description="Show or change voice cloning settings for this server"
)
@app_commands.describe(
    cloning="Allow voice cloning here",
    say="Allow /say here",
    required_role="Only members with this role may clone and use /say",
    no_required_role="Remove the required role",
    voices_per_member="How many voices each member may have",
    cooldown_seconds="Seconds between two clones by one member",
    max_say_length="The longest /say text, in characters",
)
@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
async def settings_command(
    interaction: discord.Interaction,
    cloning: bool | None = None,
    say: bool | None = None,
    required_role: discord.Role | None = None,
    no_required_role: bool = False,
    voices_per_member: int | None = None,
    cooldown_seconds: float | None = None,
    max_say_length: int | None = None,
) -> None:
    await begin(interaction)
    changes: dict[str, Any] = {}
    if cloning is not None:
        changes["clone_enabled"] = cloning
    if say is not None:
        changes["say_enabled"] = say
    if required_role is not None:
        changes["required_role"] = str(required_role.id)
    elif no_required_role:
        changes["required_role"] = None
    if voices_per_member is not None:
        changes["voices_per_member"] = voices_per_member
    if cooldown_seconds is not None:
        changes["cooldown_seconds"] = cooldown_seconds
    if max_say_length is not None:
        changes["max_say_chars"] = max_say_length
    voicebot = voicebot_of(interaction)
    member = member_from_interaction(interaction)
    if changes:
        rules = await voicebot.update_community_settings(member, changes)
    else:
        rules = await voicebot.community_settings(member)
    await reply(interaction, settings_text(messages_of(interaction), rules))
