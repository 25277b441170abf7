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
    channel = f"<#{rules.read_channel}>" if rules.read_channel else t("value-none")
    return "\n".join(
        [
            f"**{t('settings-title-server')}**",
            t("settings-cloning", value=t.on_off(rules.clone_enabled)),
            t("settings-say", value=t.on_off(rules.say_enabled)),
            t("settings-required-role", value=role),
            t("settings-voices-per-member", value=rules.voices_per_member),
            t("settings-cooldown", value=t.duration(rules.cooldown_seconds)),
            t("settings-max-say", count=rules.max_say_chars),
            t("settings-read", value=t.on_off(rules.read_enabled)),
            t("settings-read-channel", value=channel),
            t("settings-read-max", count=rules.read_max_chars),
            t("settings-read-ignore-prefixes", value=prefixes_text(t, rules.read_ignore_prefixes)),
            t("settings-read-emoji", value=t(f"settings-read-emoji-{rules.read_emoji}")),
            t(
                "settings-read-announce",
                value=t(f"settings-read-announce-{rules.read_announce.replace('_', '-')}"),
            ),
            t(
                "settings-read-rates",
                member=rules.read_member_chars_per_minute,
                community=rules.read_community_chars_per_minute,
            ),
        ]
    )


def prefixes_text(t: Translator, prefixes: tuple[str, ...]) -> str:
    """The ignore prefixes as code spans, so that Discord shows ``*`` or ``>`` as typed."""
    return " ".join(f"`{prefix}`" for prefix in prefixes) if prefixes else t("value-none")


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
    read="Allow reading members' messages aloud here",
    read_channel="A text channel whose messages are read too",
    no_read_channel="Remove the read channel",
    read_max_length="The longest message read aloud, in characters",
    read_ignore_prefixes="Messages starting with these are not read (separated by spaces)",
    read_emoji="Whether emoji are read by their name",
    read_announce="Whether the bot says who speaks",
    read_member_chars_per_minute="Characters read per minute for one member",
    read_server_chars_per_minute="Characters read per minute for the whole server",
)
@app_commands.choices(
    read_emoji=[
        app_commands.Choice(name="Read their names", value="names"),
        app_commands.Choice(name="Leave them out", value="off"),
    ],
    read_announce=[
        app_commands.Choice(name="Never", value="off"),
        app_commands.Choice(name="When another member spoke", value="on_change"),
    ],
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
    read: bool | None = None,
    read_channel: app_commands.AppCommandChannel | None = None,
    no_read_channel: bool = False,
    read_max_length: int | None = None,
    read_ignore_prefixes: str | None = None,
    read_emoji: app_commands.Choice[str] | None = None,
    read_announce: app_commands.Choice[str] | None = None,
    read_member_chars_per_minute: int | None = None,
    read_server_chars_per_minute: int | None = None,
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
            ("read_enabled", read),
            ("read_channel", str(read_channel.id) if read_channel is not None else None),
            ("read_max_chars", read_max_length),
            ("read_ignore_prefixes", read_ignore_prefixes),
            ("read_emoji", read_emoji.value if read_emoji is not None else None),
            ("read_announce", read_announce.value if read_announce is not None else None),
            ("read_member_chars_per_minute", read_member_chars_per_minute),
            ("read_community_chars_per_minute", read_server_chars_per_minute),
        )
        if value is not None
    }
    if no_required_role and required_role is None:
        changes["required_role"] = None
    if no_read_channel and read_channel is None:
        changes["read_channel"] = None
    if changes:
        rules = await ctx.voicebot.update_community_settings(ctx.member, changes)
    else:
        rules = await ctx.voicebot.community_settings(ctx.member)
    await ctx.reply(settings_text(ctx.t, rules))
