"""/clone-settings: the community's rules. Discord shows it to Manage Server members only;
the core refuses anyone else (Member.is_admin)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from adapters.discord.context import DiscordContext
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
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    changes: dict[str, Any] = {
        setting: value
        for setting, value in (
            ("clone_enabled", cloning),
            ("say_enabled", say),
            ("required_role", str(required_role.id) if required_role is not None else None),
            ("voices_per_member", voices_per_member),
            ("cooldown_seconds", cooldown_seconds),
            ("max_say_chars", max_say_length),
        )
        if value is not None
    }
    if no_required_role and required_role is None:
        changes["required_role"] = None
    if changes:
        rules = await ctx.voicebot.update_community_settings(ctx.member, changes)
    else:
        rules = await ctx.voicebot.community_settings(ctx.member)
    await ctx.reply(settings_text(ctx.t, rules))
