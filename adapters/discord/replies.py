"""How a command answers: acknowledge first (3 s deadline), then edit that reply."""

from __future__ import annotations

import discord

from adapters.discord import rendering


async def begin(interaction: discord.Interaction, *, ephemeral: bool = True) -> None:
    """Acknowledge before anything slow; the "thinking…" reply then holds the answer or error."""
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    # A private reply can turn into the error; a public one must not show it to the channel.
    key = rendering.ERRORS_REPLACE_REPLY if ephemeral else rendering.ERRORS_DROP_REPLY
    interaction.extras[key] = True


async def reply(
    interaction: discord.Interaction,
    content: str,
    *,
    files: list[discord.File] | None = None,
    view: discord.ui.View | None = None,
) -> None:
    await interaction.edit_original_response(
        content=content,
        attachments=files or [],
        view=view,
        allowed_mentions=rendering.NO_MENTIONS,
    )
