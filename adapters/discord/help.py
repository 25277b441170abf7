"""/help on Discord: how to clone, the commands the member may use here (named as their client
shows them), whether cloning and /say are on in this server; admins also see theirs. The first
DM a member sends that is not a recording gets the same overview."""

from __future__ import annotations

import discord
from discord import app_commands

from adapters.discord.context import DiscordContext
from bot.facade import Overview
from bot.i18n import Translator


def help_text(t: Translator, seen: Overview) -> str:
    """``t`` names the commands the member's client way (``/hilfe`` in German)."""
    lines = [
        f"**{t('help-title')}**",
        t("help-how-to-clone"),
        "",
        f"**{t('help-commands-title')}**",
    ]
    commands = []
    if seen.may_clone:
        commands.append("help-cmd-clone")
    commands.append("help-cmd-voices")
    if seen.may_say:
        commands.append("help-cmd-say")
    commands += ["help-cmd-my-data", "help-cmd-forget-me", "help-cmd-help"]
    lines += [f"• {t(key)}" for key in commands]
    lines.append("")
    if seen.in_community:
        lines.append(t("help-status-clone", state=t.on_off(seen.clone_enabled)))
        lines.append(t("help-status-say", state=t.on_off(seen.say_enabled)))
    else:
        lines.append(t("help-status-dm"))
    if seen.is_admin:
        lines += ["", f"**{t('help-admin-title')}**", f"• {t('help-cmd-clone-settings')}"]
    return "\n".join(lines)


@app_commands.command(name="help", description="What this bot can do for you here")
async def help_command(interaction: discord.Interaction) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin(ephemeral=True)
    await ctx.reply(help_text(ctx.t, await ctx.voicebot.overview(ctx.member)))
