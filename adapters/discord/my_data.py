"""/my-data on Discord: everything the bot holds about the member, as a JSON file in a reply
only they see."""

from __future__ import annotations

import io

import discord
from discord import app_commands

from adapters.discord.context import DiscordContext


@app_commands.command(name="my-data", description="Download everything this bot holds about you")
async def my_data_command(interaction: discord.Interaction) -> None:
    ctx = DiscordContext.of(interaction)
    await ctx.begin(ephemeral=True)
    document = await ctx.voicebot.my_data(ctx.member)
    # In memory only: the file goes from these bytes straight into the upload.
    attached = discord.File(
        io.BytesIO(document), filename=ctx.voicebot.my_data_file_name(ctx.member)
    )
    await ctx.reply(f"🗂️ {ctx.t('my-data-ready')}", files=[attached])
