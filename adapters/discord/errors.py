"""The one place the Discord adapter turns an error into what a member sees."""

from __future__ import annotations

import logging
from collections.abc import Awaitable

import discord
from discord import app_commands

from adapters.discord.plumbing import (
    ERRORS_DROP_REPLY,
    ERRORS_REPLACE_REPLY,
    NO_MENTIONS,
    services_of,
)
from bot.errors import BotError, InternalError, NotAllowed
from bot.service import VoiceBot

log = logging.getLogger(__name__)

#: The core's next steps, in Discord's commands.
NEXT_STEPS = {
    "delete_voice": "Use `/voice delete` (or the buttons of `/voices`).",
    "list_voices": "Use `/voices` to see the voices you have.",
    "clone": "Use `/clone` with a recording of you speaking, or send me a voice message in DM.",
}


def _unwrap(exc: BaseException) -> BaseException:
    if isinstance(exc, app_commands.CommandInvokeError):
        return _unwrap(exc.original)
    if isinstance(exc, app_commands.NoPrivateMessage):
        return NotAllowed("That works only in a server.")
    if isinstance(exc, app_commands.CheckFailure):
        return NotAllowed()
    if isinstance(exc, app_commands.TransformerError) and isinstance(exc.__cause__, BotError):
        return exc.__cause__
    return exc


def error_text(voicebot: VoiceBot, exc: BaseException) -> str:
    """The message for ``exc``, its next step in Discord's words, and its stable code in small
    text. Unknown errors are logged by the core with a reference id, which the message
    carries."""
    error = voicebot.describe_error(_unwrap(exc))
    note = error.code
    if isinstance(error, InternalError):
        note = f"{error.code} · reference {error.reference}"
    step = NEXT_STEPS.get(error.next_step or "")
    message = f"{error.message} {step}" if step else error.message
    return f"{message}\n-# {note}"


async def show_error(interaction: discord.Interaction, exc: BaseException) -> None:
    """The one way an error reaches a member who clicked or ran a command."""
    text = error_text(services_of(interaction.client).voicebot, exc)
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        elif interaction.extras.get(ERRORS_REPLACE_REPLY):
            await interaction.edit_original_response(
                content=text, view=None, attachments=[], allowed_mentions=NO_MENTIONS
            )
        elif interaction.extras.get(ERRORS_DROP_REPLY):
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            await interaction.delete_original_response()
        else:
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as delivery:
        log.warning(
            "could not show error to user %s (interaction %s): %s",
            interaction.user.id,
            interaction.id,
            delivery.status,
        )


async def show_error_in_channel(
    voicebot: VoiceBot, channel: discord.abc.Messageable, exc: BaseException
) -> None:
    """The same, for a message the member sent (a DM): answer in that channel."""
    text = error_text(voicebot, exc)
    try:
        await channel.send(text, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as delivery:
        log.warning("could not show error in channel: %s", delivery.status)


async def reporting_errors(interaction: discord.Interaction, handler: Awaitable[None]) -> None:
    """Runs a click's handler; its failure is shown to the member who clicked."""
    try:
        await handler
    except Exception as exc:  # noqa: BLE001 - the adapter's one error handler for clicks
        await show_error(interaction, exc)
