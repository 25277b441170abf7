"""/forget-me on Discord: a confirmation prompt; the core erases on the click."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands

from adapters.discord.clone import CancelButton
from adapters.discord.context import DiscordContext
from adapters.discord.replies import view_of
from bot.facade import ForgetReport
from bot.i18n import Translator

Button = discord.ui.Button[discord.ui.View]


def forget_prompt(t: Translator) -> str:
    return f"**{t('forget-title')}**\n{t('forget-body')}"


def forget_text(t: Translator, report: ForgetReport) -> str:
    counts = report.counts
    done = t(
        "forget-done",
        voices=len(report.voice_ids),
        requests=counts.requests,
        consents=counts.consents,
        pending=counts.pending,
    )
    return f"🧹 {done}"


class ForgetButton(
    discord.ui.DynamicItem[Button], template=r"vc:forget:(?P<token>[A-Za-z0-9_-]{1,80})"
):
    def __init__(self, token: str, label: str = "Erase everything") -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.danger,
                custom_id=f"vc:forget:{token}",
            )
        )
        self.token = token

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> ForgetButton:
        return cls(match["token"])

    async def callback(self, interaction: discord.Interaction) -> None:
        ctx = DiscordContext.of(interaction)
        await ctx.run_click(forget_confirmed(ctx, self.token))


def forget_view(t: Translator, token: str) -> discord.ui.View:
    return view_of(
        ForgetButton(token, t("button-erase-everything")), CancelButton(token, t("button-cancel"))
    )


async def forget_confirmed(ctx: DiscordContext, token: str) -> None:
    await ctx.begin_click()
    report = await ctx.voicebot.forget_confirmed(token, ctx.member)
    ctx.click_accepted()
    await ctx.replace_prompt(forget_text(ctx.t, report))


@app_commands.command(name="forget-me", description="Erase your voices and everything about you")
async def forget_me_command(interaction: discord.Interaction) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin()
    action = await ctx.voicebot.ask_forget(ctx.member)
    await ctx.reply(forget_prompt(ctx.t), view=forget_view(ctx.t, action.token))
