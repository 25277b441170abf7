"""/forget-me on Discord: a confirmation prompt; the core erases on the click."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands

from adapters.discord.clone import CancelButton
from adapters.discord.errors import reporting_errors
from adapters.discord.plumbing import (
    begin,
    click_accepted,
    member_from_interaction,
    messages_of,
    replace_prompt,
    reply,
    view_of,
    voicebot_of,
)
from bot.forget import ForgetReport
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
        await reporting_errors(interaction, forget_confirmed(interaction, self.token))


def forget_view(t: Translator, token: str) -> discord.ui.View:
    return view_of(
        ForgetButton(token, t("button-erase-everything")), CancelButton(token, t("button-cancel"))
    )


async def forget_confirmed(interaction: discord.Interaction, token: str) -> None:
    await interaction.response.defer()
    report = await voicebot_of(interaction).forget_confirmed(
        token, member_from_interaction(interaction)
    )
    click_accepted(interaction)
    await replace_prompt(interaction, forget_text(messages_of(interaction), report))


@app_commands.command(name="forget-me", description="Erase your voices and everything about you")
async def forget_me_command(interaction: discord.Interaction) -> None:
    await begin(interaction)
    action = await voicebot_of(interaction).ask_forget(member_from_interaction(interaction))
    t = messages_of(interaction)
    await reply(interaction, forget_prompt(t), view=forget_view(t, action.token))
