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
    replace_prompt,
    reply,
    view_of,
    voicebot_of,
)
from bot.forget import ForgetReport

Button = discord.ui.Button[discord.ui.View]

FORGET_PROMPT = (
    "**Erase everything about you?**\n"
    "This deletes all your cloned voices at the voice service and every record this bot keeps "
    "about you. It can't be undone."
)


def forget_text(report: ForgetReport) -> str:
    counts = report.counts
    return (
        "🧹 Done: everything about you is erased "
        f"({len(report.voice_ids)} voice(s) deleted at the voice service, "
        f"{counts.requests} request(s), {counts.consents} consent record(s) and "
        f"{counts.pending} pending click(s) removed)."
    )


class ForgetButton(
    discord.ui.DynamicItem[Button], template=r"vc:forget:(?P<token>[A-Za-z0-9_-]{1,80})"
):
    def __init__(self, token: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Erase everything",
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


def forget_view(token: str) -> discord.ui.View:
    return view_of(ForgetButton(token), CancelButton(token))


async def forget_confirmed(interaction: discord.Interaction, token: str) -> None:
    await interaction.response.defer()
    report = await voicebot_of(interaction).forget_confirmed(
        token, member_from_interaction(interaction)
    )
    click_accepted(interaction)
    await replace_prompt(interaction, forget_text(report))


@app_commands.command(name="forget-me", description="Erase your voices and everything about you")
async def forget_me_command(interaction: discord.Interaction) -> None:
    await begin(interaction)
    action = await voicebot_of(interaction).ask_forget(member_from_interaction(interaction))
    await reply(interaction, FORGET_PROMPT, view=forget_view(action.token))
